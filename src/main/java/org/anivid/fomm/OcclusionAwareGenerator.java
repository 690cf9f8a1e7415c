package org.anivid.fomm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;
import org.anivid.fomm.Blocks.DownBlock2d;
import org.anivid.fomm.Blocks.ResBlock2d;
import org.anivid.fomm.Blocks.SameBlock2d;
import org.anivid.fomm.Blocks.UpBlock2d;
import org.anivid.torch.Conv2dLayer;
import org.anivid.torch.FixedShapeBlock;
import org.anivid.torch.GridSample;
import org.anivid.torch.Interpolation;
import org.anivid.torch.ModuleList;

/**
 * The official {@code OcclusionAwareGenerator} (Johnson-style): a 7×7 {@code first} block and {@code down_blocks}
 * encode the source, the features are warped by the dense motion's deformation ({@code grid_sample}, the
 * deformation resized bilinearly when the resolutions differ) and multiplied by the occlusion map, then
 * {@code bottleneck} residual blocks ({@code r0 …}), {@code up_blocks} and a 7×7 {@code final} convolution with a
 * sigmoid decode the frame. Parameter names as in the official state dict, the dense motion network included
 * ({@code dense_motion_network.…}).
 */
public final class OcclusionAwareGenerator extends FixedShapeBlock {
    private final DenseMotionNetwork denseMotionNetwork;
    private final SameBlock2d first;
    private final ModuleList<DownBlock2d> downBlocks;
    private final ModuleList<UpBlock2d> upBlocks;
    private final ModuleList<ResBlock2d> bottleneck;
    private final Conv2dLayer last;
    private final boolean alignCorners;

    public OcclusionAwareGenerator(FommConfig.CommonParams common, FommConfig.GeneratorParams params,
            boolean alignCorners) {
        this.alignCorners = alignCorners;
        int be = params.blockExpansion();
        int max = params.maxFeatures();
        int down = params.numDownBlocks();
        denseMotionNetwork = params.denseMotion() != null ? addChildBlock("dense_motion_network",
                new DenseMotionNetwork(common, params.denseMotion(), params.estimateOcclusionMap(), alignCorners))
                : null;
        first = addChildBlock("first", new SameBlock2d(common.numChannels(), be, 7, 3));
        List<DownBlock2d> downs = new ArrayList<>();
        for (int i = 0; i < down; i++) {
            downs.add(new DownBlock2d(Blocks.features(be, max, i), Blocks.features(be, max, i + 1)));
        }
        downBlocks = addChildBlock("down_blocks", new ModuleList<>(downs));
        List<UpBlock2d> ups = new ArrayList<>();
        for (int i = 0; i < down; i++) {
            ups.add(new UpBlock2d(Blocks.features(be, max, down - i), Blocks.features(be, max, down - i - 1)));
        }
        upBlocks = addChildBlock("up_blocks", new ModuleList<>(ups));
        List<ResBlock2d> res = new ArrayList<>();
        for (int i = 0; i < params.numBottleneckBlocks(); i++) {
            res.add(new ResBlock2d(Blocks.features(be, max, down)));
        }
        bottleneck = addChildBlock("bottleneck", new ModuleList<>("r", res));
        last = addChildBlock("final", new Conv2dLayer(be, common.numChannels(), 7, 3));
    }

    /** The dense motion network ({@code dense_motion_network}), or null. */
    public DenseMotionNetwork denseMotionNetwork() {
        return denseMotionNetwork;
    }

    /**
     * The frame that shows the source picture {@code (B, C, H, W)} moved from {@code source} to {@code driving}
     * keypoints; with {@code details}, also the source warped by the dense deformation.
     */
    public GeneratorOutput forward(ParameterStore ps, NDArray sourceImage, Keypoints driving, Keypoints source,
            boolean training, boolean details) {
        return forward(ps, sourceImage, encode(ps, sourceImage, training), driving, source, training, details);
    }

    /**
     * The source's encoding (the first conv and the down blocks): it depends on the source alone, so an animation
     * computes it once and passes it to every frame's {@link #forward(ParameterStore, NDArray, NDArray, Keypoints,
     * Keypoints, boolean, boolean)}.
     */
    public NDArray encode(ParameterStore ps, NDArray sourceImage, boolean training) {
        NDArray out = first.forward(ps, sourceImage, training);
        for (DownBlock2d block : downBlocks.members()) {
            out = block.forward(ps, out, training);
        }
        return out;
    }

    /** The generator's forward from an {@link #encode encoded} source. */
    public GeneratorOutput forward(ParameterStore ps, NDArray sourceImage, NDArray encoded, Keypoints driving,
            Keypoints source, boolean training, boolean details) {
        NDArray out = encoded;
        DenseMotion motion = null;
        NDArray deformed = null;
        if (denseMotionNetwork != null) {
            motion = denseMotionNetwork.forward(ps, sourceImage, driving, source, training);
            out = deformInput(out, motion.deformation());
            NDArray occlusion = motion.occlusionMap();
            if (occlusion != null) {
                Shape s = out.getShape();
                out = out.mul(Interpolation.resizeBilinear(occlusion, (int) s.get(2), (int) s.get(3)));
            }
            if (details) {
                deformed = deformInput(sourceImage, motion.deformation());
            }
        }
        for (ResBlock2d block : bottleneck.members()) {
            out = block.forward(ps, out, training);
        }
        for (UpBlock2d block : upBlocks.members()) {
            out = block.forward(ps, out, training);
        }
        NDArray prediction = Activation.sigmoid(last.forward(ps, out, training));
        return new GeneratorOutput(prediction, motion, deformed);
    }

    /** {@code deform_input}: samples {@code input} at the deformation, resized bilinearly to the input's size first. */
    private NDArray deformInput(NDArray input, NDArray deformation) {
        Shape in = input.getShape();
        Shape d = deformation.getShape();
        NDArray grid = deformation;
        if (d.get(1) != in.get(2) || d.get(2) != in.get(3)) {
            NDArray channelsFirst = deformation.transpose(0, 3, 1, 2);
            grid = Interpolation.resizeBilinear(channelsFirst, (int) in.get(2), (int) in.get(3)).transpose(0, 2, 3, 1);
        }
        return GridSample.bilinear(input, grid, alignCorners);
    }
}
