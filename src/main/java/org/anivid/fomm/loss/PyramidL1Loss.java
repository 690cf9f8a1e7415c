package org.anivid.fomm.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.List;
import org.anivid.torch.NoGrad;

/**
 * The reconstruction loss for users without VGG19 weights: over the same image pyramid as the perceptual loss,
 * {@code weight · mean|generated − real|} per scale, summed.
 *
 * <p>Why it exists: the official perceptual loss needs torchvision's ImageNet VGG19 weights (548 MB, a separate
 * download the studio cannot bundle). Without them training still works, on pixels instead of VGG features, but it
 * optimises a different objective (pixel differences, which favour blur more than feature differences do), and its
 * loss values are not comparable with a perceptual run's. So the loss is named ({@value #NAME}) and every run and checkpoint is labelled with the loss it
 * used, and a run is never resumed with the other one.
 */
public final class PyramidL1Loss implements ReconstructionLoss {
    public static final String NAME = "pyramid-l1";

    private final NDManager manager;
    private final ImagePyramid pyramid;
    private final double weight;
    private final ParameterStore store;

    private PyramidL1Loss(NDManager manager, ImagePyramid pyramid, double weight) {
        this.manager = manager;
        this.pyramid = pyramid;
        this.weight = weight;
        this.store = new ParameterStore(manager, false);
    }

    /** {@link #create(List, double, NDManager, DataType)} in float32. */
    public static PyramidL1Loss create(List<Double> scales, double weight, NDManager parent) {
        return create(scales, weight, parent, DataType.FLOAT32);
    }

    /**
     * The loss over the pyramid of {@code scales}, each scale's mean absolute difference times {@code weight}; its
     * blur kernels live on a sub-manager of {@code parent} until {@link #close()}.
     */
    public static PyramidL1Loss create(List<Double> scales, double weight, NDManager parent, DataType dataType) {
        if (!(weight >= 0) || Double.isInfinite(weight)) {
            throw new IllegalArgumentException("the pyramid L1 weight must be a finite number ≥ 0, not " + weight);
        }
        NDManager manager = parent.newSubManager();
        try {
            return new PyramidL1Loss(manager, new ImagePyramid(scales, 3, manager, dataType), weight);
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

    public double weight() {
        return weight;
    }

    @Override
    public NDArray loss(NDArray generated, NDArray real) {
        ImagePyramid.requireSameImages(generated, real, 3);
        pyramid.requireLevelSize(generated.getShape(), 1, "the loss");
        List<NDArray> generatedLevels = pyramid.apply(store, generated);
        List<NDArray> realLevels;
        try (NoGrad noGrad = NoGrad.start()) {
            realLevels = pyramid.apply(store, real.stopGradient());
        }
        NDArray total = null;
        for (int s = 0; s < generatedLevels.size(); s++) {
            NDArray term = ImagePyramid.weighted(generatedLevels.get(s).sub(realLevels.get(s)).abs().mean(), weight);
            total = total == null ? term : total.add(term);
        }
        return total != null ? total : generated.getManager().zeros(new Shape(), generated.getDataType());
    }

    @Override
    public void close() {
        manager.close();
    }
}
