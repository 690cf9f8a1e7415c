package org.anivid.fomm;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.ParameterStore;
import java.nio.file.Path;
import java.util.Map;
import org.anivid.core.InvalidInputException;
import org.anivid.torch.FixedShapeBlock;
import org.anivid.torch.LoadReport;
import org.anivid.torch.NoGrad;
import org.anivid.torch.StateDictLoader;
import org.anivid.torch.TorchCheckpoint;
import org.anivid.torch.TorchTensor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The First Order Motion Model for inference: a keypoint detector and an occlusion-aware generator (with its dense
 * motion network) built from an {@link FommConfig}, with weights from an official checkpoint ({@code kp_detector} and
 * {@code generator} state dicts, either {@code torch.save} format) or random ones.
 *
 * <p>Pictures are {@code (B, 3, H, W)} float32 in [0, 1] ({@link FommArrays#image}). Every call takes the
 * {@link NDManager} its results (and temporaries) should live on; inputs that live elsewhere, such as the source's
 * keypoints kept for a whole animation, are copied there first, so closing that manager frees everything a call made.
 * Calls run without autograd. Not thread-safe: one model per thread, like a DJL predictor.
 */
public final class FommModel implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FommModel.class);

    private final FommConfig config;
    private final NDManager manager;
    private final KeypointDetector keypointDetector;
    private final OcclusionAwareGenerator generator;
    private final ParameterStore store;

    private FommModel(FommConfig config, Device device) {
        this.config = config;
        Engine.getEngine("PyTorch");
        this.manager = device == null ? NDManager.newBaseManager("PyTorch") : NDManager.newBaseManager(device, "PyTorch");
        try {
            FommConfig.ModelParams m = config.model();
            keypointDetector = new KeypointDetector(m.common(), m.kpDetector());
            generator = new OcclusionAwareGenerator(m.common(), m.generator(), config.gridSampleAlignCorners());
            keypointDetector.initialize(manager, DataType.FLOAT32);
            generator.initialize(manager, DataType.FLOAT32);
            store = new ParameterStore(manager, false);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /** The model of a YAML config with the weights of a checkpoint. */
    public static FommModel load(Path configFile, Path checkpoint) {
        return load(FommConfig.read(configFile), checkpoint);
    }

    /**
     * The model of {@code config} with the weights of {@code checkpoint}.
     *
     * @throws InvalidInputException if the file is no checkpoint, lacks {@code kp_detector} or {@code generator}, or
     *     its tensors do not fit the config (every missing, unexpected or wrong-shaped name is listed)
     */
    public static FommModel load(FommConfig config, Path checkpoint) {
        return load(config, checkpoint, null);
    }

    /** {@link #load(FommConfig, Path)} with the weights on {@code device} (null: the engine's default device). */
    public static FommModel load(FommConfig config, Path checkpoint, Device device) {
        Map<String, TorchTensor> kp = TorchCheckpoint.readStateDict(checkpoint, "kp_detector");
        Map<String, TorchTensor> gen = TorchCheckpoint.readStateDict(checkpoint, "generator");
        FommModel model = new FommModel(config, device);
        try {
            require(StateDictLoader.load(model.keypointDetector, kp, model.manager), checkpoint, "kp_detector");
            require(StateDictLoader.load(model.generator, gen, model.manager), checkpoint, "generator");
            LOG.info("FOMM from {}: keypoint detector {} M, generator {} M parameters", checkpoint,
                    String.format("%.1f", model.keypointDetectorParameters() / 1e6),
                    String.format("%.1f", model.generatorParameters() / 1e6));
            return model;
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    private static void require(LoadReport report, Path checkpoint, String part) {
        if (!report.complete()) {
            throw new InvalidInputException(checkpoint, part + " does not fit the config (wrong config for this "
                    + "checkpoint?): " + report.problems());
        }
    }

    /** The model of {@code config} with fresh random weights as PyTorch initialises them (seeded). */
    public static FommModel random(FommConfig config, int seed) {
        return random(config, seed, null);
    }

    /** {@link #random(FommConfig, int)} with the weights on {@code device} (null: the engine's default device). */
    public static FommModel random(FommConfig config, int seed, Device device) {
        Engine.getEngine("PyTorch").setRandomSeed(seed);
        return new FommModel(config, device);
    }

    public FommConfig config() {
        return config;
    }

    public KeypointDetector keypointDetector() {
        return keypointDetector;
    }

    public OcclusionAwareGenerator generator() {
        return generator;
    }

    /** The manager that holds the weights. */
    public NDManager manager() {
        return manager;
    }

    public ParameterStore parameterStore() {
        return store;
    }

    /** Trainable parameters of the keypoint detector (running statistics and the fixed blur kernel excluded). */
    public long keypointDetectorParameters() {
        return FixedShapeBlock.trainableParameterCount(keypointDetector);
    }

    /** Trainable parameters of the generator, its dense motion network included. */
    public long generatorParameters() {
        return FixedShapeBlock.trainableParameterCount(generator);
    }

    /** Trainable parameters of the dense motion network alone (0 without one). */
    public long denseMotionParameters() {
        DenseMotionNetwork dense = generator.denseMotionNetwork();
        return dense == null ? 0 : FixedShapeBlock.trainableParameterCount(dense);
    }

    /** Keypoints (and jacobians) of {@code image (B, 3, H, W)}. */
    public Keypoints keypoints(NDManager on, NDArray image) {
        try (NoGrad noGrad = NoGrad.start()) {
            return keypointDetector.forward(store, FommArrays.on(on, image), false);
        }
    }

    /** The dense motion network alone: how the generator will warp {@code source} from one keypoint set to the other. */
    public DenseMotion denseMotion(NDManager on, NDArray source, Keypoints sourceKeypoints, Keypoints driving) {
        DenseMotionNetwork dense = generator.denseMotionNetwork();
        if (dense == null) {
            throw new IllegalStateException("this FOMM config has no dense_motion_params");
        }
        try (NoGrad noGrad = NoGrad.start()) {
            return dense.forward(store, FommArrays.on(on, source), Keypoints.on(on, driving),
                    Keypoints.on(on, sourceKeypoints), false);
        }
    }

    /**
     * The frame that shows {@code source} moved from its keypoints to {@code driving}; with {@code details} the output
     * also holds the source warped by the dense deformation.
     */
    public GeneratorOutput generate(NDManager on, NDArray source, Keypoints sourceKeypoints, Keypoints driving,
            boolean details) {
        try (NoGrad noGrad = NoGrad.start()) {
            return generator.forward(store, FommArrays.on(on, source), Keypoints.on(on, driving),
                    Keypoints.on(on, sourceKeypoints), false, details);
        }
    }

    /** The generator's encoding of {@code source}, to compute once per source (see {@link #generate(NDManager, NDArray,
     * NDArray, Keypoints, Keypoints)}). */
    public NDArray encodeSource(NDManager on, NDArray source) {
        try (NoGrad noGrad = NoGrad.start()) {
            return generator.encode(store, FommArrays.on(on, source), false);
        }
    }

    /** {@link #generate(NDManager, NDArray, Keypoints, Keypoints, boolean)} with the source already encoded. */
    public GeneratorOutput generate(NDManager on, NDArray source, NDArray encodedSource, Keypoints sourceKeypoints,
            Keypoints driving) {
        try (NoGrad noGrad = NoGrad.start()) {
            return generator.forward(store, FommArrays.on(on, source), FommArrays.on(on, encodedSource),
                    Keypoints.on(on, driving), Keypoints.on(on, sourceKeypoints), false, false);
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
