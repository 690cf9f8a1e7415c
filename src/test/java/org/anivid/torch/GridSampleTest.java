package org.anivid.torch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The bilinear sampler against values worked out by hand (both align_corners conventions, zeros outside), against
 * a scalar implementation of PyTorch's formulas on a random batch, and its gradients against finite differences.
 */
class GridSampleTest {
    /** 2×2 picture [[1, 2], [3, 4]]. */
    private static final float[] PICTURE = {1, 2, 3, 4};

    private static float[] sample(boolean alignCorners, float... xy) {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            NDArray input = m.create(PICTURE, new Shape(1, 1, 2, 2));
            NDArray grid = m.create(xy, new Shape(1, 1, xy.length / 2, 2));
            return GridSample.bilinear(input, grid, alignCorners).toFloatArray();
        }
    }

    @Test
    void alignCornersPutsMinusOneOnTheFirstPixelCentre() {
        // (-1,-1) = pixel (0,0); (1,-1) = pixel (1,0); (1,1) = pixel (1,1); (0,0) = mean of all four;
        // (0.5, 0) = x 0.75, y 0.5: rows 1.75 and 3.75, mean 2.75; (2, 0) = x 1.5: half of column 1's mean (3)
        // with zeros beyond = 1.5; (3, 0) = x 2, wholly outside: 0.
        float[] out = sample(true, -1, -1, 1, -1, 1, 1, 0, 0, 0.5f, 0, 2, 0, 3, 0);
        assertThat(out).containsExactly(new float[] {1, 2, 4, 2.5f, 2.75f, 1.5f, 0}, within(1e-6f));
    }

    @Test
    void withoutAlignCornersMinusOneIsThePictureEdgeAndOutsideReadsZero() {
        // pixel coordinate = x + 0.5 on a 2-wide picture: (-1,-1) → (-0.5,-0.5): only pixel (0,0), weight 1/4;
        // (1,1) → (1.5,1.5): pixel (1,1) weight 1/4; (-1,0) → (-0.5, 0.5): half of column 0's mean (2) = 1;
        // (0,0) → (0.5,0.5): 2.5; (-0.5,-0.5) → (0,0): exactly pixel (0,0).
        float[] out = sample(false, -1, -1, 1, 1, -1, 0, 0, 0, -0.5f, -0.5f);
        assertThat(out).containsExactly(new float[] {0.25f, 1.0f, 1.0f, 2.5f, 1.0f}, within(1e-6f));
    }

    @Test
    void nonFiniteCoordinatesReadZero() {
        float[] out = sample(false, Float.NaN, 0, 0, Float.NaN, Float.POSITIVE_INFINITY, 0, -1e30f, 1e30f, 0, 0);
        assertThat(out).containsExactly(new float[] {0, 0, 0, 0, 2.5f}, within(1e-6f));
    }

    @Test
    void matchesTheScalarFormulasOnARandomBatch() {
        Random random = new Random(7);
        int n = 2;
        int c = 3;
        int h = 4;
        int w = 5;
        int ho = 3;
        int wo = 6;
        double[] input = randoms(random, n * c * h * w, 1);
        double[] grid = randoms(random, n * ho * wo * 2, 1.3);
        for (boolean align : new boolean[] {false, true}) {
            try (NDManager m = NDManager.newBaseManager("PyTorch")) {
                double[] out = GridSample.bilinear(m.create(input, new Shape(n, c, h, w)),
                        m.create(grid, new Shape(n, ho, wo, 2)), align).toDoubleArray();
                for (int b = 0; b < n; b++) {
                    for (int ch = 0; ch < c; ch++) {
                        for (int p = 0; p < ho * wo; p++) {
                            double x = grid[(b * ho * wo + p) * 2];
                            double y = grid[(b * ho * wo + p) * 2 + 1];
                            double expected = reference(input, b, ch, c, h, w, x, y, align);
                            assertThat(out[(b * c + ch) * ho * wo + p]).isCloseTo(expected, within(1e-12));
                        }
                    }
                }
            }
        }
    }

    /** PyTorch's grid_sampler_2d (bilinear, zeros) for one output value, written out in scalars. */
    private static double reference(double[] in, int b, int ch, int c, int h, int w, double x, double y,
            boolean align) {
        double ix = align ? (x + 1) / 2 * (w - 1) : ((x + 1) * w - 1) / 2;
        double iy = align ? (y + 1) / 2 * (h - 1) : ((y + 1) * h - 1) / 2;
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
    void gradientsMatchFiniteDifferences() {
        Random random = new Random(11);
        int n = 1;
        int c = 2;
        int h = 3;
        int w = 4;
        int ho = 2;
        int wo = 3;
        double[] input = randoms(random, n * c * h * w, 1);
        // Keep sample positions away from whole pixels, where bilinear interpolation has a kink.
        double[] grid = randoms(random, n * ho * wo * 2, 1.2);
        double[] weights = randoms(random, n * c * ho * wo, 1);
        for (boolean align : new boolean[] {false, true}) {
            double[] gradInput;
            double[] gradGrid;
            try (NDManager m = NDManager.newBaseManager("PyTorch")) {
                NDArray in = m.create(input, new Shape(n, c, h, w));
                NDArray g = m.create(grid, new Shape(n, ho, wo, 2));
                in.setRequiresGradient(true);
                g.setRequiresGradient(true);
                try (GradientCollector collector = Engine.getEngine("PyTorch").newGradientCollector()) {
                    NDArray loss = GridSample.bilinear(in, g, align).mul(m.create(weights, new Shape(n, c, ho, wo)))
                            .sum();
                    collector.backward(loss);
                }
                gradInput = in.getGradient().toDoubleArray();
                gradGrid = g.getGradient().toDoubleArray();
            }
            double eps = 1e-6;
            for (int i = 0; i < input.length; i++) {
                double numeric = (loss(perturbed(input, i, eps), grid, weights, align, n, c, h, w, ho, wo)
                        - loss(perturbed(input, i, -eps), grid, weights, align, n, c, h, w, ho, wo)) / (2 * eps);
                assertThat(gradInput[i]).as("d/dinput[%d], align %s", i, align).isCloseTo(numeric, within(1e-6));
            }
            for (int i = 0; i < grid.length; i++) {
                double numeric = (loss(input, perturbed(grid, i, eps), weights, align, n, c, h, w, ho, wo)
                        - loss(input, perturbed(grid, i, -eps), weights, align, n, c, h, w, ho, wo)) / (2 * eps);
                assertThat(gradGrid[i]).as("d/dgrid[%d], align %s", i, align).isCloseTo(numeric, within(1e-6));
                assertThat(Math.abs(numeric)).as("a grid gradient that is not trivially zero").isGreaterThan(0);
            }
        }
    }

    private static double loss(double[] input, double[] grid, double[] weights, boolean align, int n, int c, int h,
            int w, int ho, int wo) {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            return GridSample.bilinear(m.create(input, new Shape(n, c, h, w)), m.create(grid, new Shape(n, ho, wo, 2)),
                    align).mul(m.create(weights, new Shape(n, c, ho, wo))).sum().getDouble();
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
