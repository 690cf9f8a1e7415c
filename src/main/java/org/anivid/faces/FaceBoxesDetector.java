package org.anivid.faces;

import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.TranslateException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.anivid.core.InvalidInputException;
import org.anivid.core.RgbImage;
import org.anivid.faces.track.Detection;
import org.anivid.torch.StateDictLoader;
import org.anivid.torch.TorchCheckpoint;
import org.anivid.torch.TorchTensor;

/** FaceBoxes in DJL with weights read from a PyTorch checkpoint (for example the anime model's {@code .pth}). */
public final class FaceBoxesDetector implements FaceDetector {
    private final String name;
    private final Model model;
    private final Predictor<RgbImage, List<Detection>> predictor;

    private FaceBoxesDetector(String name, Model model, FaceBoxesOptions options) {
        this.name = name;
        this.model = model;
        this.predictor = model.newPredictor(new FaceBoxesTranslator(options));
    }

    /** Loads the network from a checkpoint; a file for another network fails naming every key that does not fit. */
    public static FaceBoxesDetector open(Path checkpoint, String name, FaceBoxesOptions options) {
        Map<String, TorchTensor> stateDict = TorchCheckpoint.readStateDict(checkpoint);
        TorchTensor confHead = stateDict.get("conf.0.weight");
        if (confHead == null || confHead.shape().length != 4 || confHead.shape()[0] % FaceBoxesNet.ANCHORS_PER_CELL[0] != 0) {
            throw new InvalidInputException(checkpoint, "not a FaceBoxes checkpoint (no conf.0.weight head of 21 anchors)");
        }
        int classes = (int) (confHead.shape()[0] / FaceBoxesNet.ANCHORS_PER_CELL[0]);
        Model model = Models.newModel("faceboxes");
        try {
            FaceBoxesNet net = new FaceBoxesNet(classes);
            net.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, 3, 256, 256));
            StateDictLoader.load(net, stateDict, model.getNDManager(), key -> key).requireComplete(checkpoint);
            net.fuseBatchNorms();
            model.setBlock(net);
            return new FaceBoxesDetector(name, model, options);
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<Detection> detect(RgbImage image) {
        try {
            return predictor.predict(image);
        } catch (TranslateException e) {
            throw new IllegalStateException("FaceBoxes failed on a " + image.width() + "x" + image.height() + " picture", e);
        }
    }

    @Override
    public OneCore oneCore() {
        return OneCore.libtorch();
    }

    @Override
    public void close() {
        predictor.close();
        model.close();
    }
}
