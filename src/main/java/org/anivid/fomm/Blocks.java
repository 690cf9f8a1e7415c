package org.anivid.fomm;

import ai.djl.nn.Activation;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;
import org.anivid.torch.BatchNorm2dLayer;
import org.anivid.torch.Conv2dLayer;
import org.anivid.torch.FixedShapeBlock;
import org.anivid.torch.Interpolation;
import org.anivid.torch.ModuleList;

/**
 * The building blocks of the official {@code modules/util.py}, with its module names ({@code conv}, {@code norm},
 * {@code conv1} …, {@code encoder.down_blocks.i}, {@code decoder.up_blocks.i}) so that state dicts load by name.
 */
final class Blocks {
    private Blocks() {
    }

    /** {@code min(max_features, block_expansion · 2^power)}: the channel rule of every FOMM network. */
    static int features(int blockExpansion, int maxFeatures, int power) {
        return (int) Math.min(maxFeatures, (long) blockExpansion << power);
    }

    /** {@code SameBlock2d}: conv, batch norm, ReLU at the same resolution. */
    static final class SameBlock2d extends FixedShapeBlock {
        private final Conv2dLayer conv;
        private final BatchNorm2dLayer norm;

        SameBlock2d(int in, int out, int kernel, int padding) {
            conv = addChildBlock("conv", new Conv2dLayer(in, out, kernel, padding));
            norm = addChildBlock("norm", new BatchNorm2dLayer(out));
        }

        NDArray forward(ParameterStore ps, NDArray x, boolean training) {
            return Activation.relu(norm.forward(ps, conv.forward(ps, x, training), training));
        }
    }

    /** {@code DownBlock2d}: conv, batch norm, ReLU, 2×2 average pooling. */
    static final class DownBlock2d extends FixedShapeBlock {
        private static final Shape TWO = new Shape(2, 2);
        private final Conv2dLayer conv;
        private final BatchNorm2dLayer norm;

        DownBlock2d(int in, int out) {
            conv = addChildBlock("conv", new Conv2dLayer(in, out, 3, 1));
            norm = addChildBlock("norm", new BatchNorm2dLayer(out));
        }

        NDArray forward(ParameterStore ps, NDArray x, boolean training) {
            NDArray out = Activation.relu(norm.forward(ps, conv.forward(ps, x, training), training));
            return Pool.avgPool2d(out, TWO, TWO, new Shape(0, 0), false, true);
        }
    }

    /** {@code UpBlock2d}: nearest 2× upsampling, conv, batch norm, ReLU. */
    static final class UpBlock2d extends FixedShapeBlock {
        private final Conv2dLayer conv;
        private final BatchNorm2dLayer norm;

        UpBlock2d(int in, int out) {
            conv = addChildBlock("conv", new Conv2dLayer(in, out, 3, 1));
            norm = addChildBlock("norm", new BatchNorm2dLayer(out));
        }

        NDArray forward(ParameterStore ps, NDArray x, boolean training) {
            NDArray up = Interpolation.upsampleNearest2x(x);
            return Activation.relu(norm.forward(ps, conv.forward(ps, up, training), training));
        }
    }

    /** {@code ResBlock2d}: pre-activation residual block (norm, ReLU, conv, norm, ReLU, conv, + input). */
    static final class ResBlock2d extends FixedShapeBlock {
        private final Conv2dLayer conv1;
        private final Conv2dLayer conv2;
        private final BatchNorm2dLayer norm1;
        private final BatchNorm2dLayer norm2;

        ResBlock2d(int features) {
            conv1 = addChildBlock("conv1", new Conv2dLayer(features, features, 3, 1));
            conv2 = addChildBlock("conv2", new Conv2dLayer(features, features, 3, 1));
            norm1 = addChildBlock("norm1", new BatchNorm2dLayer(features));
            norm2 = addChildBlock("norm2", new BatchNorm2dLayer(features));
        }

        NDArray forward(ParameterStore ps, NDArray x, boolean training) {
            NDArray out = conv1.forward(ps, Activation.relu(norm1.forward(ps, x, training)), training);
            out = conv2.forward(ps, Activation.relu(norm2.forward(ps, out, training)), training);
            return out.add(x);
        }
    }

    /**
     * {@code Hourglass}: an encoder of {@code num_blocks} down blocks and a decoder of as many up blocks, each up block's
     * output concatenated with the encoder output of the same resolution (the input itself last), so the result has
     * {@code block_expansion + in_features} channels at the input's resolution.
     */
    static final class Hourglass extends FixedShapeBlock {
        private final Encoder encoder;
        private final Decoder decoder;
        private final int outFilters;

        Hourglass(int blockExpansion, int inFeatures, int numBlocks, int maxFeatures) {
            encoder = addChildBlock("encoder", new Encoder(blockExpansion, inFeatures, numBlocks, maxFeatures));
            decoder = addChildBlock("decoder", new Decoder(blockExpansion, numBlocks, maxFeatures));
            outFilters = blockExpansion + inFeatures;
        }

        int outFilters() {
            return outFilters;
        }

        NDArray forward(ParameterStore ps, NDArray x, boolean training) {
            return decoder.forward(ps, encoder.forward(ps, x, training), training);
        }
    }

    static final class Encoder extends FixedShapeBlock {
        private final ModuleList<DownBlock2d> downBlocks;

        Encoder(int blockExpansion, int inFeatures, int numBlocks, int maxFeatures) {
            List<DownBlock2d> blocks = new ArrayList<>();
            for (int i = 0; i < numBlocks; i++) {
                int in = i == 0 ? inFeatures : features(blockExpansion, maxFeatures, i);
                blocks.add(new DownBlock2d(in, features(blockExpansion, maxFeatures, i + 1)));
            }
            downBlocks = addChildBlock("down_blocks", new ModuleList<>(blocks));
        }

        /** The input and every down block's output, finest first. */
        List<NDArray> forward(ParameterStore ps, NDArray x, boolean training) {
            List<NDArray> outs = new ArrayList<>();
            outs.add(x);
            for (DownBlock2d block : downBlocks.members()) {
                outs.add(block.forward(ps, outs.get(outs.size() - 1), training));
            }
            return outs;
        }
    }

    static final class Decoder extends FixedShapeBlock {
        private final ModuleList<UpBlock2d> upBlocks;

        Decoder(int blockExpansion, int numBlocks, int maxFeatures) {
            List<UpBlock2d> blocks = new ArrayList<>();
            for (int i = numBlocks - 1; i >= 0; i--) {
                int in = (i == numBlocks - 1 ? 1 : 2) * features(blockExpansion, maxFeatures, i + 1);
                blocks.add(new UpBlock2d(in, features(blockExpansion, maxFeatures, i)));
            }
            upBlocks = addChildBlock("up_blocks", new ModuleList<>(blocks));
        }

        NDArray forward(ParameterStore ps, List<NDArray> skips, boolean training) {
            List<NDArray> stack = new ArrayList<>(skips);
            NDArray out = stack.remove(stack.size() - 1);
            for (UpBlock2d block : upBlocks.members()) {
                out = block.forward(ps, out, training);
                NDArray skip = stack.remove(stack.size() - 1);
                out = NDArrays.concat(new NDList(out, skip), 1);
            }
            return out;
        }
    }
}
