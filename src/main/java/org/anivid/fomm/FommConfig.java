package org.anivid.fomm;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.anivid.core.InvalidInputException;

/**
 * An FOMM configuration as the official YAML files ({@code config/vox-256.yaml} …) hold it: the architecture
 * ({@code model_params}), the training schedule ({@code train_params}) and the keypoint normalisation used for
 * animation ({@code animate_params.normalization_params}). Other sections ({@code dataset_params},
 * {@code visualizer_params} …) are ignored.
 *
 * <p>{@code model_params} is read strictly, because the official code passes its sections as keyword arguments to
 * the network constructors: a key those constructors would not accept is an error naming the file and the key, as is
 * a missing required key. One key is this project's own: {@code model_params.grid_sample_align_corners} (default
 * false) says how {@code grid_sample} maps −1/+1 to pixels. The released checkpoints were trained on PyTorch 1.0,
 * where it was always true; PyTorch ≥ 1.3 runs the same code with false (DESIGN.md §6, decision 0011).
 *
 * @param model the architecture
 * @param train the training schedule, or null when the file has no {@code train_params}
 * @param normalization how driving keypoints are normalised for animation (PyTorch's defaults, all off, when absent)
 * @param gridSampleAlignCorners {@code align_corners} for every {@code grid_sample} of the model
 */
public record FommConfig(ModelParams model, TrainParams train, NormalizationParams normalization,
        boolean gridSampleAlignCorners, DatasetParams dataset) {

    public FommConfig {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(normalization, "normalization");
        Objects.requireNonNull(dataset, "dataset");
    }

    /** A config without {@code dataset_params}: 256×256 frames and vox-256's sampling and augmentation. */
    public FommConfig(ModelParams model, TrainParams train, NormalizationParams normalization,
            boolean gridSampleAlignCorners) {
        this(model, train, normalization, gridSampleAlignCorners, DatasetParams.VOX256);
    }

    /**
     * {@code dataset_params}: the frame size the model trains on, id sampling and the augmentation
     * ({@code root_dir} and {@code pairs_list} are ignored: the studio is told its data folder).
     */
    public record DatasetParams(int frameHeight, int frameWidth, boolean idSampling, boolean horizontalFlip,
            boolean timeFlip, double brightness, double contrast, double saturation, double hue) {
        public static final DatasetParams VOX256 = new DatasetParams(256, 256, true, true, true, 0.1, 0.1, 0.1, 0.1);
    }

    /** {@code common_params}: shared by the keypoint detector and the generator. */
    public record CommonParams(int numKp, int numChannels, boolean estimateJacobian) {
    }

    /** {@code kp_detector_params} ({@code KPDetector}'s keyword arguments). */
    public record KpDetectorParams(double temperature, int blockExpansion, int maxFeatures, double scaleFactor,
            int numBlocks, boolean singleJacobianMap, int pad) {
    }

    /** {@code generator_params.dense_motion_params} ({@code DenseMotionNetwork}'s keyword arguments). */
    public record DenseMotionParams(int blockExpansion, int maxFeatures, int numBlocks, double scaleFactor,
            double kpVariance) {
    }

    /**
     * {@code generator_params} ({@code OcclusionAwareGenerator}'s keyword arguments).
     *
     * @param denseMotion null without a dense motion network (the generator then does not deform)
     */
    public record GeneratorParams(int blockExpansion, int maxFeatures, int numDownBlocks, int numBottleneckBlocks,
            boolean estimateOcclusionMap, DenseMotionParams denseMotion) {
    }

    /** {@code discriminator_params} ({@code MultiScaleDiscriminator}); only training needs it. */
    public record DiscriminatorParams(List<Double> scales, int blockExpansion, int maxFeatures, int numBlocks,
            boolean sn, boolean useKp, double kpVariance) {
        public DiscriminatorParams {
            scales = List.copyOf(scales);
        }
    }

    /** {@code model_params}; {@code discriminator} is null when the file has none. */
    public record ModelParams(CommonParams common, KpDetectorParams kpDetector, GeneratorParams generator,
            DiscriminatorParams discriminator) {
    }

    /** {@code train_params.transform_params}: the random deformations of the equivariance losses. */
    public record TransformParams(double sigmaAffine, double sigmaTps, int pointsTps) {
    }

    /** {@code train_params.loss_weights}. */
    public record LossWeights(double generatorGan, double discriminatorGan, List<Double> featureMatching,
            List<Double> perceptual, double equivarianceValue, double equivarianceJacobian) {
        public LossWeights {
            featureMatching = List.copyOf(featureMatching);
            perceptual = List.copyOf(perceptual);
        }
    }

    /** {@code train_params}. */
    public record TrainParams(int numEpochs, int numRepeats, List<Integer> epochMilestones, double lrGenerator,
            double lrDiscriminator, double lrKpDetector, int batchSize, List<Double> scales, int checkpointFreq,
            TransformParams transform, LossWeights lossWeights) {
        public TrainParams {
            epochMilestones = List.copyOf(epochMilestones);
            scales = List.copyOf(scales);
        }
    }

    /** {@code animate_params.normalization_params} (the arguments of {@code normalize_kp}). */
    public record NormalizationParams(boolean adaptMovementScale, boolean useRelativeMovement,
            boolean useRelativeJacobian) {
        /** The studio's default (DESIGN.md §4): relative movement and jacobian, adapted to the source's scale. */
        public static NormalizationParams relativeAdaptScale() {
            return new NormalizationParams(true, true, true);
        }

        /** Absolute mode: the driving keypoints as detected. */
        public static NormalizationParams absolute() {
            return new NormalizationParams(false, false, false);
        }
    }

    private static final Set<String> MODEL_KEYS = Set.of("common_params", "kp_detector_params", "generator_params",
            "discriminator_params", "grid_sample_align_corners");
    private static final Set<String> COMMON_KEYS = Set.of("num_kp", "num_channels", "estimate_jacobian");
    private static final Set<String> KP_KEYS = Set.of("temperature", "block_expansion", "max_features",
            "scale_factor", "num_blocks", "single_jacobian_map", "pad");
    private static final Set<String> GENERATOR_KEYS = Set.of("block_expansion", "max_features", "num_down_blocks",
            "num_bottleneck_blocks", "estimate_occlusion_map", "dense_motion_params");
    private static final Set<String> DENSE_KEYS = Set.of("block_expansion", "max_features", "num_blocks",
            "scale_factor", "kp_variance");
    private static final Set<String> DISCRIMINATOR_KEYS = Set.of("scales", "block_expansion", "max_features",
            "num_blocks", "sn", "use_kp", "kp_variance");
    private static final double DEFAULT_KP_VARIANCE = 0.01;

    /** The official {@code vox-256.yaml} (DESIGN.md §6), for building the full-size model without a file. */
    public static FommConfig vox256() {
        return new FommConfig(
                new ModelParams(new CommonParams(10, 3, true),
                        new KpDetectorParams(0.1, 32, 1024, 0.25, 5, false, 0),
                        new GeneratorParams(64, 512, 2, 6, true, new DenseMotionParams(64, 1024, 5, 0.25,
                                DEFAULT_KP_VARIANCE)),
                        new DiscriminatorParams(List.of(1.0), 32, 512, 4, true, false, DEFAULT_KP_VARIANCE)),
                new TrainParams(100, 75, List.of(60, 90), 2e-4, 2e-4, 2e-4, 40, List.of(1.0, 0.5, 0.25, 0.125), 50,
                        new TransformParams(0.05, 0.005, 5),
                        new LossWeights(0, 1, List.of(10.0, 10.0, 10.0, 10.0), List.of(10.0, 10.0, 10.0, 10.0, 10.0),
                                10, 10)),
                new NormalizationParams(false, true, true), false);
    }

    /** This configuration with another {@code grid_sample} convention. */
    public FommConfig withGridSampleAlignCorners(boolean alignCorners) {
        return new FommConfig(model, train, normalization, alignCorners, dataset);
    }

    /** This configuration with other normalisation parameters. */
    public FommConfig withNormalization(NormalizationParams params) {
        return new FommConfig(model, train, params, gridSampleAlignCorners, dataset);
    }

    /**
     * Reads a YAML config file.
     *
     * @throws InvalidInputException naming the file and the problem (missing, not YAML, unknown or missing key,
     *     wrong type)
     */
    public static FommConfig read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(file, "no such file", e);
        } catch (AccessDeniedException e) {
            throw new InvalidInputException(file, "cannot be read (permission denied)", e);
        } catch (IOException e) {
            throw new InvalidInputException(file, "cannot be read: " + e.getMessage(), e);
        }
        return parse(text, file);
    }

    /** Parses YAML text; {@code file} only names the source in messages (may be null). */
    public static FommConfig parse(String yaml, Path file) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(yaml);
        } catch (JacksonException e) {
            throw new InvalidInputException(file, "not a YAML file: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new InvalidInputException(file, "not an FOMM config (expected a YAML mapping with model_params)");
        }
        Reader r = new Reader(file);
        JsonNode modelNode = r.section(root, "model_params", true);
        r.checkKeys(modelNode, "model_params", MODEL_KEYS);
        ModelParams model = r.model(modelNode);
        boolean alignCorners = r.bool(modelNode, "model_params", "grid_sample_align_corners", false);
        JsonNode trainNode = r.section(root, "train_params", false);
        TrainParams train = trainNode == null ? null : r.train(trainNode);
        JsonNode animate = r.section(root, "animate_params", false);
        JsonNode norm = animate == null ? null : r.section(animate, "animate_params.normalization_params", false,
                "normalization_params");
        NormalizationParams normalization = norm == null ? new NormalizationParams(false, false, false)
                : new NormalizationParams(
                        r.bool(norm, "animate_params.normalization_params", "adapt_movement_scale", false),
                        r.bool(norm, "animate_params.normalization_params", "use_relative_movement", false),
                        r.bool(norm, "animate_params.normalization_params", "use_relative_jacobian", false));
        JsonNode datasetNode = r.section(root, "dataset_params", false);
        DatasetParams dataset = datasetNode == null ? DatasetParams.VOX256 : r.dataset(datasetNode);
        return new FommConfig(model, train, normalization, alignCorners, dataset);
    }

    /** Typed access to the YAML tree with one-line errors that name the file and the full key. */
    private record Reader(Path file) {
        ModelParams model(JsonNode node) {
            String where = "model_params.common_params";
            JsonNode common = section(node, where, true, "common_params");
            checkKeys(common, where, COMMON_KEYS);
            CommonParams commonParams = new CommonParams(positive(common, where, "num_kp"),
                    positive(common, where, "num_channels"), bool(common, where, "estimate_jacobian", false));

            where = "model_params.kp_detector_params";
            JsonNode kp = section(node, where, true, "kp_detector_params");
            checkKeys(kp, where, KP_KEYS);
            KpDetectorParams kpParams = new KpDetectorParams(positiveNumber(kp, where, "temperature", null),
                    positive(kp, where, "block_expansion"), positive(kp, where, "max_features"),
                    scale(kp, where), positive(kp, where, "num_blocks"),
                    bool(kp, where, "single_jacobian_map", false), nonNegative(kp, where, "pad", 0));

            where = "model_params.generator_params";
            JsonNode gen = section(node, where, true, "generator_params");
            checkKeys(gen, where, GENERATOR_KEYS);
            DenseMotionParams dense = null;
            JsonNode denseNode = gen.get("dense_motion_params");
            if (denseNode != null && !denseNode.isNull()) {
                String denseWhere = where + ".dense_motion_params";
                if (!denseNode.isObject()) {
                    throw problem(denseWhere + " must be a mapping");
                }
                checkKeys(denseNode, denseWhere, DENSE_KEYS);
                dense = new DenseMotionParams(positive(denseNode, denseWhere, "block_expansion"),
                        positive(denseNode, denseWhere, "max_features"), positive(denseNode, denseWhere, "num_blocks"),
                        scale(denseNode, denseWhere),
                        positiveNumber(denseNode, denseWhere, "kp_variance", DEFAULT_KP_VARIANCE));
            }
            GeneratorParams genParams = new GeneratorParams(positive(gen, where, "block_expansion"),
                    positive(gen, where, "max_features"), nonNegative(gen, where, "num_down_blocks", null),
                    nonNegative(gen, where, "num_bottleneck_blocks", null),
                    bool(gen, where, "estimate_occlusion_map", false), dense);

            where = "model_params.discriminator_params";
            JsonNode disc = section(node, where, false, "discriminator_params");
            DiscriminatorParams discParams = null;
            if (disc != null) {
                checkKeys(disc, where, DISCRIMINATOR_KEYS);
                discParams = new DiscriminatorParams(numbers(disc, where, "scales", List.of()),
                        intValue(disc, where, "block_expansion", 64), intValue(disc, where, "max_features", 512),
                        intValue(disc, where, "num_blocks", 4), bool(disc, where, "sn", false),
                        bool(disc, where, "use_kp", false),
                        positiveNumber(disc, where, "kp_variance", DEFAULT_KP_VARIANCE));
            }
            return new ModelParams(commonParams, kpParams, genParams, discParams);
        }

        TrainParams train(JsonNode node) {
            String where = "train_params";
            JsonNode t = section(node, where + ".transform_params", true, "transform_params");
            JsonNode l = section(node, where + ".loss_weights", true, "loss_weights");
            String tw = where + ".transform_params";
            String lw = where + ".loss_weights";
            List<Integer> milestones = new ArrayList<>();
            for (double m : numbers(node, where, "epoch_milestones", null)) {
                milestones.add((int) m);
            }
            return new TrainParams(positive(node, where, "num_epochs"), positive(node, where, "num_repeats"),
                    milestones, number(node, where, "lr_generator", null),
                    number(node, where, "lr_discriminator", null), number(node, where, "lr_kp_detector", null),
                    positive(node, where, "batch_size"), numbers(node, where, "scales", null),
                    positive(node, where, "checkpoint_freq"),
                    new TransformParams(number(t, tw, "sigma_affine", null), number(t, tw, "sigma_tps", null),
                            positive(t, tw, "points_tps")),
                    new LossWeights(number(l, lw, "generator_gan", null), number(l, lw, "discriminator_gan", null),
                            weights(l, lw, "feature_matching"), weights(l, lw, "perceptual"),
                            number(l, lw, "equivariance_value", null), number(l, lw, "equivariance_jacobian", null)));
        }

        DatasetParams dataset(JsonNode node) {
            String where = "dataset_params";
            List<Double> shape = numbers(node, where, "frame_shape", List.of(256.0, 256.0, 3.0));
            if (shape.size() < 2 || shape.get(0) < 16 || shape.get(1) < 16) {
                throw problem(where + ".frame_shape must be [height, width, channels] of at least 16×16, not "
                        + shape);
            }
            JsonNode aug = section(node, where + ".augmentation_params", false, "augmentation_params");
            JsonNode flip = aug == null ? null : section(aug, where + ".augmentation_params.flip_param", false,
                    "flip_param");
            JsonNode jitter = aug == null ? null : section(aug, where + ".augmentation_params.jitter_param", false,
                    "jitter_param");
            String fw = where + ".augmentation_params.flip_param";
            String jw = where + ".augmentation_params.jitter_param";
            return new DatasetParams(shape.get(0).intValue(), shape.get(1).intValue(),
                    bool(node, where, "id_sampling", false),
                    flip != null && bool(flip, fw, "horizontal_flip", false),
                    flip != null && bool(flip, fw, "time_flip", false),
                    jitter == null ? 0 : number(jitter, jw, "brightness", 0.0),
                    jitter == null ? 0 : number(jitter, jw, "contrast", 0.0),
                    jitter == null ? 0 : number(jitter, jw, "saturation", 0.0),
                    jitter == null ? 0 : number(jitter, jw, "hue", 0.0));
        }

        JsonNode section(JsonNode parent, String where, boolean required) {
            return section(parent, where, required, where);
        }

        JsonNode section(JsonNode parent, String where, boolean required, String key) {
            JsonNode node = parent.get(key);
            if (node == null || node.isNull()) {
                if (required) {
                    throw problem("has no " + where);
                }
                return null;
            }
            if (!node.isObject()) {
                throw problem(where + " must be a mapping");
            }
            return node;
        }

        void checkKeys(JsonNode node, String where, Set<String> allowed) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                String key = fields.next().getKey();
                if (!allowed.contains(key)) {
                    throw problem("unknown key " + where + "." + key + " (the official code accepts "
                            + allowed.stream().sorted().toList() + ")");
                }
            }
        }

        int positive(JsonNode node, String where, String key) {
            int value = intValue(node, where, key, null);
            if (value <= 0) {
                throw problem(where + "." + key + " must be positive, not " + value);
            }
            return value;
        }

        int nonNegative(JsonNode node, String where, String key, Integer fallback) {
            int value = intValue(node, where, key, fallback);
            if (value < 0) {
                throw problem(where + "." + key + " must not be negative, not " + value);
            }
            return value;
        }

        int intValue(JsonNode node, String where, String key, Integer fallback) {
            JsonNode value = node.get(key);
            if (value == null || value.isNull()) {
                if (fallback == null) {
                    throw problem("has no " + where + "." + key);
                }
                return fallback;
            }
            if (!value.isIntegralNumber() || !value.canConvertToInt()) {
                throw problem(where + "." + key + " must be an integer, not " + value);
            }
            return value.intValue();
        }

        double number(JsonNode node, String where, String key, Double fallback) {
            JsonNode value = node.get(key);
            if (value == null || value.isNull()) {
                if (fallback == null) {
                    throw problem("has no " + where + "." + key);
                }
                return fallback;
            }
            if (!value.isNumber()) {
                throw problem(where + "." + key + " must be a number, not " + value);
            }
            return value.doubleValue();
        }

        double positiveNumber(JsonNode node, String where, String key, Double fallback) {
            double value = number(node, where, key, fallback);
            if (!(value > 0)) {
                throw problem(where + "." + key + " must be positive, not " + value);
            }
            return value;
        }

        /** {@code scale_factor} (default 1): in (0, 1], the down-scaling of the input before the hourglass. */
        double scale(JsonNode node, String where) {
            double value = number(node, where, "scale_factor", 1.0);
            if (!(value > 0 && value <= 1)) {
                throw problem(where + ".scale_factor must be in (0, 1], not " + value);
            }
            return value;
        }

        boolean bool(JsonNode node, String where, String key, boolean fallback) {
            JsonNode value = node.get(key);
            if (value == null || value.isNull()) {
                return fallback;
            }
            if (!value.isBoolean()) {
                throw problem(where + "." + key + " must be true or false, not " + value);
            }
            return value.booleanValue();
        }

        List<Double> numbers(JsonNode node, String where, String key, List<Double> fallback) {
            JsonNode value = node.get(key);
            if (value == null || value.isNull()) {
                if (fallback == null) {
                    throw problem("has no " + where + "." + key);
                }
                return fallback;
            }
            if (!value.isArray()) {
                throw problem(where + "." + key + " must be a list of numbers, not " + value);
            }
            List<Double> list = new ArrayList<>();
            for (JsonNode item : value) {
                if (!item.isNumber()) {
                    throw problem(where + "." + key + " must be a list of numbers, not " + value);
                }
                list.add(item.doubleValue());
            }
            return list;
        }

        /** A loss weight: a list of per-scale/per-layer weights, or one number (0 switches the loss off). */
        List<Double> weights(JsonNode node, String where, String key) {
            JsonNode value = node.get(key);
            if (value != null && value.isNumber()) {
                return List.of(value.doubleValue());
            }
            return numbers(node, where, key, null);
        }

        InvalidInputException problem(String what) {
            return new InvalidInputException(file, what);
        }
    }
}
