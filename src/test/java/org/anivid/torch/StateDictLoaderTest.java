package org.anivid.torch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import org.anivid.core.InvalidInputException;
import org.junit.jupiter.api.Test;

/** Loads the state dict of make_fixtures.py's djl-tiny.pt into a small DJL network and reads the values back. */
class StateDictLoaderTest {

    /** conv1 (3 -> 4, 3x3), bn1, head = Sequential(conv 4 -> 2, 1x1): the PyTorch module of djl-tiny.pt. */
    static final class TinyNet extends AbstractBlock {
        private final Block conv1;
        private final Block bn1;
        private final Block head;

        TinyNet() {
            conv1 = addChildBlock("conv1", Conv2d.builder().setFilters(4).setKernelShape(new Shape(3, 3)).build());
            bn1 = addChildBlock("bn1", BatchNorm.builder().build());
            head = addChildBlock("head", new SequentialBlock()
                    .add(Conv2d.builder().setFilters(2).setKernelShape(new Shape(1, 1)).build()));
        }

        @Override
        protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                PairList<String, Object> params) {
            NDList x = conv1.forward(store, inputs, training, params);
            x = bn1.forward(store, x, training, params);
            return head.forward(store, x, training, params);
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputs) {
            return head.getOutputShapes(bn1.getOutputShapes(conv1.getOutputShapes(inputs)));
        }

        @Override
        protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
            conv1.initialize(manager, dataType, inputShapes);
            Shape[] shapes = conv1.getOutputShapes(inputShapes);
            bn1.initialize(manager, dataType, shapes);
            head.initialize(manager, dataType, bn1.getOutputShapes(shapes));
        }
    }

    private static final Path TINY = TorchCheckpointTest.fixture("djl-tiny.pt");

    private static TinyNet initialisedNet(NDManager manager) {
        TinyNet net = new TinyNet();
        net.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 8, 8));
        return net;
    }

    @Test
    void namesParametersAsPyTorchDoes() {
        try (NDManager manager = NDManager.newBaseManager()) {
            TinyNet net = initialisedNet(manager);
            assertThat(StateDictLoader.torchNames(net, NameMapping.identity()).keySet()).containsExactly(
                    "conv1.weight", "conv1.bias", "bn1.weight", "bn1.bias", "bn1.running_mean", "bn1.running_var",
                    "head.0.weight", "head.0.bias");
            assertThat(StateDictLoader.torchNames(net, NameMapping.replacingPrefix("head.", "predictor.")).keySet())
                    .contains("predictor.0.weight").doesNotContain("head.0.weight");
        }
    }

    @Test
    void loadsEveryTensorAndTheValuesLand() throws IOException {
        JsonNode expected = TorchCheckpointTest.expected().get("djl-tiny");
        Map<String, TorchTensor> stateDict = TorchCheckpoint.readStateDict(TINY);
        try (NDManager manager = NDManager.newBaseManager()) {
            TinyNet net = initialisedNet(manager);
            LoadReport report = StateDictLoader.load(net, stateDict, manager);

            assertThat(report.complete()).as(report.describe()).isTrue();
            assertThat(report.loaded()).hasSize(8);
            assertThat(report.ignored()).containsExactly("bn1.num_batches_tracked");
            assertThat(report.describe()).isEqualTo("loaded 8 tensors, ignored 1");
            report.requireComplete(TINY);

            Map<String, Parameter> parameters = StateDictLoader.torchNames(net, NameMapping.identity());
            for (String name : report.loaded()) {
                NDArray array = parameters.get(name).getArray();
                float[] want = new float[expected.get(name).get("values").size()];
                for (int i = 0; i < want.length; i++) {
                    want[i] = (float) expected.get(name).get("values").get(i).asDouble();
                }
                assertThat(array.toFloatArray()).as(name).containsExactly(want);
                assertThat(array.getShape().getShape()).as(name).containsExactly(stateDict.get(name).shape());
            }

            // the network computes with the loaded weights: 1x1 conv over a constant input, bn in inference mode
            NDArray out = net.forward(new ParameterStore(manager, false),
                    new NDList(manager.ones(new Shape(1, 3, 8, 8))), false).singletonOrThrow();
            assertThat(out.getShape()).isEqualTo(new Shape(1, 2, 6, 6));
            assertThat(out.toFloatArray()[0]).isCloseTo(expectedFirstOutput(stateDict), within(1e-4f));
        }
    }

    /** The network's first output element for an all-ones input, computed here from the state dict. */
    private static float expectedFirstOutput(Map<String, TorchTensor> sd) {
        float[] w = sd.get("conv1.weight").toFloatArray();
        float[] b = sd.get("conv1.bias").toFloatArray();
        float[] gamma = sd.get("bn1.weight").toFloatArray();
        float[] beta = sd.get("bn1.bias").toFloatArray();
        float[] mean = sd.get("bn1.running_mean").toFloatArray();
        float[] var = sd.get("bn1.running_var").toFloatArray();
        float[] hw = sd.get("head.0.weight").toFloatArray();
        float[] hb = sd.get("head.0.bias").toFloatArray();
        double out = hb[0];
        for (int c = 0; c < 4; c++) {
            double conv = b[c];
            for (int k = 0; k < 27; k++) {
                conv += w[c * 27 + k];
            }
            double normalised = (conv - mean[c]) / Math.sqrt(var[c] + 1e-5) * gamma[c] + beta[c];
            out += hw[c] * normalised;
        }
        return (float) out;
    }

    @Test
    void reportsMissingUnexpectedAndWrongShapes() {
        Map<String, TorchTensor> stateDict = new LinkedHashMap<>(TorchCheckpoint.readStateDict(TINY));
        stateDict.remove("bn1.bias");
        stateDict.put("foo.weight", stateDict.get("conv1.bias"));
        stateDict.put("head.0.weight", stateDict.get("conv1.weight")); // [4, 3, 3, 3] where [2, 4, 1, 1] belongs
        try (NDManager manager = NDManager.newBaseManager()) {
            TinyNet net = initialisedNet(manager);
            float[] before = StateDictLoader.torchNames(net, NameMapping.identity()).get("head.0.weight")
                    .getArray().toFloatArray();
            LoadReport report = StateDictLoader.load(net, stateDict, manager);

            assertThat(report.complete()).isFalse();
            assertThat(report.missing()).containsExactly("bn1.bias");
            assertThat(report.unexpected()).containsExactly("foo.weight");
            assertThat(report.shapeMismatches())
                    .containsExactly("head.0.weight: file [4, 3, 3, 3] vs model [2, 4, 1, 1]");
            assertThat(report.ignored()).containsExactly("bn1.num_batches_tracked");
            assertThat(report.loaded()).hasSize(6);
            assertThat(StateDictLoader.torchNames(net, NameMapping.identity()).get("head.0.weight").getArray()
                    .toFloatArray()).containsExactly(before);

            Path file = Path.of("tiny.pth");
            assertThatThrownBy(() -> report.requireComplete(file))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessage("tiny.pth: not a checkpoint for this model: missing bn1.bias; unexpected foo.weight; "
                            + "wrong shape head.0.weight: file [4, 3, 3, 3] vs model [2, 4, 1, 1]");
        }
    }

    @Test
    void longListsOfProblemsAreShortened() {
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 14; i++) {
            many.add("layer" + i + ".weight");
        }
        LoadReport report = new LoadReport(List.of(), many, List.of(), List.of(), List.of());
        assertThatThrownBy(() -> report.requireComplete(Path.of("m.pth")))
                .hasMessageEndingWith("layer8.weight, layer9.weight and 4 more");
    }

    @Test
    void convertsDtypesAndRenames() {
        Map<String, TorchTensor> stateDict = new LinkedHashMap<>();
        Map<String, TorchTensor> generator = TorchCheckpoint.readStateDict(TorchCheckpointTest.fixture("mixed-zip.pt"),
                "generator");
        stateDict.put("weight", generator.get("final.weight")); // float32 [2, 2], saved as an nn.Parameter
        try (NDManager manager = NDManager.newBaseManager()) {
            Block linear = Linear.builder().setUnits(2).optBias(false).build();
            linear.initialize(manager, DataType.FLOAT32, new Shape(1, 2));
            LoadReport report = StateDictLoader.load(linear, stateDict, manager);
            assertThat(report.complete()).as(report.describe()).isTrue();
            assertThat(linear.getParameters().get("weight").getArray().toFloatArray()).containsExactly(1, 2, 3, 4);

            // float16 weights into a float32 parameter, under a renamed key
            Map<String, TorchTensor> renamed = Map.of("fc.w", generator.get("first.weight")); // float16 [2, 3]
            Block wide = Linear.builder().setUnits(2).optBias(false).build();
            wide.initialize(manager, DataType.FLOAT32, new Shape(1, 3));
            LoadReport halfReport = StateDictLoader.load(wide, renamed, manager,
                    NameMapping.renaming(Map.of("weight", "fc.w")));
            assertThat(halfReport.loaded()).containsExactly("fc.w");
            assertThat(wide.getParameters().get("weight").getArray().toFloatArray())
                    .containsExactly(0f, -0f, 1.5f, 65504f, 0x1p-24f, Float.NEGATIVE_INFINITY);
        }
    }

    @Test
    void toNDArrayKeepsShapeAndDtype() {
        Object tree = TorchCheckpoint.read(TorchCheckpointTest.fixture("mixed-legacy.pt"));
        try (NDManager manager = NDManager.newBaseManager()) {
            TorchTensor transposed = (TorchTensor) TorchCheckpointTest.at(tree, "tensors/f32_transposed");
            NDArray array = transposed.toNDArray(manager);
            assertThat(array.getShape()).isEqualTo(new Shape(4, 3));
            assertThat(array.getDataType()).isEqualTo(DataType.FLOAT32);
            assertThat(array.toFloatArray()).containsExactly(transposed.toFloatArray());
            array.addi(1); // writable: a copy, not the mapped file

            for (String name : new String[] {"f64", "i64", "i32", "i16", "i8", "u8", "bool", "scalar"}) {
                TorchTensor tensor = (TorchTensor) TorchCheckpointTest.at(tree, "tensors/" + name);
                NDArray nd = tensor.toNDArray(manager);
                assertThat(nd.getDataType()).as(name).isEqualTo(TorchTensor.djlDataType(tensor.dtype()));
                assertThat(nd.getShape().getShape()).as(name).containsExactly(tensor.shape());
                assertThat(nd.toType(DataType.FLOAT64, false).toDoubleArray()).as(name)
                        .containsExactly(tensor.toDoubleArray());
            }
            TorchTensor bf16 = (TorchTensor) TorchCheckpointTest.at(tree, "generator/first.bias");
            NDArray widened = bf16.toNDArray(manager);
            assertThat(widened.getDataType()).isEqualTo(DataType.FLOAT32);
            assertThat(widened.toFloatArray()).containsExactly(1.0f, -2.5f, 0.15625f, 0x1p100f);
        }
    }
}
