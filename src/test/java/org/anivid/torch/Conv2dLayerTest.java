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
