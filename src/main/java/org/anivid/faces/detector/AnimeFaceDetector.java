package org.anivid.faces.detector;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.inference.Predictor;
import ai.djl.translate.TranslateException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.anivid.core.RgbImage;
import org.anivid.faces.FaceDetector;
import org.anivid.faces.track.Detection;
import org.anivid.torch.NoGrad;

/**
 * The studio's own anime face detector ({@link AnimeFaceNet}) as a {@link FaceDetector}: a model file written by
 * {@link DetectorFiles} (or by {@code org.anivid.faces.train.FaceDetectorTrainer}), batch norms folded into the
 * convolutions, run through a DJL predictor with {@link AnimeFaceTranslator}. One instance per thread.
 */
public final class AnimeFaceDetector implements FaceDetector {
    /** The name the studio knows the shipped model by. */
    public static final String MODEL_NAME = "anivid-faces";

    private final String name;
    private final Model model;
    private final DetectorConfig config;
    private final int inputSize;
    private final Map<String, Object> training;
    private final Predictor<RgbImage, List<Detection>> predictor;

    private AnimeFaceDetector(String name, Model model, DetectorConfig config, Options options,
            Map<String, Object> training) {
        this.name = name;
        this.model = model;
        this.config = config;
        this.inputSize = options.inputSize() > 0 ? options.inputSize() : config.inputSize();
        this.training = training;
        this.predictor = model.newPredictor(new AnimeFaceTranslator(config, inputSize, options.decode()));
    }

    /**
     * Detection settings.
     *
     * @param inputSize long side the picture is scaled to (a multiple of 32), 0 for the model file's detection size
     *                  ({@code detect_size} in its sidecar, else the size it was trained at)
     * @param decode    score threshold, NMS, boxes per picture
     */
    public record Options(int inputSize, YoloDecoder.DecodeOptions decode) {
        public Options {
            if (inputSize < 0 || inputSize % 32 != 0) {
                throw new IllegalArgumentException("input size must be 0 or a multiple of 32, got " + inputSize);
            }
        }

        public static Options defaults() {
            return new Options(0, YoloDecoder.DecodeOptions.defaults());
        }

        public Options withInputSize(int size) {
            return new Options(size, decode);
        }

        public Options withMinScore(float minScore) {
            return new Options(inputSize, new YoloDecoder.DecodeOptions(minScore, decode.nmsIou(),
                    decode.preNmsTopK(), decode.maxDetections()));
        }
    }

    /** Opens a model file ({@code .params} or its {@code .json}) under its file name with the default settings. */
    public static AnimeFaceDetector open(Path modelFile) {
        return open(modelFile, modelFile.getFileName().toString(), Options.defaults());
    }

    /** @throws org.anivid.core.InvalidInputException when the files are missing, corrupt or do not fit together */
    public static AnimeFaceDetector open(Path modelFile, String name, Options options) {
        Model model = newModel();
        try {
            DetectorFiles.Loaded loaded = DetectorFiles.load(modelFile, model.getNDManager());
            Options o = options.inputSize() == 0 && loaded.detectSize() > 0
                    ? options.withInputSize(loaded.detectSize()) : options;
            return fromNetwork(name, model, loaded.net(), o, loaded.training());
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    /**
     * A detector with freshly initialised (untrained) weights, for speed measurements before any model is trained
     * and as the "before" of a training test.
     */
    public static AnimeFaceDetector untrained(DetectorConfig config, long seed, Options options) {
        Model model = newModel();
        try {
            AnimeFaceNet net = new AnimeFaceNet(config);
            net.initialize(model.getNDManager(), seed);
            return fromNetwork("untrained", model, net, options, Map.of());
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    private static Model newModel() {
        // Loading libtorch the first time takes a while; do it once, explicitly, on the PyTorch engine.
        Engine.getEngine("PyTorch");
        return Model.newInstance("anivid-faces", "PyTorch");
    }

    private static AnimeFaceDetector fromNetwork(String name, Model model, AnimeFaceNet net, Options options,
            Map<String, Object> training) {
        net.fuseBatchNorms();
        model.setBlock(net);
        return new AnimeFaceDetector(name, model, net.config(), options, training);
    }

    @Override
    public String name() {
        return name;
    }

    public DetectorConfig config() {
        return config;
    }

    /** The long side pictures are scaled to before the network. */
    public int inputSize() {
        return inputSize;
    }

    /** What the model's sidecar says about its training (empty for an untrained network). */
    public Map<String, Object> training() {
        return training;
    }

    @Override
    @SuppressWarnings("try") // the NoGrad scope is the point
    public List<Detection> detect(RgbImage image) {
        // Grad mode is per thread in libtorch and on by default off the engine's loading thread.
        try (NoGrad noGrad = NoGrad.start()) {
            return predictor.predict(image);
        } catch (TranslateException e) {
            throw new IllegalStateException("the face detector failed on a " + image.width() + "x" + image.height()
                    + " picture", e);
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
