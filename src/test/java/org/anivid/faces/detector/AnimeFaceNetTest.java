package org.anivid.faces.detector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.anivid.torch.FixedShapeBlock;
import org.anivid.torch.NoGrad;
import org.junit.jupiter.api.Test;

/** The network's shape, size, cost, and that folding the batch norms changes nothing. */
class AnimeFaceNetTest {

    @Test
    void isSmallAndCheapEnoughForVideoOnTwoCores() {
        AnimeFaceNet net = new AnimeFaceNet(DetectorConfig.defaults(640));
        long params = FixedShapeBlock.trainableParameterCount(net);
        // A few hundred thousand parameters: a shipped model of about a megabyte in float32.
        assertThat(params).isBetween(200_000L, 2_000_000L);
        // FaceBoxes' first layer alone (7×7, stride 4, 3 → 24 at 640×480) is 0.27 GMAC.
        assertThat(net.macs(480, 640)).isBetween(100_000_000L, 400_000_000L);
    }

    @Test
    void outputsOneMapPerStrideWithAnchorsTimesSixChannels() {
        try (NDManager manager = Engine.getEngine("PyTorch").newBaseManager(); NoGrad noGrad = NoGrad.start()) {
            AnimeFaceNet net = new AnimeFaceNet(DetectorConfig.defaults(640));
            net.initialize(manager, 1);
            NDArray x = manager.randomUniform(0, 1, new Shape(2, 3, 480, 640));
            NDList out = net.forward(new ParameterStore(manager, false), x, false);
            assertThat(out).hasSize(3);
            assertThat(out.get(0).getShape()).isEqualTo(new Shape(2, 12, 60, 80));
            assertThat(out.get(1).getShape()).isEqualTo(new Shape(2, 12, 30, 40));
            assertThat(out.get(2).getShape()).isEqualTo(new Shape(2, 12, 15, 20));
            // toFloatArray of the (sliced) head output is laid out (N, C, H, W), as the decoder reads it.
            float[] flat = out.get(1).toFloatArray();
            int c = 7;
            int i = 11;
            int j = 29;
            assertThat(flat[((1 * 12 + c) * 30 + i) * 40 + j]).isEqualTo(out.get(1).get(1, c, i, j).getFloat());
        }
    }

    @Test
    void foldedBatchNormsGiveTheSameOutputs() {
        try (NDManager manager = Engine.getEngine("PyTorch").newBaseManager(); NoGrad noGrad = NoGrad.start()) {
            AnimeFaceNet net = new AnimeFaceNet(DetectorConfig.defaults(256));
            net.initialize(manager, 2);
            // Non-trivial running statistics and affine parameters, so that folding has something to fold.
            for (var pair : net.getParameters()) {
                String name = pair.getKey();
                NDArray a = pair.getValue().getArray();
                if (name.endsWith("running_var")) {
                    a.set(manager.randomUniform(0.5f, 2f, a.getShape()).toFloatArray());
                } else if (name.endsWith("running_mean") || name.endsWith("bn_bias")) {
                    a.set(manager.randomUniform(-0.5f, 0.5f, a.getShape()).toFloatArray());
                } else if (name.endsWith("bn_weight")) {
                    a.set(manager.randomUniform(0.5f, 1.5f, a.getShape()).toFloatArray());
                }
            }
            NDArray x = manager.randomUniform(0, 1, new Shape(1, 3, 192, 256));
            ParameterStore ps = new ParameterStore(manager, false);
            float[][] plain = new float[3][];
            NDList out = net.forward(ps, x, false);
            for (int l = 0; l < 3; l++) {
                plain[l] = out.get(l).toFloatArray();
            }
            net.fuseBatchNorms();
            NDList fused = net.forward(ps, x, false);
            for (int l = 0; l < 3; l++) {
                float[] f = fused.get(l).toFloatArray();
                double scale = 0;
                for (float v : plain[l]) {
                    scale = Math.max(scale, Math.abs(v));
                }
                for (int k = 0; k < f.length; k++) {
                    assertThat((double) Math.abs(f[k] - plain[l][k])).isLessThan(1e-4 * scale);
                }
            }
        }
    }

    @Test
    void refusesInputsThatAreNotMultiplesOf32AndChannelCountsThatHitTheOneDnnBug() {
        try (NDManager manager = Engine.getEngine("PyTorch").newBaseManager(); NoGrad noGrad = NoGrad.start()) {
            AnimeFaceNet net = new AnimeFaceNet(DetectorConfig.defaults(128));
            net.initialize(manager, 1);
            NDArray x = manager.zeros(new Shape(1, 3, 100, 128));
            assertThatThrownBy(() -> net.forward(new ParameterStore(manager, false), x, false))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("multiple of 32");
        }
        assertThatThrownBy(() -> ConvBnAct.pointwise(24, 32, true)).hasMessageContaining("oneDNN");
        assertThatThrownBy(() -> ConvBnAct.pointwise(32, 12, true)).hasMessageContaining("output channels");
        assertThatThrownBy(() -> new DetectorConfig(128, new int[] {32, 64, 120, 256}, new int[] {1, 2, 2}, 64,
                DetectorConfig.defaults(128).anchors(), 1)).hasMessageContaining("multiples of 16");
    }

    @Test
    void sameSeedSameWeights() {
        try (NDManager manager = Engine.getEngine("PyTorch").newBaseManager()) {
            AnimeFaceNet a = new AnimeFaceNet(DetectorConfig.defaults(128));
            AnimeFaceNet b = new AnimeFaceNet(DetectorConfig.defaults(128));
            AnimeFaceNet c = new AnimeFaceNet(DetectorConfig.defaults(128));
            a.initialize(manager, 5);
            b.initialize(manager, 5);
            c.initialize(manager, 6);
            var pa = a.getParameters();
            var pb = b.getParameters();
            var pc = c.getParameters();
            boolean anyDifferent = false;
            for (int i = 0; i < pa.size(); i++) {
                assertThat(pb.get(i).getValue().getArray().toFloatArray())
                        .containsExactly(pa.get(i).getValue().getArray().toFloatArray());
                anyDifferent |= !java.util.Arrays.equals(pa.get(i).getValue().getArray().toFloatArray(),
                        pc.get(i).getValue().getArray().toFloatArray());
            }
            assertThat(anyDifferent).isTrue();
        }
    }
}
