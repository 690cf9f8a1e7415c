package org.anivid.torch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Coordinate grid, anti-aliased pyramid resize and FOMM's interpolations against direct computations. */
class ResamplingTest {

    @Test
    void coordinateGridRunsFromMinusOneToOneThroughPixelCentres() {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            float[] grid = CoordinateGrid.make(m, 3, 5, DataType.FLOAT32).toFloatArray();
            for (int j = 0; j < 3; j++) {
                for (int i = 0; i < 5; i++) {
                    assertThat(grid[(j * 5 + i) * 2]).isCloseTo(2f * i / 4 - 1, within(1e-7f));
                    assertThat(grid[(j * 5 + i) * 2 + 1]).isCloseTo(2f * j / 2 - 1, within(1e-7f));
                }
            }
            assertThat(grid[0]).isEqualTo(-1f);
            assertThat(grid[grid.length - 2]).isEqualTo(1f);
            assertThat(grid[grid.length - 1]).isEqualTo(1f);
        }
    }

    @Test
    void kernelSizeAndSigmaFollowTheOfficialRule() {
        // sigma = (1/scale - 1)/2, size = 2*round(4*sigma) + 1
        assertThat(AntiAliasInterpolation2d.sigma(0.25)).isEqualTo(1.5);
        assertThat(AntiAliasInterpolation2d.kernelSize(0.25)).isEqualTo(13);
        assertThat(AntiAliasInterpolation2d.kernelSize(0.5)).isEqualTo(5);
        assertThat(AntiAliasInterpolation2d.kernelSize(0.125)).isEqualTo(29);
        float[] k = AntiAliasInterpolation2d.gaussianKernel(5, 0.5);
        double sum = 0;
        for (float v : k) {
            sum += v;
        }
        assertThat(sum).isCloseTo(1, within(1e-6));
        // centre over its horizontal neighbour: exp(1 / (2 * 0.25)) = e^2
        assertThat((double) k[12] / k[13]).isCloseTo(Math.exp(2), within(1e-4));
    }

    @Test
    void antiAliasResizeIsAGaussianBlurThenEveryFourthPixel() {
        int c = 2;
        int h = 16;
        int w = 12;
        double scale = 0.25;
        Random random = new Random(3);
        float[] input = new float[c * h * w];
        for (int i = 0; i < input.length; i++) {
            input[i] = random.nextFloat();
        }
        float[] out;
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            AntiAliasInterpolation2d down = new AntiAliasInterpolation2d(c, scale);
            down.initialize(m, DataType.FLOAT32);
            NDArray result = down.forward(new ParameterStore(m, false), m.create(input, new Shape(1, c, h, w)), false);
            assertThat(result.getShape()).isEqualTo(new Shape(1, c, 4, 3));
            out = result.toFloatArray();
        }
        // Direct: Gaussian of sigma 1.5 on 13 taps around each kept pixel (4i, 4j), zeros outside.
        int size = 13;
        double sigma = 1.5;
        double[] axis = new double[size];
        double axisSum = 0;
        for (int i = 0; i < size; i++) {
            axis[i] = Math.exp(-Math.pow(i - 6, 2) / (2 * sigma * sigma));
            axisSum += axis[i];
        }
        for (int ch = 0; ch < c; ch++) {
            for (int oy = 0; oy < 4; oy++) {
                for (int ox = 0; ox < 3; ox++) {
                    double expected = 0;
                    for (int ky = 0; ky < size; ky++) {
                        for (int kx = 0; kx < size; kx++) {
                            int y = oy * 4 + ky - 6;
                            int x = ox * 4 + kx - 6;
                            if (y >= 0 && y < h && x >= 0 && x < w) {
                                expected += axis[ky] * axis[kx] / (axisSum * axisSum) * input[(ch * h + y) * w + x];
                            }
                        }
                    }
                    assertThat((double) out[(ch * 4 + oy) * 3 + ox]).isCloseTo(expected, within(1e-6));
                }
            }
        }
    }

    @Test
    void scaleOneLeavesThePictureAlone() {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            AntiAliasInterpolation2d identity = new AntiAliasInterpolation2d(3, 1.0);
            identity.initialize(m, DataType.FLOAT32);
            NDArray x = m.randomUniform(0, 1, new Shape(1, 3, 5, 5));
            assertThat(identity.forward(new ParameterStore(m, false), x, false)).isSameAs(x);
        }
    }

    @Test
    void nearestInterpolationRepeatsAndSubsamplesAsPyTorch() {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            NDArray x = m.create(new float[] {1, 2, 3, 4, 5, 6}, new Shape(1, 1, 2, 3));
            assertThat(Interpolation.upsampleNearest2x(x).toFloatArray()).containsExactly(
                    1, 1, 2, 2, 3, 3, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 4, 4, 5, 5, 6, 6);
            NDArray big = m.arange(0f, 90f).reshape(1, 1, 9, 10);
            // floor(9 * 0.25) = 2 rows, floor(10 * 0.25) = 2 columns: pixels 0 and 4 of each axis
            assertThat(Interpolation.downsampleNearest(big, 0.25).toFloatArray()).containsExactly(0, 4, 40, 44);
        }
    }

    @Test
    void bilinearResizeUsesHalfPixelCentresClampedAtTheBorder() {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            NDArray x = m.create(new float[] {0, 10}, new Shape(1, 1, 1, 2));
            // 2 → 4: source = (i + 0.5)/2 − 0.5 = −0.25 (clamped 0), 0.25, 0.75, 1.25 (upper pixel repeats)
            assertThat(Interpolation.resizeBilinear(x, 1, 4).toFloatArray())
                    .containsExactly(new float[] {0, 2.5f, 7.5f, 10}, within(1e-6f));
            NDArray y = m.create(new float[] {0, 4, 8, 12}, new Shape(1, 1, 4, 1));
            // 4 → 2: source = 2(i + 0.5) − 0.5 = 0.5, 2.5
            assertThat(Interpolation.resizeBilinear(y, 2, 1).toFloatArray())
                    .containsExactly(new float[] {2, 10}, within(1e-6f));
        }
    }
}
