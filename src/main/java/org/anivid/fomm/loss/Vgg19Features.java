package org.anivid.fomm.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.anivid.core.InvalidInputException;
import org.anivid.torch.Conv2dLayer;
import org.anivid.torch.FixedShapeBlock;
import org.anivid.torch.LoadReport;
import org.anivid.torch.NameMapping;
import org.anivid.torch.StateDictLoader;
import org.anivid.torch.TorchCheckpoint;
import org.anivid.torch.TorchTensor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * torchvision's {@code vgg19().features} up to {@code relu5_1} (module 29), with its parameter names
 * ({@code features.0.weight} … {@code features.28.bias}), as the official FOMM {@code Vgg19} uses it: the input is
 * normalised with the ImageNet mean (0.485, 0.456, 0.406) and standard deviation (0.229, 0.224, 0.225), and the
 * outputs are the five activations {@code relu1_1, relu2_1, relu3_1, relu4_1, relu5_1} (after modules 1, 6, 11, 20
 * and 29; 2×2 max pools at 4, 9, 18 and 27). The weights come from a torchvision checkpoint
 * ({@code vgg19-dcbb9e9d.pth}) and are frozen: gradients flow through the network to its input, never into it.
 */
public final class Vgg19Features extends FixedShapeBlock {
    private static final Logger LOG = LoggerFactory.getLogger(Vgg19Features.class);
    /** torchvision's configuration "E" up to conv5_1: output channels of each 3×3 conv, 0 for a 2×2 max pool. */
    private static final int[] LAYERS = {64, 64, 0, 128, 128, 0, 256, 256, 256, 256, 0, 512, 512, 512, 512, 0, 512};
    /** The {@code features} modules whose outputs FOMM's Vgg19 returns: relu1_1 … relu5_1. */
    static final List<Integer> OUTPUT_MODULES = List.of(1, 6, 11, 20, 29);
    /** The channels of the five outputs. */
    public static final List<Integer> OUTPUT_CHANNELS = List.of(64, 128, 256, 512, 512);
    /** Each output is this many times smaller than the input in height and width: 1, 2, 4, 8, 16. */
    public static final List<Integer> OUTPUT_STRIDES = List.of(1, 2, 4, 8, 16);
    private static final float[] MEAN = {0.485f, 0.456f, 0.406f};
    private static final float[] STD = {0.229f, 0.224f, 0.225f};
    private static final String FEATURES_PREFIX = "features.";
    private static final String CLASSIFIER_PREFIX = "classifier.";

    /** One step of {@code features}: a conv (followed by its ReLU) or a max pool, with its module index. */
    private record Step(int module, Conv2dLayer conv) {
    }

    private final List<Step> steps;

    /** The network with PyTorch's default random initialisation (load weights with {@link #load}). */
    public Vgg19Features() {
        Features features = addChildBlock("features", new Features());
        List<Step> plan = new ArrayList<>();
        int module = 0;
        int channels = 3;
        for (int out : LAYERS) {
            if (out == 0) {
                plan.add(new Step(module, null));
                module += 1;
            } else {
                plan.add(new Step(module, features.add(module, new Conv2dLayer(channels, out, 3, 1))));
                channels = out;
                module += 2; // the conv and its ReLU
            }
        }
        steps = List.copyOf(plan);
    }

    /** {@code nn.Sequential}'s children are named by index, and VGG's ReLUs and pools hold no parameters. */
    private static final class Features extends FixedShapeBlock {
        Conv2dLayer add(int module, Conv2dLayer conv) {
            return addChildBlock(Integer.toString(module), conv);
        }
    }

    /** {@link #load(Path, NDManager, DataType)} in float32. */
    public static Vgg19Features load(Path file, NDManager manager) {
        return load(file, manager, DataType.FLOAT32);
    }

    /**
     * The network with the weights of a torchvision VGG19 checkpoint (a state dict with {@code features.*} and
     * {@code classifier.*}, such as {@code vgg19-dcbb9e9d.pth}), its parameters on {@code manager} in
     * {@code dataType}, frozen. {@code classifier.*} and the layers after {@code relu5_1} are not needed and ignored.
     *
     * @throws InvalidInputException naming the file if it is no checkpoint or lacks a needed tensor or holds one of
     *     the wrong shape
     */
    public static Vgg19Features load(Path file, NDManager manager, DataType dataType) {
        Map<String, TorchTensor> stateDict = TorchCheckpoint.readStateDict(file);
        // the weights live on a manager of their own, so that a failed load frees what it made
        NDManager weights = manager.newSubManager();
        try {
            Vgg19Features vgg = new Vgg19Features();
            vgg.initialize(weights, dataType);
            requireWeights(file, vgg, stateDict);
            StateDictLoader.load(vgg, stateDict, weights);
            vgg.freezeParameters(true);
            LOG.debug("VGG19 features from {}", file);
            return vgg;
        } catch (RuntimeException e) {
            weights.close();
            throw e;
        }
    }

    private static void requireWeights(Path file, Vgg19Features vgg, Map<String, TorchTensor> stateDict) {
        LoadReport report = StateDictLoader.check(vgg, stateDict, NameMapping.identity());
        if (!report.missing().isEmpty() || !report.shapeMismatches().isEmpty()) {
            boolean vggLike = stateDict.keySet().stream().anyMatch(name -> name.startsWith(FEATURES_PREFIX));
            StringBuilder problem = new StringBuilder(vggLike ? "is not a complete torchvision VGG19 checkpoint"
                    : "is not a torchvision VGG19 checkpoint (no features.* weights)");
            if (!report.missing().isEmpty()) {
                problem.append("; missing ").append(String.join(", ", report.missing()));
            }
            if (!report.shapeMismatches().isEmpty()) {
                problem.append("; wrong shape ").append(String.join(", ", report.shapeMismatches()));
            }
            throw new InvalidInputException(file, problem.toString());
        }
        List<String> ignored = report.unexpected().stream()
                .filter(name -> !name.startsWith(CLASSIFIER_PREFIX) && !name.startsWith(FEATURES_PREFIX)).toList();
        if (!ignored.isEmpty()) {
            LOG.warn("{}: ignoring tensors that are not VGG19's: {}", file, ignored);
        }
    }

    /**
     * The five activations relu1_1 … relu5_1 of {@code images (B, 3, H, W)} in [0, 1]: {@code (B, c, H/s, W/s)} with
     * c and s from {@link #OUTPUT_CHANNELS} and {@link #OUTPUT_STRIDES} (sizes rounded down at each pool).
     *
     * @throws IllegalArgumentException unless the input is a 3-channel batch at least 16×16 (relu5_1 needs 1×1)
     */
    public List<NDArray> forward(ParameterStore ps, NDArray images) {
        Shape shape = images.getShape();
        if (shape.dimension() != 4 || shape.get(1) != 3) {
            throw new IllegalArgumentException("VGG19 takes (B, 3, H, W) images, not " + shape);
        }
        if (shape.get(2) < 16 || shape.get(3) < 16) {
            throw new IllegalArgumentException("VGG19 needs images of at least 16×16 (its four pools halve them), not "
                    + shape.get(2) + "×" + shape.get(3));
        }
        NDManager manager = images.getManager();
        DataType type = images.getDataType();
        Shape channelShape = new Shape(1, 3, 1, 1);
        NDArray mean = manager.create(MEAN, channelShape).toType(type, false);
        NDArray std = manager.create(STD, channelShape).toType(type, false);
        NDArray x = images.sub(mean).div(std);
        List<NDArray> outputs = new ArrayList<>(OUTPUT_MODULES.size());
        for (Step step : steps) {
            if (step.conv() == null) {
                x = Pool.maxPool2d(x, new Shape(2, 2), new Shape(2, 2), new Shape(0, 0), false);
                continue;
            }
            x = Activation.relu(step.conv().forward(ps, x, false));
            if (OUTPUT_MODULES.contains(step.module() + 1)) {
                outputs.add(x);
            }
        }
        return outputs;
    }

    /** The module indices of the convs: 0, 2, 5, 7, 10, 12, 14, 16, 19, 21, 23, 25, 28. */
    int[] convModules() {
        return steps.stream().filter(step -> step.conv() != null).mapToInt(Step::module).toArray();
    }
}
