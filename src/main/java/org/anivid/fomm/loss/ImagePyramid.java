package org.anivid.fomm.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;
import org.anivid.torch.AntiAliasInterpolation2d;

/**
 * The official {@code ImagePyramide}: the picture at each scale (e.g. 1, 0.5, 0.25, 0.125), each made by
 * {@link AntiAliasInterpolation2d} (Gaussian blur, then nearest subsampling; scale 1 is the picture itself). The blur
 * kernels are fixed, never trained.
 */
public final class ImagePyramid {
    private final List<Double> scales;
    private final List<AntiAliasInterpolation2d> downs;

    /**
     * @param manager holds the blur kernels
     * @throws IllegalArgumentException if there is no scale or one is outside (0, 1]
     */
    public ImagePyramid(List<Double> scales, int channels, NDManager manager, DataType dataType) {
        if (scales.isEmpty()) {
            throw new IllegalArgumentException("the image pyramid needs at least one scale");
        }
        this.scales = List.copyOf(scales);
        List<AntiAliasInterpolation2d> blocks = new ArrayList<>(scales.size());
        for (double scale : this.scales) {
            if (!(scale > 0 && scale <= 1)) {
                throw new IllegalArgumentException("pyramid scales must be in (0, 1], not " + scale);
            }
            AntiAliasInterpolation2d down = new AntiAliasInterpolation2d(channels, scale);
            down.initialize(manager, dataType);
            blocks.add(down);
        }
        this.downs = List.copyOf(blocks);
    }

    public List<Double> scales() {
        return scales;
    }

    /** {@code images (B, C, H, W)} at every scale, in the order of {@link #scales()}. */
    public List<NDArray> apply(ParameterStore ps, NDArray images) {
        List<NDArray> levels = new ArrayList<>(downs.size());
        for (AntiAliasInterpolation2d down : downs) {
            levels.add(down.forward(ps, images, false));
        }
        return levels;
    }

    /**
     * Checks that every level of a {@code (B, C, H, W)} input is at least {@code minimum} pixels high and wide.
     *
     * @throws IllegalArgumentException naming the scale that is too small
     */
    void requireLevelSize(Shape images, int minimum, String why) {
        for (double scale : scales) {
            long height = (long) Math.floor(images.get(2) * scale);
            long width = (long) Math.floor(images.get(3) * scale);
            if (height < minimum || width < minimum) {
                throw new IllegalArgumentException("images of " + images.get(2) + "×" + images.get(3) + " are too "
                        + "small: at pyramid scale " + scale + " they are " + height + "×" + width + ", but " + why
                        + " needs at least " + minimum + "×" + minimum);
            }
        }
    }

    /** {@code x · weight} in x's data type (a Java double would make a float32 loss float64). */
    static NDArray weighted(NDArray x, double weight) {
        return x.mul(x.getManager().create(weight).toType(x.getDataType(), false));
    }

    /** Checks that two inputs are the same 4-d shape with {@code channels} channels. */
    static void requireSameImages(NDArray generated, NDArray real, int channels) {
        Shape g = generated.getShape();
        Shape r = real.getShape();
        if (g.dimension() != 4 || g.get(1) != channels || !g.equals(r)) {
            throw new IllegalArgumentException("the loss compares two (B, " + channels + ", H, W) batches of one "
                    + "shape, not " + g + " and " + r);
        }
    }
}
