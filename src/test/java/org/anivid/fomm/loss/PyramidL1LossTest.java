package org.anivid.fomm.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.anivid.torch.NoGrad;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pyramid L1 loss, the factory and the lookup of the VGG19 weights. */
class PyramidL1LossTest {
    @TempDir
    Path temp;

    @Test
    void equalsTheHandComputedValueAtScaleOne() {
        try (NDManager manager = NDManager.newBaseManager("PyTorch");
                PyramidL1Loss loss = PyramidL1Loss.create(List.of(1.0), 10, manager)) {
            // every channel: |0 − 0| + |0 − 1| + |0 − 0.5| + |0 − 0.25| over 4 pixels = 0.4375, times 10
            float[] pattern = {0, 1, 0.5f, 0.25f};
            float[] real = new float[12];
            for (int c = 0; c < 3; c++) {
                System.arraycopy(pattern, 0, real, 4 * c, 4);
            }
            NDArray value = loss.loss(manager.zeros(new Shape(1, 3, 2, 2)), manager.create(real, new Shape(1, 3, 2, 2)));
            assertThat(value.getShape()).isEqualTo(new Shape());
            assertThat(value.getFloat()).isCloseTo(4.375f, within(1e-6f));
        }
    }

    /** At scale 0.5: a 5×5 Gaussian of σ 0.5 with zero padding, then every second pixel, computed with loops here. */
    @Test
    void equalsTheHandComputedValueOverThePyramid() {
        int size = 8;
        Random random = new Random(2);
        float[] generated = new float[3 * size * size];
        float[] real = new float[generated.length];
        for (int i = 0; i < generated.length; i++) {
            generated[i] = random.nextFloat();
            real[i] = random.nextFloat();
        }
        double[] kernel = new double[5];
        for (int i = 0; i < 5; i++) {
            kernel[i] = Math.exp(-(i - 2) * (i - 2) / (2 * 0.5 * 0.5));
        }
        double kernelSum = 0;
        for (double a : kernel) {
            for (double b : kernel) {
                kernelSum += a * b;
            }
        }
        double full = 0;
        double half = 0;
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    int i = (c * size + y) * size + x;
                    full += Math.abs(generated[i] - real[i]);
                }
            }
            for (int y = 0; y < size / 2; y++) {
                for (int x = 0; x < size / 2; x++) {
                    double blurred = 0; // blur is linear: blur(g) − blur(r) = blur(g − r)
                    for (int ky = 0; ky < 5; ky++) {
                        for (int kx = 0; kx < 5; kx++) {
                            int yy = 2 * y + ky - 2;
                            int xx = 2 * x + kx - 2;
                            if (yy >= 0 && yy < size && xx >= 0 && xx < size) {
                                int i = (c * size + yy) * size + xx;
                                blurred += kernel[ky] * kernel[kx] / kernelSum * (generated[i] - real[i]);
                            }
                        }
                    }
                    half += Math.abs(blurred);
                }
            }
        }
        double expected = 3 * (full / (3 * size * size) + half / (3 * size * size / 4.0));
        try (NDManager manager = NDManager.newBaseManager("PyTorch");
                PyramidL1Loss loss = PyramidL1Loss.create(List.of(1.0, 0.5), 3, manager)) {
            float value = loss.loss(manager.create(generated, new Shape(1, 3, size, size)),
                    manager.create(real, new Shape(1, 3, size, size))).getFloat();
            assertThat((double) value).isCloseTo(expected, within(1e-5));
        }
    }

    @Test
    void gradientReachesTheGeneratedImageOnly() {
        try (NDManager manager = NDManager.newBaseManager("PyTorch");
                PyramidL1Loss loss = PyramidL1Loss.create(List.of(1.0, 0.5, 0.25), 10, manager)) {
            NDArray generated = manager.zeros(new Shape(1, 3, 16, 16));
            NDArray real = manager.ones(new Shape(1, 3, 16, 16));
            generated.setRequiresGradient(true);
            try (GradientCollector collector = Engine.getEngine("PyTorch").newGradientCollector()) {
                collector.backward(loss.loss(generated, real));
                NDArray gradient = generated.getGradient();
                // every pixel is below the real one: all gradients negative; the scale-1 term alone gives −10/768
                assertThat(gradient.max().getFloat()).isLessThan(-10f / 768 + 1e-6f);
            }
            try (NoGrad noGrad = NoGrad.start()) {
                assertThat(loss.loss(real, real).getFloat()).isZero();
            }
        }
    }

    @Test
    void factoryPicksTheLossByTheWeightsAvailable() {
        Path vgg = VggTestWeights.write(temp.resolve("vgg19.pth"), 1);
        List<Double> scales = List.of(1.0, 0.5, 0.25, 0.125);
        List<Double> weights = List.of(10.0, 10.0, 10.0, 10.0, 10.0);
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            try (ReconstructionLoss loss = ReconstructionLosses.create(null, scales, weights, manager)) {
                assertThat(loss.name()).isEqualTo("pyramid-l1");
                assertThat(((PyramidL1Loss) loss).weight()).isEqualTo(10.0);
                assertThat(((PyramidL1Loss) loss).scales()).isEqualTo(scales);
            }
            try (ReconstructionLoss loss = ReconstructionLosses.create(vgg, scales, weights, manager)) {
                assertThat(loss.name()).isEqualTo("perceptual-vgg19");
                assertThat(((PerceptualLoss) loss).scales()).isEqualTo(scales);
            }
        }
        assertThat(ReconstructionLosses.missingVggWeightsMessage()).contains("vgg19-dcbb9e9d.pth", "pyramid L1");
    }

    @Test
    void findsTheVggWeightsInTheFirstFolderThatHasThem() throws IOException {
        Path empty = Files.createDirectories(temp.resolve("a"));
        Path second = Files.createDirectories(temp.resolve("b"));
        Path third = Files.createDirectories(temp.resolve("c"));
        assertThat(ReconstructionLosses.findVggWeights(List.of(empty, second, third))).isEmpty();
        Files.writeString(third.resolve("vgg19-dcbb9e9d.pth"), "x");
        Files.writeString(second.resolve("vgg19.pth"), "x");
        assertThat(ReconstructionLosses.findVggWeights(List.of(empty, second, third)))
                .contains(second.resolve("vgg19.pth"));
        Files.writeString(second.resolve("vgg19-dcbb9e9d.pth"), "x");
        assertThat(ReconstructionLosses.findVggWeights(List.of(empty, second, third)))
                .contains(second.resolve("vgg19-dcbb9e9d.pth"));
        Files.createDirectories(empty.resolve("vgg19.pth")); // a folder of that name is no file
        assertThat(ReconstructionLosses.findVggWeights(List.of(empty, second)))
                .contains(second.resolve("vgg19-dcbb9e9d.pth"));
    }
}
