package org.anivid.fomm.loss;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.anivid.torch.TorchCheckpointWriter;
import org.anivid.torch.TorchCheckpointWriter.FloatTensor;

/**
 * Writes a checkpoint laid out like torchvision's {@code vgg19-dcbb9e9d.pth} (a state dict of {@code features.*} and
 * {@code classifier.*}) with random weights, since the real one (548 MB) is not on test machines. The conv weights are
 * scaled to Kaiming's variance (2/fan-in), as torchvision initialises VGG, so activations keep their size through the
 * 13 layers. The layers after relu5_1 and the classifier, which the loss ignores, get small stand-in tensors.
 */
final class VggTestWeights {
    private VggTestWeights() {
    }

    static Path write(Path file, int seed) {
        return write(file, seed, stateDict -> { });
    }

    /** Writes the weights after {@code edit} has changed the state dict (to remove or reshape a tensor). */
    static Path write(Path file, int seed, Consumer<Map<String, Object>> edit) {
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            Engine.getEngine("PyTorch").setRandomSeed(seed);
            Vgg19Features vgg = new Vgg19Features();
            vgg.initialize(manager, DataType.FLOAT32);
            Map<String, Object> stateDict = new LinkedHashMap<>();
            for (Map.Entry<String, NDArray> entry : TorchCheckpointWriter.stateDict(vgg).entrySet()) {
                NDArray value = entry.getValue();
                // uniform(±1/√fan-in) has variance 1/(3·fan-in); Kaiming's is 2/fan-in
                stateDict.put(entry.getKey(), entry.getKey().endsWith(".weight") ? value.mul(Math.sqrt(6)) : value);
            }
            stateDict.put("features.30.weight", FloatTensor.of(1, 2, 3));
            stateDict.put("features.34.bias", FloatTensor.of(4));
            stateDict.put("classifier.0.weight", new FloatTensor(new long[] {2, 2}, new float[] {1, 2, 3, 4}));
            stateDict.put("classifier.6.bias", FloatTensor.of(0.5f));
            edit.accept(stateDict);
            TorchCheckpointWriter.write(file, stateDict);
            return file;
        }
    }
}
