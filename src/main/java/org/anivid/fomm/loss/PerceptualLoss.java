package org.anivid.fomm.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.nio.file.Path;
import java.util.List;
import org.anivid.torch.NoGrad;

/**
 * The perceptual loss of the official {@code GeneratorFullModel}: for every scale of the image pyramid and every
 * VGG19 layer i (relu1_1 … relu5_1), {@code weight_i · mean|vgg(generated)_i − vgg(real)_i|}, summed over scales and
 * layers. vox-256 uses the scales 1, 0.5, 0.25, 0.125 and the weights 10, 10, 10, 10, 10
 * ({@code train_params.scales} and {@code train_params.loss_weights.perceptual}). The real picture's features are
 * computed without recording gradients.
 */
public final class PerceptualLoss implements ReconstructionLoss {
    public static final String NAME = "perceptual-vgg19";

    private final NDManager manager;
    private final Vgg19Features vgg;
    private final ImagePyramid pyramid;
    private final double[] weights;
    private final ParameterStore store;

    private PerceptualLoss(NDManager manager, Vgg19Features vgg, ImagePyramid pyramid, double[] weights) {
        this.manager = manager;
        this.vgg = vgg;
        this.pyramid = pyramid;
        this.weights = weights;
        this.store = new ParameterStore(manager, false);
    }

    /** {@link #load(Path, List, List, NDManager, DataType)} in float32. */
    public static PerceptualLoss load(Path vggWeights, List<Double> scales, List<Double> layerWeights,
            NDManager parent) {
        return load(vggWeights, scales, layerWeights, parent, DataType.FLOAT32);
    }

    /**
     * The loss with the VGG19 weights of a torchvision checkpoint, its arrays on a sub-manager of {@code parent}
     * (so on its device) until {@link #close()}.
     *
     * @param layerWeights one weight per VGG19 layer from relu1_1 on: 1 to 5 of them
     * @throws org.anivid.core.InvalidInputException if the file is no usable VGG19 checkpoint
     * @throws IllegalArgumentException if a scale or the number of weights is wrong
     */
    public static PerceptualLoss load(Path vggWeights, List<Double> scales, List<Double> layerWeights,
            NDManager parent, DataType dataType) {
        if (layerWeights.isEmpty() || layerWeights.size() > Vgg19Features.OUTPUT_CHANNELS.size()) {
            throw new IllegalArgumentException("the perceptual loss takes 1 to 5 layer weights (relu1_1 … relu5_1), not "
                    + layerWeights.size());
        }
        NDManager manager = parent.newSubManager();
        try {
            ImagePyramid pyramid = new ImagePyramid(scales, 3, manager, dataType);
            Vgg19Features vgg = Vgg19Features.load(vggWeights, manager, dataType);
            return new PerceptualLoss(manager, vgg, pyramid, layerWeights.stream().mapToDouble(Double::doubleValue)
                    .toArray());
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    public List<Double> scales() {
        return pyramid.scales();
    }

    @Override
    public NDArray loss(NDArray generated, NDArray real) {
        ImagePyramid.requireSameImages(generated, real, 3);
        pyramid.requireLevelSize(generated.getShape(), 16, "VGG19 (four 2×2 pools)");
        List<NDArray> generatedLevels = pyramid.apply(store, generated);
        List<NDArray> realLevels;
        try (NoGrad noGrad = NoGrad.start()) {
            realLevels = pyramid.apply(store, real.stopGradient());
        }
        NDArray total = null;
        for (int s = 0; s < generatedLevels.size(); s++) {
            List<NDArray> generatedFeatures = vgg.forward(store, generatedLevels.get(s));
            List<NDArray> realFeatures;
            try (NoGrad noGrad = NoGrad.start()) {
                realFeatures = vgg.forward(store, realLevels.get(s));
            }
            for (int i = 0; i < weights.length; i++) {
                if (weights[i] == 0) {
                    continue;
                }
                NDArray term = ImagePyramid.weighted(generatedFeatures.get(i).sub(realFeatures.get(i)).abs().mean(),
                        weights[i]);
                total = total == null ? term : total.add(term);
            }
        }
        return total != null ? total : generated.getManager().zeros(new Shape(), generated.getDataType());
    }

    @Override
    public void close() {
        manager.close();
    }
}
