package org.anivid.torch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.Random;
import org.anivid.torch.GridSample.Padding;
import org.junit.jupiter.api.Test;

/**
 * Border and reflection padding: values worked out by hand for samples outside [-1, 1], a scalar transcription of
 * PyTorch's {@code GridSampler.h} (the {@code fmod} form of the reflection, not the kernel's form used in the code) on
 * a random batch, and gradients against finite differences.
 */
class GridSamplePaddingTest {
    /** One row of four pixels: 1, 2, 4, 8 (a single row keeps y on it: y = 0 maps to row 0 in every mode). */
    private static final float[] ROW = {1, 2, 4, 8};

    private static float[] sampleRow(boolean alignCorners, Padding padding, float... xs) {
        float[] xy = new float[xs.length * 2];
        for (int i = 0; i < xs.length; i++) {
            xy[2 * i] = xs[i];
        }
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            NDArray input = m.create(ROW, new Shape(1, 1, 1, 4));
            NDArray grid = m.create(xy, new Shape(1, 1, xs.length, 2));
            return GridSample.bilinear(input, grid, alignCorners, padding).toFloatArray();
        }
    }

    @Test
    void reflectionWithoutAlignCornersMirrorsAboutThePictureEdges() {
        // pixel x = 2·x + 1.5, mirrored about -0.5 and 3.5 (period 8), then clipped to [0, 3]:
        // 1.25 → 4 → 3 (8); 1.5 → 4.5 → 2.5 (6); 2 → 5.5 → 1.5 (3); -1.5 → -1.5 → 0.5 (1.5); -2 → -2.5 → 1.5 (3);
        // 3 → 7.5 → -0.5 → clipped 0 (1); -1.1 → -0.7 → -0.3 → 0 (1); 0 → 1.5 inside (3); 4.75 → 11 → 3 → 3 (8).
        float[] out = sampleRow(false, Padding.REFLECTION, 1.25f, 1.5f, 2, -1.5f, -2, 3, -1.1f, 0, 4.75f);
        assertThat(out).containsExactly(new float[] {8, 6, 3, 1.5f, 3, 1, 1, 3, 8}, within(1e-5f));
    }

    @Test
    void reflectionWithAlignCornersMirrorsAboutTheOuterPixelCentres() {
        // pixel x = 1.5·x + 1.5, mirrored about 0 and 3 (period 6): 1.5 → 3.75 → 2.25 (0.75·4 + 0.25·8 = 5);
        // -1.5 → -0.75 → 0.75 (0.25·1 + 0.75·2 = 1.75); 3 → 6 → 0 (1); -3 → -3 → 3 (8); 2.5 → 5.25 → 0.75 (1.75);
        // 1 → 3 (8). The single row (h = 1) spans nothing and every y lands on it.
        float[] out = sampleRow(true, Padding.REFLECTION, 1.5f, -1.5f, 3, -3, 2.5f, 1);
        assertThat(out).containsExactly(new float[] {5, 1.75f, 1, 8, 1.75f, 8}, within(1e-5f));
    }

    @Test
    void borderClipsToTheOuterPixels() {
        // without align corners: 1.5 → 4.5 → 3 (8); -2 → -2.5 → 0 (1); 0.5 → 2.5 (6); +inf → 3 (8)
        float[] out = sampleRow(false, Padding.BORDER, 1.5f, -2, 0.5f, Float.POSITIVE_INFINITY);
        assertThat(out).containsExactly(new float[] {8, 1, 6, 8}, within(1e-5f));
    }

    @Test
    void reflectionWorksOnBothAxesAndNonFiniteReadsZero() {
        // 2×2 picture [[1, 2], [3, 4]], no align corners (pixel = x + 0.5, mirrored about -0.5 and 1.5):
        // (0, 1.5) → y 2 → 1: row 1's mean 3.5; (1.5, -1.5) → (1, 0): 2; (-1.25, 2.5) → (0 (clipped), 0): 1.
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            NDArray input = m.create(new float[] {1, 2, 3, 4}, new Shape(1, 1, 2, 2));
            float[] xy = {0, 1.5f, 1.5f, -1.5f, -1.25f, 2.5f, Float.NaN, 0, Float.POSITIVE_INFINITY, 0};
            float[] out = GridSample.bilinear(input, m.create(xy, new Shape(1, 1, 5, 2)), false, Padding.REFLECTION)
                    .toFloatArray();
            assertThat(out).containsExactly(new float[] {3.5f, 2, 1, 0, 0}, within(1e-6f));
        }
    }

    @Test
    void zerosPaddingIsTheOldBehaviour() {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            NDArray input = m.create(new float[] {1, 2, 3, 4}, new Shape(1, 1, 2, 2));
            NDArray grid = m.create(new float[] {-1, -1, 1.5f, 0, 0.2f, -0.3f}, new Shape(1, 1, 3, 2));
            assertThat(GridSample.bilinear(input, grid, false, Padding.ZEROS).toFloatArray())
                    .containsExactly(GridSample.bilinear(input, grid, false).toFloatArray());
        }
    }

    @Test
    void matchesPyTorchsScalarFormulasOnARandomBatch() {
        Random random = new Random(5);
        int n = 2;
        int c = 2;
        int h = 3;
        int w = 5;
        int ho = 4;
        int wo = 5;
        double[] input = randoms(random, n * c * h * w, 1);
        double[] grid = randoms(random, n * ho * wo * 2, 4);
        for (Padding padding : new Padding[] {Padding.BORDER, Padding.REFLECTION}) {
            for (boolean align : new boolean[] {false, true}) {
                try (NDManager m = NDManager.newBaseManager("PyTorch")) {
                    double[] out = GridSample.bilinear(m.create(input, new Shape(n, c, h, w)),
                            m.create(grid, new Shape(n, ho, wo, 2)), align, padding).toDoubleArray();
                    for (int b = 0; b < n; b++) {
                        for (int ch = 0; ch < c; ch++) {
                            for (int p = 0; p < ho * wo; p++) {
                                double x = grid[(b * ho * wo + p) * 2];
                                double y = grid[(b * ho * wo + p) * 2 + 1];
                                double expected = reference(input, b, ch, c, h, w, x, y, align, padding);
                                assertThat(out[(b * c + ch) * ho * wo + p]).as("%s align %s", padding, align)
                                        .isCloseTo(expected, within(1e-12));
                            }
                        }
                    }
                }
            }
        }
    }

    /** PyTorch's scalar {@code grid_sampler_compute_source_index} for border and reflection padding. */
    private static double sourceIndex(double coordinate, int size, boolean align, Padding padding) {
        double ix = align ? (coordinate + 1) / 2 * (size - 1) : ((coordinate + 1) * size - 1) / 2;
        if (padding == Padding.REFLECTION) {
            int twiceLow = align ? 0 : -1;
            int twiceHigh = align ? 2 * (size - 1) : 2 * size - 1;
            if (twiceLow == twiceHigh) {
                ix = 0;
            } else {
                double min = twiceLow / 2.0;
                double span = (twiceHigh - twiceLow) / 2.0;
                double in = Math.abs(ix - min);
                double extra = in % span; // C's fmod
                int flips = (int) Math.floor(in / span);
                ix = flips % 2 == 0 ? extra + min : span - extra + min;
            }
        }
        return Math.min(size - 1, Math.max(ix, 0));
    }

    private static double reference(double[] in, int b, int ch, int c, int h, int w, double x, double y,
            boolean align, Padding padding) {
        double ix = sourceIndex(x, w, align, padding);
        double iy = sourceIndex(y, h, align, padding);
        int x0 = (int) Math.floor(ix);
        int y0 = (int) Math.floor(iy);
        double sum = 0;
        for (int dy = 0; dy <= 1; dy++) {
            for (int dx = 0; dx <= 1; dx++) {
                int px = x0 + dx;
                int py = y0 + dy;
                double weight = (dx == 1 ? ix - x0 : x0 + 1 - ix) * (dy == 1 ? iy - y0 : y0 + 1 - iy);
                if (px >= 0 && px < w && py >= 0 && py < h) {
                    sum += weight * in[((b * c + ch) * h + py) * w + px];
                }
            }
        }
        return sum;
    }

    @Test
    void gradientsMatchFiniteDifferencesOutsideThePicture() {
        Random random = new Random(13);
        int n = 1;
        int c = 2;
        int h = 3;
        int w = 4;
        int ho = 3;
        int wo = 4;
        double[] input = randoms(random, n * c * h * w, 1);
        // Most samples well outside [-1, 1], so that one or two reflections (with their sign flips) are exercised.
        double[] grid = randoms(random, n * ho * wo * 2, 3.5);
        double[] weights = randoms(random, n * c * ho * wo, 1);
        for (Padding padding : new Padding[] {Padding.BORDER, Padding.REFLECTION}) {
            for (boolean align : new boolean[] {false, true}) {
                double[] gradInput;
                double[] gradGrid;
                try (NDManager m = NDManager.newBaseManager("PyTorch")) {
                    NDArray in = m.create(input, new Shape(n, c, h, w));
                    NDArray g = m.create(grid, new Shape(n, ho, wo, 2));
                    in.setRequiresGradient(true);
                    g.setRequiresGradient(true);
                    try (GradientCollector collector = Engine.getEngine("PyTorch").newGradientCollector()) {
                        NDArray loss = GridSample.bilinear(in, g, align, padding)
                                .mul(m.create(weights, new Shape(n, c, ho, wo))).sum();
                        collector.backward(loss);
                    }
                    gradInput = in.getGradient().toDoubleArray();
                    gradGrid = g.getGradient().toDoubleArray();
                }
                double eps = 1e-6;
                for (int i = 0; i < input.length; i++) {
                    double numeric = (loss(perturbed(input, i, eps), grid, weights, align, padding, n, c, h, w, ho, wo)
                            - loss(perturbed(input, i, -eps), grid, weights, align, padding, n, c, h, w, ho, wo))
                            / (2 * eps);
                    assertThat(gradInput[i]).as("d/dinput[%d], %s align %s", i, padding, align)
                            .isCloseTo(numeric, within(1e-6));
                }
                int mirroredNonZero = 0;
                for (int i = 0; i < grid.length; i++) {
                    double numeric = (loss(input, perturbed(grid, i, eps), weights, align, padding, n, c, h, w, ho, wo)
                            - loss(input, perturbed(grid, i, -eps), weights, align, padding, n, c, h, w, ho, wo))
                            / (2 * eps);
                    assertThat(gradGrid[i]).as("d/dgrid[%d], %s align %s", i, padding, align)
                            .isCloseTo(numeric, within(1e-6));
                    if (Math.abs(grid[i]) > 1.2 && Math.abs(numeric) > 1e-3) {
                        mirroredNonZero++;
                    }
                }
                if (padding == Padding.REFLECTION) {
                    assertThat(mirroredNonZero).as("nonzero gradients of mirrored samples").isGreaterThan(4);
                }
            }
        }
    }

    private static double loss(double[] input, double[] grid, double[] weights, boolean align, Padding padding,
            int n, int c, int h, int w, int ho, int wo) {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            return GridSample.bilinear(m.create(input, new Shape(n, c, h, w)), m.create(grid, new Shape(n, ho, wo, 2)),
                    align, padding).mul(m.create(weights, new Shape(n, c, ho, wo))).sum().getDouble();
        }
    }

    private static double[] perturbed(double[] values, int index, double delta) {
        double[] copy = values.clone();
        copy[index] += delta;
        return copy;
    }

    private static double[] randoms(Random random, int count, double range) {
        double[] values = new double[count];
        for (int i = 0; i < count; i++) {
            values[i] = (random.nextDouble() * 2 - 1) * range;
        }
        return values;
    }
}
