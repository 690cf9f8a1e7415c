package org.anivid.faces.detector;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.anivid.torch.Conv2dLayer;
import org.anivid.torch.FixedShapeBlock;
import org.anivid.torch.Interpolation;
import org.anivid.torch.ModuleList;
import org.anivid.torch.NoGrad;

/**
 * The studio's anime face detector: a one-stage, YOLO-style network small enough for video on two CPU cores.
 *
 * <pre>
 * stem      4×4 convolution, stride 4 (a patch embedding: the picture reaches stride 4 in one pass) → widths[0]
 * stage 8   depthwise 3×3 s2 + pointwise + depths[0] residuals   → widths[1]  = C3
 * stage 16  depthwise 3×3 s2 + pointwise + depths[1] residuals   → widths[2]  = C4   (residual: depthwise 5×5 +
 * stage 32  depthwise 3×3 s2 + pointwise + depths[2] residuals   → widths[3]  = C5    linear pointwise, + x, ReLU)
 * neck      FPN: P5 = 1×1(C5); P4 = 1×1(C4) + up(P5); P3 = 1×1(C3) + up(P4); each smoothed by depthwise + pointwise
 * heads     1×1 conv per level → anchors × (x, y, w, h, objectness, classes)
 * </pre>
 *
 * Every convolution is followed by batch norm and ReLU except the heads (plain 1×1 convolutions with bias,
 * {@link Conv2dLayer}) and the last pointwise of a residual. Outputs are raw logits, YOLOv5's layout: level
 * {@code l} gives {@code (N, A·(5+C), H/s, W/s)}, channel {@code a·(5+C) + k}; decoding (YOLOv5 v6: centre
 * {@code (2σ(t) − 0.5 + cell)·s}, size {@code (2σ(t))²·anchor}) is in {@link YoloDecoder}. The input is RGB in
 * [0, 1], {@code (N, 3, H, W)} with H and W multiples of 32.
 *
 * <p>Why this shape: on two CPU cores the cost is memory traffic and operator count more than arithmetic, so the
 * picture is brought to stride 4 by one patch convolution (FaceBoxes does the same with a 7×7 stride-4 layer) and
 * the rest runs on small maps with cheap depthwise-separable layers; about 0.25 GMAC at 640×480, ~0.3 M parameters.
 */
public final class AnimeFaceNet extends FixedShapeBlock {
    private final DetectorConfig config;
    private final ConvBnAct stem;
    private final List<Stage> stages = new ArrayList<>();
    private final ConvBnAct[] lateral = new ConvBnAct[3];
    private final ConvBnAct[] smoothDepthwise = new ConvBnAct[3];
    private final ConvBnAct[] smoothPointwise = new ConvBnAct[3];
    private final Conv2dLayer[] heads = new Conv2dLayer[3];
    /** Channels of a level's output: anchors × (5 + classes). */
    private final int outputs;

    public AnimeFaceNet(DetectorConfig config) {
        this.config = config;
        int[] w = config.widths();
        int[] depths = config.depths();
        stem = addChildBlock("stem", new ConvBnAct(3, w[0], 4, 4, 1, true));
        for (int s = 1; s < 4; s++) {
            stages.add(addChildBlock("stage" + s, new Stage(w[s - 1], w[s], depths[s - 1])));
        }
        int n = config.neck();
        outputs = config.anchorsPerLevel() * config.outputsPerAnchor();
        for (int l = 0; l < 3; l++) {
            lateral[l] = addChildBlock("lateral" + l, ConvBnAct.pointwise(w[l + 1], n, true));
            smoothDepthwise[l] = addChildBlock("smooth" + l + "_dw", ConvBnAct.depthwise(n, 3, 1));
            smoothPointwise[l] = addChildBlock("smooth" + l + "_pw", ConvBnAct.pointwise(n, n, true));
            // Conv2dLayer pads the 12 outputs with zero filters in training (oneDNN's backward, decision 0013).
            heads[l] = addChildBlock("head" + l, new Conv2dLayer(n, outputs, 1, 0));
        }
    }

    public DetectorConfig config() {
        return config;
    }

    /**
     * Raw head outputs for {@code x (N, 3, H, W)}: one array per level of {@link DetectorConfig#STRIDES}.
     *
     * @param training batch statistics (and their running averages updated) instead of the running ones
     */
    public NDList forward(ParameterStore ps, NDArray x, boolean training) {
        long h = x.getShape().get(2);
        long w = x.getShape().get(3);
        if (h % 32 != 0 || w % 32 != 0) {
            throw new IllegalArgumentException("input " + w + "x" + h + " is not a multiple of 32");
        }
        NDArray y = stem.forward(ps, x, training);
        NDArray[] c = new NDArray[3];
        for (int s = 0; s < stages.size(); s++) {
            y = stages.get(s).forward(ps, y, training);
            c[s] = y;
        }
        NDArray[] p = new NDArray[3];
        p[2] = lateral[2].forward(ps, c[2], training);
        p[1] = lateral[1].forward(ps, c[1], training).add(Interpolation.upsampleNearest2x(p[2]));
        p[0] = lateral[0].forward(ps, c[0], training).add(Interpolation.upsampleNearest2x(p[1]));
        NDList out = new NDList(3);
        for (int l = 0; l < 3; l++) {
            NDArray f = smoothPointwise[l].forward(ps, smoothDepthwise[l].forward(ps, p[l], training), training);
            out.add(heads[l].forward(ps, f, training));
        }
        return out;
    }

    /** DJL's entry point (a {@code Predictor} calls it): {@code inputs} is the one image batch. */
    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        return forward(ps, inputs.singletonOrThrow(), training);
    }

    /** Folds every batch norm into its convolution for inference (call once the weights are final). */
    public void fuseBatchNorms() {
        fuse(this);
    }

    private static void fuse(Block block) {
        if (block instanceof ConvBnAct unit) {
            unit.fuse();
            return;
        }
        for (Block child : block.getChildren().values()) {
            fuse(child);
        }
    }

    /**
     * Creates the parameters and fills them from {@code seed} alone (no engine-wide random state, so two
     * initialisations with one seed are identical on any thread): convolutions uniform in ±1/√fan-in (PyTorch's
     * default), batch norms at γ 1, β 0, and the head biases set as YOLOv5 does, so that the first steps are not
     * spent unlearning a 50 % objectness: objectness log(8 / cells of a 640 picture) — about 8 objects per
     * picture, YOLOv5's prior whatever the input size — and class log(0.6 / (C − 0.99)).
     */
    @SuppressWarnings("try") // the NoGrad scope is the point
    public void initialize(NDManager manager, long seed) {
        initialize(manager, DataType.FLOAT32);
        SplittableRandom random = new SplittableRandom(seed);
        try (NoGrad noGrad = NoGrad.start()) {
            for (var pair : getParameters()) {
                Parameter p = pair.getValue();
                if (p.getType() == Parameter.Type.WEIGHT) {
                    long[] shape = p.getArray().getShape().getShape();
                    fillUniform(p.getArray(), shape[1] * shape[2] * shape[3], random, null);
                }
            }
            for (int l = 0; l < 3; l++) {
                int level = l;
                fillUniform(heads[l].bias().getArray(), heads[l].inChannels(), random,
                        values -> initialiseHeadBias(values, level));
            }
        }
    }

    private static void fillUniform(NDArray array, long fanIn, SplittableRandom random,
            java.util.function.Consumer<float[]> adjust) {
        double bound = 1 / Math.sqrt(fanIn);
        float[] values = new float[Math.toIntExact(array.size())];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) ((random.nextDouble() * 2 - 1) * bound);
        }
        if (adjust != null) {
            adjust.accept(values);
        }
        array.set(FloatBuffer.wrap(values));
    }

    private void initialiseHeadBias(float[] bias, int level) {
        int per = config.outputsPerAnchor();
        double cells = Math.pow(640.0 / DetectorConfig.STRIDES[level], 2);
        for (int a = 0; a < config.anchorsPerLevel(); a++) {
            bias[a * per + 4] += (float) Math.log(8 / cells);
            for (int k = 5; k < per; k++) {
                bias[a * per + k] += (float) Math.log(0.6 / (config.classes() - 0.99));
            }
        }
    }

    /** Multiply-accumulates of one forward pass on an {@code h × w} input (multiples of 32). */
    public long macs(int h, int w) {
        long total = stem.macs(h / 4, w / 4);
        for (int s = 0; s < stages.size(); s++) {
            int div = 8 << s;
            total += stages.get(s).macs(h / div, w / div);
        }
        for (int l = 0; l < 3; l++) {
            long hh = h / DetectorConfig.STRIDES[l];
            long ww = w / DetectorConfig.STRIDES[l];
            total += lateral[l].macs(hh, ww) + smoothDepthwise[l].macs(hh, ww) + smoothPointwise[l].macs(hh, ww)
                    + hh * ww * config.neck() * outputs;
        }
        return total;
    }

    /** One downsampling stage: depthwise 3×3 stride 2, pointwise to the new width, residual blocks. */
    static final class Stage extends FixedShapeBlock {
        private final ConvBnAct down;
        private final ConvBnAct expand;
        private final ModuleList<Residual> blocks;

        Stage(int in, int out, int residuals) {
            down = addChildBlock("down", ConvBnAct.depthwise(in, 3, 2));
            expand = addChildBlock("expand", ConvBnAct.pointwise(in, out, true));
            List<Residual> list = new ArrayList<>();
            for (int i = 0; i < residuals; i++) {
                list.add(new Residual(out));
            }
            blocks = addChildBlock("blocks", new ModuleList<>(list));
        }

        NDArray forward(ParameterStore ps, NDArray x, boolean training) {
            NDArray y = expand.forward(ps, down.forward(ps, x, training), training);
            for (Residual r : blocks.members()) {
                y = r.forward(ps, y, training);
            }
            return y;
        }

        long macs(long h, long w) {
            long total = down.macs(h, w) + expand.macs(h, w);
            for (Residual r : blocks.members()) {
                total += r.macs(h, w);
            }
            return total;
        }
    }

    /** {@code ReLU(x + pointwise(depthwise5×5(x)))}, the pointwise linear (no ReLU before the sum). */
    static final class Residual extends FixedShapeBlock {
        private final ConvBnAct depthwise;
        private final ConvBnAct pointwise;

        Residual(int channels) {
            depthwise = addChildBlock("dw", ConvBnAct.depthwise(channels, 5, 1));
            pointwise = addChildBlock("pw", ConvBnAct.pointwise(channels, channels, false));
        }

        NDArray forward(ParameterStore ps, NDArray x, boolean training) {
            return Activation.relu(x.add(pointwise.forward(ps, depthwise.forward(ps, x, training), training)));
        }

        long macs(long h, long w) {
            return depthwise.macs(h, w) + pointwise.macs(h, w);
        }
    }
}
