package org.anivid.faces.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import java.util.List;
import org.anivid.core.BoundingBox;
import org.anivid.faces.detector.DetectorConfig;
import org.anivid.torch.Scalars;
import org.anivid.torch.Slices;

/**
 * The paper's (YOLOv5's) detection loss for {@link org.anivid.faces.detector.AnimeFaceNet}:
 *
 * <ul>
 *   <li><b>box</b>: mean over the matches of {@link TargetAssigner} of {@code 1 − GIoU} between the decoded box
 *       ({@code 2σ(t)−0.5} centre in its cell, {@code (2σ(t))²·anchor} size, grid units) and the true one;</li>
 *   <li><b>objectness</b>: BCE with logits on every anchor of every cell, target 0 except at the matches, where it
 *       is the match's GIoU clamped at 0 (YOLOv5's IoU-aware objectness, {@code gr = 1}; where two matches share an
 *       anchor the higher GIoU is kept); the levels weighted 4, 1, 0.4 (stride 8, 16, 32);</li>
 *   <li><b>class</b>: BCE with logits of the class outputs at the matches, target 1 for the face class (YOLOv5
 *       skips this term when there is one class; it is kept, with YOLOv5's tiny one-class gain, because the paper
 *       lists it and the score is σ(obj)·σ(cls)).</li>
 * </ul>
 *
 * Gains as YOLOv5's {@code hyp.scratch} for three levels: box 0.05, objectness 1.0·(input/640)², class
 * 0.5·C/80; the sum is multiplied by the batch size (YOLOv5 returns {@code loss · bs}).
 */
public final class DetectionLoss {
    static final float[] BALANCE = {4.0f, 1.0f, 0.4f};
    static final double BOX_GAIN = 0.05;
    static final double OBJ_GAIN = 1.0;
    static final double CLS_GAIN = 0.5;
    /** YOLOv5's {@code anchor_t}. */
    public static final double ANCHOR_THRESHOLD = 4.0;

    private final DetectorConfig config;
    private final int inputSize;

    public DetectionLoss(DetectorConfig config, int inputSize) {
        this.config = config;
        this.inputSize = inputSize;
    }

    /** The loss of one batch and its parts (the parts as plain numbers, per image as YOLOv5 logs them). */
    public record Result(NDArray total, double box, double objectness, double cls, int matches) {
    }

    /**
     * @param outputs raw outputs of the network, one {@code (B, A·(5+C), H, W)} array per level
     * @param boxes   per image of the batch, its true boxes in network-input pixels
     */
    public Result compute(NDList outputs, List<List<BoundingBox>> boxes) {
        int levels = outputs.size();
        int batch = boxes.size();
        int na = config.anchorsPerLevel();
        int per = config.outputsPerAnchor();
        int[] gh = new int[levels];
        int[] gw = new int[levels];
        for (int l = 0; l < levels; l++) {
            gh[l] = (int) outputs.get(l).getShape().get(2);
            gw[l] = (int) outputs.get(l).getShape().get(3);
        }
        TargetAssigner.LevelTargets[] targets = TargetAssigner.assign(boxes, config, gh, gw, ANCHOR_THRESHOLD);
        NDManager manager = outputs.get(0).getManager();
        NDArray lbox = manager.zeros(new Shape());
        NDArray lobj = manager.zeros(new Shape());
        NDArray lcls = manager.zeros(new Shape());
        int matches = 0;
        for (int l = 0; l < levels; l++) {
            NDArray raw = outputs.get(l);
            long cells = (long) batch * na * gh[l] * gw[l];
            // (B, A·P, H, W) → (B, A, P, H, W) → (B, A, H, W, P) → one row per anchor and cell
            NDArray rows = raw.reshape(batch, na, per, gh[l], gw[l]).transpose(0, 1, 3, 4, 2).reshape(cells, per);
            float[] tobj = new float[Math.toIntExact(cells)];
            TargetAssigner.LevelTargets t = targets[l];
            if (t.count() > 0) {
                matches += t.count();
                // Graph code takes no Number operands, NDIndex slices or Java-made index lists that the manager does
                // not keep (docs/decisions/0013): rows are gathered with an index array owned by the batch's manager.
                NDArray picked = rows.gather(manager.create(rowIndex(t.index(), per), new Shape(t.count(), per)), 0);
                NDArray two = Scalars.of(picked, 2);
                NDArray xy = Activation.sigmoid(Slices.narrow(picked, 1, 0, 2)).mul(two).sub(Scalars.of(picked, 0.5));
                NDArray anchors = manager.create(t.anchor(), new Shape(t.count(), 2));
                NDArray wh = Activation.sigmoid(Slices.narrow(picked, 1, 2, 2)).mul(two).square().mul(anchors);
                NDArray predicted = xy.concat(wh, 1);
                NDArray truth = manager.create(t.box(), new Shape(t.count(), 4));
                NDArray giou = Giou.giou(predicted, truth);
                lbox = lbox.add(giou.neg().add(Scalars.of(giou, 1)).mean());
                float[] g = giou.toFloatArray();
                for (int m = 0; m < t.count(); m++) {
                    float v = Math.max(0f, g[m]);
                    if (v > tobj[t.index()[m]]) {
                        tobj[t.index()[m]] = v;
                    }
                }
                NDArray clsLogits = Slices.narrow(picked, 1, 5, per - 5);
                lcls = lcls.add(BceWithLogits.mean(clsLogits, manager.ones(clsLogits.getShape())));
            }
            NDArray objLogits = Slices.select(rows, 1, 4);
            NDArray objTarget = manager.create(tobj);
            lobj = lobj.add(BceWithLogits.mean(objLogits, objTarget).mul(Scalars.of(objLogits, BALANCE[l])));
        }
        double threeLevels = 3.0 / levels;
        lbox = Scalars.mul(lbox, BOX_GAIN * threeLevels);
        lobj = Scalars.mul(lobj, OBJ_GAIN * Math.pow(inputSize / 640.0, 2) * threeLevels);
        lcls = Scalars.mul(lcls, CLS_GAIN * config.classes() / 80.0 * threeLevels);
        NDArray total = Scalars.mul(lbox.add(lobj).add(lcls), batch);
        return new Result(total, lbox.getFloat(), lobj.getFloat(), lcls.getFloat(), matches);
    }

    /** {@code (count, per)} gather indices: row {@code index[m]} in every column. */
    private static long[] rowIndex(int[] index, int per) {
        long[] out = new long[index.length * per];
        for (int m = 0; m < index.length; m++) {
            java.util.Arrays.fill(out, m * per, (m + 1) * per, index[m]);
        }
        return out;
    }
}
