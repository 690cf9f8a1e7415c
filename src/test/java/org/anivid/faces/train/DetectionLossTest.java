package org.anivid.faces.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.Arrays;
import java.util.List;
import org.anivid.core.BoundingBox;
import org.anivid.faces.detector.DetectorConfig;
import org.anivid.faces.detector.YoloDecoder;
import org.anivid.faces.track.Detection;
import org.junit.jupiter.api.Test;

/**
 * The loss and the decoder agree on what the outputs mean: outputs that encode the true box exactly at every
 * assigned anchor cost no box loss, and decode to that box.
 */
class DetectionLossTest {
    private static final DetectorConfig CONFIG = DetectorConfig.defaults(128);
    private static final int[] GRID = {16, 8, 4};

    private static float logit(double p) {
        return (float) Math.log(p / (1 - p));
    }

    @Test
    void exactOutputsCostNoBoxLossAndDecodeToTheTrueBox() {
        BoundingBox truth = new BoundingBox(7, 15, 31, 39);
        var targets = TargetAssigner.assign(List.of(List.of(truth)), CONFIG, GRID, GRID, 4.0);
        float[][] levels = new float[3][];
        for (int l = 0; l < 3; l++) {
            int plane = GRID[l] * GRID[l];
            levels[l] = new float[12 * plane];
            for (int a = 0; a < 2; a++) {
                Arrays.fill(levels[l], (a * 6 + 4) * plane, (a * 6 + 5) * plane, -20f); // no object
                Arrays.fill(levels[l], (a * 6 + 5) * plane, (a * 6 + 6) * plane, 20f);  // class: face
            }
            var t = targets[l];
            for (int m = 0; m < t.count(); m++) {
                int index = t.index()[m];
                int a = index / plane;
                int cell = index % plane;
                // Invert the decoding: tx = 2σ − 0.5, tw = (2σ)²·anchor.
                levels[l][(a * 6) * plane + cell] = logit((t.box()[4 * m] + 0.5) / 2);
                levels[l][(a * 6 + 1) * plane + cell] = logit((t.box()[4 * m + 1] + 0.5) / 2);
                levels[l][(a * 6 + 2) * plane + cell] = logit(Math.sqrt(t.box()[4 * m + 2] / t.anchor()[2 * m]) / 2);
                levels[l][(a * 6 + 3) * plane + cell] = logit(Math.sqrt(t.box()[4 * m + 3] / t.anchor()[2 * m + 1]) / 2);
                levels[l][(a * 6 + 4) * plane + cell] = 20f;
            }
        }
        try (NDManager manager = Engine.getEngine("PyTorch").newBaseManager()) {
            NDList outputs = new NDList();
            for (int l = 0; l < 3; l++) {
                outputs.add(manager.create(levels[l], new Shape(1, 12, GRID[l], GRID[l])));
            }
            DetectionLoss.Result r = new DetectionLoss(CONFIG, 128).compute(outputs, List.of(List.of(truth)));
            assertThat(r.matches()).isEqualTo(15); // 3 + 6 + 6, as TargetAssignerTest works out
            assertThat(r.box()).isCloseTo(0, within(1e-5));
            // Objectness is right everywhere (target 1 = GIoU at the matches, 0 elsewhere): only the ~e^−20 tails.
            assertThat(r.objectness()).isCloseTo(0, within(1e-6));
            assertThat(r.cls()).isCloseTo(0, within(1e-6));
        }
        List<Detection> found = YoloDecoder.decode(levels, GRID, GRID, CONFIG, YoloDecoder.DecodeOptions.defaults(),
                1f, 128, 128);
        assertThat(found).hasSize(1); // the 15 identical boxes collapse in NMS
        BoundingBox b = found.get(0).box();
        assertThat(b.x1()).isCloseTo(7, within(1e-3f));
        assertThat(b.y1()).isCloseTo(15, within(1e-3f));
        assertThat(b.x2()).isCloseTo(31, within(1e-3f));
        assertThat(b.y2()).isCloseTo(39, within(1e-3f));
        assertThat(found.get(0).score()).isCloseTo(1f, within(1e-6f));
    }

    @Test
    void objectnessIsTheBalancedMeanBceAndBoxesCountOnlyWhereFacesAre() {
        BoundingBox truth = new BoundingBox(40, 40, 80, 90);
        try (NDManager manager = Engine.getEngine("PyTorch").newBaseManager()) {
            NDList zeros = new NDList();
            for (int l = 0; l < 3; l++) {
                zeros.add(manager.zeros(new Shape(2, 12, GRID[l], GRID[l])));
            }
            DetectionLoss loss = new DetectionLoss(CONFIG, 128);
            DetectionLoss.Result withFace = loss.compute(zeros, List.of(List.of(truth), List.of()));
            DetectionLoss.Result none = loss.compute(zeros, List.of(List.of(), List.of()));
            assertThat(withFace.matches()).isPositive();
            assertThat(withFace.box()).isPositive();
            assertThat(none.matches()).isZero();
            assertThat(none.box()).isZero();
            // Logits 0: BCE log 2 at every cell; the balance 4/1/0.4 and gain (128/640)² weigh the mean per level.
            double expected = Math.log(2) * (4 + 1 + 0.4) * 0.04;
            assertThat(none.objectness()).isCloseTo(expected, within(1e-6));
            assertThat(none.total().getFloat()).isCloseTo((float) (2 * expected), within(1e-6f));
        }
    }

    /** Gradients of the loss with respect to the outputs, with or without a garbage collection before backward. */
    private static float[][] gradients(boolean collectGarbage) {
        java.util.Random random = new java.util.Random(12);
        try (NDManager manager = Engine.getEngine("PyTorch").newBaseManager()) {
            NDList outputs = new NDList();
            for (int l = 0; l < 3; l++) {
                float[] v = new float[2 * 12 * GRID[l] * GRID[l]];
                for (int i = 0; i < v.length; i++) {
                    v[i] = (float) random.nextGaussian() * 2;
                }
                NDArray a = manager.create(v, new Shape(2, 12, GRID[l], GRID[l]));
                a.setRequiresGradient(true);
                outputs.add(a);
            }
            List<List<BoundingBox>> boxes = List.of(List.of(new BoundingBox(7, 15, 31, 39),
                    new BoundingBox(60, 50, 110, 104)), List.of(new BoundingBox(20, 70, 44, 96)));
            try (GradientCollector collector = Engine.getEngine("PyTorch").newGradientCollector()) {
                DetectionLoss.Result r = new DetectionLoss(CONFIG, 128).compute(outputs, boxes);
                if (collectGarbage) {
                    for (int i = 0; i < 500; i++) {
                        manager.create(new float[] {i, -i, 1e30f}).close();
                    }
                    System.gc();
                    for (int i = 0; i < 500; i++) {
                        manager.create(new float[] {1e30f, Float.NaN}).close();
                    }
                }
                collector.backward(r.total());
            }
            float[][] grads = new float[3][];
            for (int l = 0; l < 3; l++) {
                grads[l] = outputs.get(l).getGradient().toFloatArray();
            }
            return grads;
        }
    }

    /**
     * The graph keeps everything its backward pass reads: a garbage collection between forward and backward changes
     * no gradient (DJL's Number operands and NDIndex slices would, decision 0013).
     */
    @Test
    void gradientsSurviveAGarbageCollectionBeforeBackward() {
        float[][] quiet = gradients(false);
        for (int round = 0; round < 3; round++) {
            float[][] collected = gradients(true);
            for (int l = 0; l < 3; l++) {
                assertThat(collected[l]).containsExactly(quiet[l]);
            }
        }
        double total = 0;
        for (float[] g : quiet) {
            for (float v : g) {
                total += Math.abs(v);
            }
        }
        assertThat(total).isPositive();
    }
}
