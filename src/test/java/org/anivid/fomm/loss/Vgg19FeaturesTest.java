package org.anivid.fomm.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.anivid.core.InvalidInputException;
import org.anivid.torch.NoGrad;
import org.anivid.torch.TorchCheckpoint;
import org.anivid.torch.TorchCheckpointWriter;
import org.anivid.torch.TorchTensor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** torchvision's VGG19 features from a checkpoint in its layout (random weights, written by the test). */
class Vgg19FeaturesTest {
    @TempDir
    static Path temp;
    static Path weights;

    @BeforeAll
    static void writeWeights() {
        weights = VggTestWeights.write(temp.resolve("vgg19-dcbb9e9d.pth"), 3);
    }

    @Test
    void hasTorchvisionsLayout() {
        Vgg19Features vgg = new Vgg19Features();
        assertThat(vgg.convModules()).containsExactly(0, 2, 5, 7, 10, 12, 14, 16, 19, 21, 23, 25, 28);
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            vgg.initialize(manager, ai.djl.ndarray.types.DataType.FLOAT32);
            Map<String, NDArray> names = TorchCheckpointWriter.stateDict(vgg);
            assertThat(names).hasSize(26).containsKeys("features.0.weight", "features.28.bias");
            assertThat(names.get("features.0.weight").getShape()).isEqualTo(new Shape(64, 3, 3, 3));
            assertThat(names.get("features.5.weight").getShape()).isEqualTo(new Shape(128, 64, 3, 3));
            assertThat(names.get("features.19.weight").getShape()).isEqualTo(new Shape(512, 256, 3, 3));
            assertThat(names.get("features.28.weight").getShape()).isEqualTo(new Shape(512, 512, 3, 3));
        }
    }

    @Test
    void givesTheFiveActivationsAtTheirSizes() {
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            Vgg19Features vgg = Vgg19Features.load(weights, manager);
            ParameterStore ps = new ParameterStore(manager, false);
            NDArray image = manager.randomUniform(0, 1, new Shape(2, 3, 64, 64));
            List<NDArray> out;
            try (NoGrad noGrad = NoGrad.start()) {
                out = vgg.forward(ps, image);
            }
            assertThat(out).extracting(NDArray::getShape).containsExactly(new Shape(2, 64, 64, 64),
                    new Shape(2, 128, 32, 32), new Shape(2, 256, 16, 16), new Shape(2, 512, 8, 8),
                    new Shape(2, 512, 4, 4));
            for (NDArray activation : out) {
                assertThat(activation.min().getFloat()).isGreaterThanOrEqualTo(0f); // after a ReLU
                assertThat(activation.max().getFloat()).isGreaterThan(0f);
            }
            assertThatThrownBy(() -> vgg.forward(ps, manager.zeros(new Shape(1, 3, 15, 64))))
                    .hasMessageContaining("at least 16×16");
            assertThatThrownBy(() -> vgg.forward(ps, manager.zeros(new Shape(1, 1, 32, 32))))
                    .hasMessageContaining("(B, 3, H, W)");
        }
    }

    /** relu1_1 and relu2_1 computed with plain loops from the checkpoint's numbers, padding and pool included. */
    @Test
    void activationsMatchAHandComputation() {
        int size = 16;
        Random random = new Random(5);
        float[] pixels = new float[3 * size * size];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = random.nextFloat();
        }
        Map<String, TorchTensor> sd = TorchCheckpoint.readStateDict(weights);
        float[][][] x = new float[3][size][size];
        float[] mean = {0.485f, 0.456f, 0.406f};
        float[] std = {0.229f, 0.224f, 0.225f};
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < size; y++) {
                for (int xx = 0; xx < size; xx++) {
                    x[c][y][xx] = (pixels[(c * size + y) * size + xx] - mean[c]) / std[c];
                }
            }
        }
        float[][][] relu11 = reluConv(x, sd, 0);
        float[][][] relu21 = reluConv(maxPool(reluConv(relu11, sd, 2)), sd, 5);

        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            Vgg19Features vgg = Vgg19Features.load(weights, manager);
            List<NDArray> out;
            try (NoGrad noGrad = NoGrad.start()) {
                out = vgg.forward(new ParameterStore(manager, false),
                        manager.create(pixels, new Shape(1, 3, size, size)));
            }
            assertClose(out.get(0).toFloatArray(), relu11);
            assertClose(out.get(1).toFloatArray(), relu21);
        }
    }

    private static void assertClose(float[] actual, float[][][] expected) {
        int h = expected[0].length;
        int w = expected[0][0].length;
        assertThat(actual).hasSize(expected.length * h * w);
        double largest = 0;
        int positive = 0;
        for (int c = 0; c < expected.length; c++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    float want = expected[c][y][x];
                    largest = Math.max(largest, Math.abs(want));
                    positive += want > 0 ? 1 : 0;
                    assertThat(actual[(c * h + y) * w + x]).as("channel %d at (%d, %d)", c, y, x)
                            .isCloseTo(want, org.assertj.core.data.Offset.offset(1e-4f * Math.max(1, Math.abs(want))));
                }
            }
        }
        assertThat(largest).as("the check compares real activations").isGreaterThan(0.1);
        assertThat(positive).isGreaterThan(expected.length * h * w / 10);
    }

    /** ReLU(conv3x3(in, padding 1)) with the weights of {@code features.<module>}. */
    static float[][][] reluConv(float[][][] in, Map<String, TorchTensor> sd, int module) {
        TorchTensor weight = sd.get("features." + module + ".weight");
        float[] w = weight.toFloatArray();
        float[] b = sd.get("features." + module + ".bias").toFloatArray();
        int outC = (int) weight.shape()[0];
        int inC = in.length;
        int h = in[0].length;
        int wd = in[0][0].length;
        float[][][] out = new float[outC][h][wd];
        for (int o = 0; o < outC; o++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < wd; x++) {
                    double sum = b[o];
                    for (int c = 0; c < inC; c++) {
                        for (int ky = 0; ky < 3; ky++) {
                            int yy = y + ky - 1;
                            if (yy < 0 || yy >= h) {
                                continue; // zero padding (of the normalised input)
                            }
                            for (int kx = 0; kx < 3; kx++) {
                                int xx = x + kx - 1;
                                if (xx >= 0 && xx < wd) {
                                    sum += w[((o * inC + c) * 3 + ky) * 3 + kx] * in[c][yy][xx];
                                }
                            }
                        }
                    }
                    out[o][y][x] = (float) Math.max(0, sum);
                }
            }
        }
        return out;
    }

    static float[][][] maxPool(float[][][] in) {
        int h = in[0].length / 2;
        int w = in[0][0].length / 2;
        float[][][] out = new float[in.length][h][w];
        for (int c = 0; c < in.length; c++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    out[c][y][x] = Math.max(Math.max(in[c][2 * y][2 * x], in[c][2 * y][2 * x + 1]),
                            Math.max(in[c][2 * y + 1][2 * x], in[c][2 * y + 1][2 * x + 1]));
                }
            }
        }
        return out;
    }

    @Test
    void weightsAreFrozenButTheInputGetsGradients() {
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            Vgg19Features vgg = Vgg19Features.load(weights, manager);
            for (Pair<String, Parameter> pair : vgg.getParameters()) {
                assertThat(pair.getValue().requiresGradient()).as(pair.getKey()).isFalse();
                assertThat(pair.getValue().getArray().hasGradient()).as(pair.getKey()).isFalse();
            }
            NDArray image = manager.randomUniform(0, 1, new Shape(1, 3, 16, 16));
            image.setRequiresGradient(true);
            try (GradientCollector collector = Engine.getEngine("PyTorch").newGradientCollector()) {
                List<NDArray> out = vgg.forward(new ParameterStore(manager, false), image);
                collector.backward(out.get(4).sum());
                assertThat(image.getGradient().abs().sum().getFloat()).isGreaterThan(0f);
            }
        }
    }

    // --- bad checkpoints ----------------------------------------------------------------------------------------

    @Test
    void aMissingTensorIsNamed() {
        Path file = VggTestWeights.write(temp.resolve("missing.pth"), 1, sd -> sd.remove("features.10.weight"));
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            assertThatThrownBy(() -> Vgg19Features.load(file, manager))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageStartingWith(file.toString())
                    .hasMessageContaining("not a complete torchvision VGG19 checkpoint")
                    .hasMessageContaining("missing features.10.weight");
        }
    }

    @Test
    void aWrongShapeIsNamed() {
        Path file = VggTestWeights.write(temp.resolve("shape.pth"), 1, sd -> sd.put("features.0.weight",
                new TorchCheckpointWriter.FloatTensor(new long[] {64, 1, 3, 3}, new float[64 * 9])));
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            assertThatThrownBy(() -> Vgg19Features.load(file, manager))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining(file.toString())
                    .hasMessageContaining("wrong shape features.0.weight: file [64, 1, 3, 3] vs model [64, 3, 3, 3]");
        }
    }

    @Test
    void anotherModelIsRefused() {
        Path file = temp.resolve("other.pth");
        TorchCheckpointWriter.write(file, Map.of("conv.weight", TorchCheckpointWriter.FloatTensor.of(1, 2)));
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            assertThatThrownBy(() -> Vgg19Features.load(file, manager))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("is not a torchvision VGG19 checkpoint (no features.* weights)");
            assertThatThrownBy(() -> Vgg19Features.load(temp.resolve("absent.pth"), manager))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("no such file");
        }
    }
}
