package org.anivid.faces.train;

import java.util.List;
import org.anivid.core.BoundingBox;
import org.anivid.faces.detector.DetectorConfig;

/**
 * Which predictions learn which face: YOLOv5's {@code build_targets}, for {@link org.anivid.faces.detector.AnimeFaceNet}.
 *
 * <p>On every level (stride s, anchors in grid units = pixels / s), a true box with centre {@code (gx, gy)} and
 * size {@code (gw, gh)} in grid units is matched to each anchor whose shape is close enough:
 * {@code max(gw/aw, aw/gw, gh/ah, ah/gh) < anchorThreshold} (4 in YOLOv5). A box can therefore be learnt by several
 * anchors and several levels, or (if no anchor is within a factor 4) by none on a level. Each match is given to
 * the cell holding the centre, {@code (⌊gx⌋, ⌊gy⌋)}, and to the two neighbours nearest the centre: the left cell
 * when {@code gx mod 1 < 0.5} (and {@code gx > 1}), else the right one when {@code (W − gx) mod 1 < 0.5} (and
 * {@code W − gx > 1}); the same vertically. Three cells per match is what makes the decoded centre
 * {@code 2σ(t) − 0.5 ∈ (−0.5, 1.5)} of a cell reach the neighbouring centres.
 *
 * <p>Targets are the box's centre relative to the assigned cell's corner ({@code gx − i}, in [−0.5, 1.5]) and its
 * size in grid units, with the matched anchor's size, so the GIoU is computed in grid units.
 */
public final class TargetAssigner {
    /** Neighbour offset threshold (YOLOv5's {@code g}). */
    private static final double NEIGHBOUR = 0.5;

    private TargetAssigner() {
    }

    /**
     * The matches of one level.
     *
     * @param count   matches
     * @param index   per match, the flat prediction index {@code ((b·A + a)·H + i)·W + j} (image b, anchor a, row i,
     *                column j)
     * @param box     per match, {@code tx, ty, tw, th}: centre relative to the cell corner and size, grid units
     * @param anchor  per match, the anchor's {@code aw, ah} in grid units
     * @param target  per match, which box of its image ({@code b}'s list) it is
     */
    public record LevelTargets(int count, int[] index, float[] box, float[] anchor, int[] image, int[] target) {
    }

    /**
     * @param boxes          per image of the batch, the true boxes in network-input pixels
     * @param gridHeights    per level, rows of the output grid
     * @param gridWidths     per level, columns
     * @param anchorThreshold largest size ratio between a box and an anchor that still matches
     */
    public static LevelTargets[] assign(List<List<BoundingBox>> boxes, DetectorConfig config, int[] gridHeights,
            int[] gridWidths, double anchorThreshold) {
        int levels = DetectorConfig.STRIDES.length;
        int na = config.anchorsPerLevel();
        int total = 0;
        for (List<BoundingBox> list : boxes) {
            total += list.size();
        }
        LevelTargets[] out = new LevelTargets[levels];
        for (int l = 0; l < levels; l++) {
            int stride = DetectorConfig.STRIDES[l];
            int h = gridHeights[l];
            int w = gridWidths[l];
            int capacity = total * na * 3;
            int[] index = new int[capacity];
            float[] box = new float[capacity * 4];
            float[] anchor = new float[capacity * 2];
            int[] image = new int[capacity];
            int[] target = new int[capacity];
            int n = 0;
            for (int b = 0; b < boxes.size(); b++) {
                List<BoundingBox> list = boxes.get(b);
                for (int t = 0; t < list.size(); t++) {
                    BoundingBox g = list.get(t);
                    double gx = (g.x1() + g.x2()) / 2.0 / stride;
                    double gy = (g.y1() + g.y2()) / 2.0 / stride;
                    double gw = (g.x2() - g.x1()) / (double) stride;
                    double gh = (g.y2() - g.y1()) / (double) stride;
                    if (!(gw > 0 && gh > 0)) {
                        continue;
                    }
                    for (int a = 0; a < na; a++) {
                        float[] anc = config.anchor(l, a);
                        double aw = anc[0] / stride;
                        double ah = anc[1] / stride;
                        double ratio = Math.max(Math.max(gw / aw, aw / gw), Math.max(gh / ah, ah / gh));
                        if (!(ratio < anchorThreshold)) {
                            continue;
                        }
                        double gxi = w - gx;
                        double gyi = h - gy;
                        // centre cell, then left/up (offset +0.5 subtracted) or right/down (−0.5 subtracted)
                        double[][] offsets = {
                            {0, 0},
                            {gx % 1 < NEIGHBOUR && gx > 1 ? NEIGHBOUR : Double.NaN, 0},
                            {0, gy % 1 < NEIGHBOUR && gy > 1 ? NEIGHBOUR : Double.NaN},
                            {gxi % 1 < NEIGHBOUR && gxi > 1 ? -NEIGHBOUR : Double.NaN, 0},
                            {0, gyi % 1 < NEIGHBOUR && gyi > 1 ? -NEIGHBOUR : Double.NaN},
                        };
                        for (double[] off : offsets) {
                            if (Double.isNaN(off[0]) || Double.isNaN(off[1])) {
                                continue;
                            }
                            int j = (int) Math.floor(gx - off[0]);
                            int i = (int) Math.floor(gy - off[1]);
                            // YOLOv5 takes the cell from the unclamped value and clamps only the index.
                            float tx = (float) (gx - j);
                            float ty = (float) (gy - i);
                            j = Math.max(0, Math.min(w - 1, j));
                            i = Math.max(0, Math.min(h - 1, i));
                            if (n == index.length) {
                                index = java.util.Arrays.copyOf(index, n * 2);
                                box = java.util.Arrays.copyOf(box, n * 8);
                                anchor = java.util.Arrays.copyOf(anchor, n * 4);
                                image = java.util.Arrays.copyOf(image, n * 2);
                                target = java.util.Arrays.copyOf(target, n * 2);
                            }
                            index[n] = ((b * na + a) * h + i) * w + j;
                            box[4 * n] = tx;
                            box[4 * n + 1] = ty;
                            box[4 * n + 2] = (float) gw;
                            box[4 * n + 3] = (float) gh;
                            anchor[2 * n] = (float) aw;
                            anchor[2 * n + 1] = (float) ah;
                            image[n] = b;
                            target[n] = t;
                            n++;
                        }
                    }
                }
            }
            out[l] = new LevelTargets(n, java.util.Arrays.copyOf(index, n), java.util.Arrays.copyOf(box, 4 * n),
                    java.util.Arrays.copyOf(anchor, 2 * n), java.util.Arrays.copyOf(image, n),
                    java.util.Arrays.copyOf(target, n));
        }
        return out;
    }
}
