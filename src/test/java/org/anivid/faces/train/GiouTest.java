package org.anivid.faces.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.Random;
import org.anivid.core.BoundingBox;
import org.junit.jupiter.api.Test;

/** GIoU against values worked out by hand, and its differentiable form against the exact one. */
class GiouTest {
    private static double giou(double... c) {
        return Giou.giou(c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]);
    }

    @Test
    void identicalBoxesScoreOne() {
        assertThat(giou(0, 0, 2, 2, 0, 0, 2, 2)).isEqualTo(1.0);
        assertThat(Giou.loss(new BoundingBox(3, 4, 10, 20), new BoundingBox(3, 4, 10, 20))).isEqualTo(0.0);
    }

    @Test
    void partialOverlap() {
        // [0,0,2,2] and [1,1,3,3]: intersection 1, union 4 + 4 − 1 = 7, IoU 1/7; enclosing [0,0,3,3] of area 9:
        // GIoU = 1/7 − (9 − 7)/9 = −0.0793650...
        assertThat(giou(0, 0, 2, 2, 1, 1, 3, 3)).isCloseTo(1.0 / 7 - 2.0 / 9, within(1e-12));
        assertThat(giou(0, 0, 2, 2, 1, 1, 3, 3)).isCloseTo(-0.07936507936, within(1e-10));
    }

    @Test
    void disjointBoxesGoBelowZeroAndFurtherWithDistance() {
        // [0,0,1,1] and [2,0,3,1]: IoU 0, union 2, enclosing [0,0,3,1] area 3 → −(3 − 2)/3 = −1/3.
        assertThat(giou(0, 0, 1, 1, 2, 0, 3, 1)).isCloseTo(-1.0 / 3, within(1e-12));
        // [0,0,1,1] and [9,9,10,10]: enclosing 10 × 10 → −(100 − 2)/100 = −0.98.
        assertThat(giou(0, 0, 1, 1, 9, 9, 10, 10)).isCloseTo(-0.98, within(1e-12));
        // Touching edges: no overlap, no gap: enclosing = union → 0.
        assertThat(giou(0, 0, 1, 1, 1, 0, 2, 1)).isCloseTo(0.0, within(1e-12));
        assertThat(Giou.loss(new BoundingBox(0, 0, 1, 1), new BoundingBox(9, 9, 10, 10))).isCloseTo(1.98,
                within(1e-6));
    }

    @Test
    void nestedBoxesScoreTheirIou() {
        // [1,1,3,3] inside [0,0,4,4]: IoU 4/16; the enclosing box is the outer one, so no penalty.
        assertThat(giou(0, 0, 4, 4, 1, 1, 3, 3)).isCloseTo(0.25, within(1e-12));
        assertThat(giou(1, 1, 3, 3, 0, 0, 4, 4)).isCloseTo(0.25, within(1e-12));
    }

    @Test
    void emptyBoxesDoNotDivideByZero() {
        assertThat(giou(1, 1, 1, 1, 1, 1, 1, 1)).isEqualTo(0.0);
        // A zero-width box beside a unit box: IoU 0, union 1, enclosing [0,0,2,1] area 2 → −0.5.
        assertThat(giou(0, 0, 1, 1, 2, 0, 2, 1)).isCloseTo(-0.5, within(1e-12));
    }

    @Test
    void differentiableFormMatchesAndPullsDisjointBoxesTogether() {
        try (NDManager manager = Engine.getEngine("PyTorch").newBaseManager()) {
            Random random = new Random(4);
            int n = 200;
            float[] a = new float[4 * n];
            float[] b = new float[4 * n];
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < 2; k++) {
                    a[4 * i + k] = random.nextFloat() * 10;
                    b[4 * i + k] = random.nextFloat() * 10;
                    a[4 * i + 2 + k] = 0.5f + random.nextFloat() * 5;
                    b[4 * i + 2 + k] = 0.5f + random.nextFloat() * 5;
                }
            }
            NDArray pa = manager.create(a, new Shape(n, 4));
            NDArray pb = manager.create(b, new Shape(n, 4));
            float[] g = Giou.giou(pa, pb).toFloatArray();
            for (int i = 0; i < n; i++) {
                double expected = giou(a[4 * i] - a[4 * i + 2] / 2, a[4 * i + 1] - a[4 * i + 3] / 2,
                        a[4 * i] + a[4 * i + 2] / 2, a[4 * i + 1] + a[4 * i + 3] / 2,
                        b[4 * i] - b[4 * i + 2] / 2, b[4 * i + 1] - b[4 * i + 3] / 2,
                        b[4 * i] + b[4 * i + 2] / 2, b[4 * i + 1] + b[4 * i + 3] / 2);
                assertThat((double) g[i]).isCloseTo(expected, within(1e-5));
            }
            // Disjoint boxes (IoU 0 everywhere nearby): 1 − GIoU still has a gradient, pointing the predicted
            // box towards the target (here: its centre x should grow).
            NDArray p = manager.create(new float[] {0.5f, 0.5f, 1, 1}, new Shape(1, 4));
            p.setRequiresGradient(true);
            NDArray t = manager.create(new float[] {5.5f, 0.5f, 1, 1}, new Shape(1, 4));
            try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
                gc.backward(Giou.giou(p, t).neg().add(1f).sum());
            }
            float[] grad = p.getGradient().toFloatArray();
            assertThat(grad[0]).isLessThan(-0.01f);
        }
    }
}
