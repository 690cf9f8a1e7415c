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

/**
 * The convolution against a direct sum, on the channel counts that libtorch 2.7.1's oneDNN kernels get wrong on
 * AMD Zen 4 (more than 8 input channels, not a multiple of 8/16: FOMM's 11, 35, 44 and 52), with one and two threads.
 */
class Conv2dLayerTest {

    @Test
    void oddChannelCountsGiveTheDirectSumWithAnyThreadCount() {
        for (int in : new int[] {3, 11, 35, 44, 52}) {
            for (int threads : new int[] {1, 2}) {
                try (TorchThreads limit = TorchThreads.limit(threads)) {
                    checkAgainstDirectSum(in, 5, 7, 3, 20, new Random(in * 31L + threads));
                    checkAgainstDirectSum(in, 4, 3, 0, 9, new Random(in * 17L + threads));
                }
            }
        }
    }

    /**
     * In training the backward pass must be right too: with AVX2, oneDNN's data gradient of a layer whose output
     * channel count is not a multiple of 8 comes back wrong or NaN (3, 5, 11 and 20 here) unless zero filters are
     * added. The reference is the same gradient in float64, which libtorch computes without oneDNN.
     */
    @Test
    void trainingGradientsMatchFloat64ForOddOutputChannels() {
        for (int[] io : new int[][] {{8, 3}, {16, 5}, {11, 11}, {16, 20}}) {
            try (NDManager manager = NDManager.newBaseManager()) {
                Conv2dLayer conv = new Conv2dLayer(io[0], io[1], 7, 3);
                conv.initialize(manager, DataType.FLOAT32);
                NDArray x = manager.randomNormal(new Shape(2, io[0], 12, 12));
                x.setRequiresGradient(true);
                try (ai.djl.training.GradientCollector collector = ai.djl.engine.Engine.getEngine("PyTorch")
                        .newGradientCollector()) {
                    collector.backward(conv.forward(new ParameterStore(manager, false), x, true).square().mean());
                }
                float[] input32 = x.getGradient().toFloatArray();
                float[] weight32 = conv.weight().getArray().getGradient().toFloatArray();

                NDArray x64 = x.toType(DataType.FLOAT64, true);
                NDArray w64 = conv.weight().getArray().toType(DataType.FLOAT64, true);
                NDArray b64 = conv.bias().getArray().toType(DataType.FLOAT64, true);
                x64.setRequiresGradient(true);
                w64.setRequiresGradient(true);
                try (ai.djl.training.GradientCollector collector = ai.djl.engine.Engine.getEngine("PyTorch")
                        .newGradientCollector()) {
                    collector.backward(ai.djl.nn.convolutional.Conv2d.conv2d(x64, w64, b64, new Shape(1, 1),
                            new Shape(3, 3), new Shape(1, 1), 1).singletonOrThrow().square().mean());
                }
                double[] input64 = x64.getGradient().toDoubleArray();
                double[] weight64 = w64.getGradient().toDoubleArray();
                for (int i = 0; i < input64.length; i++) {
                    assertThat((double) input32[i]).as("input gradient %d of %s", i, java.util.Arrays.toString(io))
                            .isCloseTo(input64[i], within(1e-5 + 1e-3 * Math.abs(input64[i])));
                }
                for (int i = 0; i < weight64.length; i++) {
                    assertThat((double) weight32[i]).as("weight gradient %d of %s", i, java.util.Arrays.toString(io))
                            .isCloseTo(weight64[i], within(1e-5 + 1e-3 * Math.abs(weight64[i])));
                }
            }
        }
    }

    @Test
    void onlyUnsafeChannelCountsArePadded() {
        assertThat(Conv2dLayer.zeroChannels(3)).isZero();
        assertThat(Conv2dLayer.zeroChannels(8)).isZero();
        assertThat(Conv2dLayer.zeroChannels(11)).isEqualTo(5);
        assertThat(Conv2dLayer.zeroChannels(24)).isEqualTo(8);
        assertThat(Conv2dLayer.zeroChannels(108)).isEqualTo(4);
        assertThat(Conv2dLayer.zeroChannels(512)).isZero();
    }

    private static void checkAgainstDirectSum(int in, int out, int k, int pad, int size, Random random) {
        float[] x = new float[in * size * size];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextFloat();
        }
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            Conv2dLayer conv = new Conv2dLayer(in, out, k, pad);
            conv.initialize(m, DataType.FLOAT32);
            float[] w = conv.weight().getArray().toFloatArray();
            float[] b = conv.bias().getArray().toFloatArray();
            NDArray result = conv.forward(new ParameterStore(m, false), m.create(x, new Shape(1, in, size, size)), false);
            int os = size + 2 * pad - k + 1;
            assertThat(result.getShape()).isEqualTo(new Shape(1, out, os, os));
            float[] r = result.toFloatArray();
            for (int o = 0; o < out; o++) {
                for (int yy = 0; yy < os; yy++) {
                    for (int xx = 0; xx < os; xx++) {
                        double sum = b[o];
                        for (int c = 0; c < in; c++) {
                            for (int ky = 0; ky < k; ky++) {
                                for (int kx = 0; kx < k; kx++) {
                                    int iy = yy + ky - pad;
                                    int ix = xx + kx - pad;
                                    if (iy >= 0 && iy < size && ix >= 0 && ix < size) {
                                        sum += w[((o * in + c) * k + ky) * k + kx] * x[(c * size + iy) * size + ix];
                                    }
                                }
                            }
                        }
                        assertThat((double) r[(o * os + yy) * os + xx]).as("in %d, out %d at %d,%d", in, o, yy, xx)
                                .isCloseTo(sum, within(1e-4));
                    }
                }
            }
        }
    }
}
