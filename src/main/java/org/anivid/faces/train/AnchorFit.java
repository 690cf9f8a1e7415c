package org.anivid.faces.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.anivid.core.BoundingBox;
import org.anivid.faces.data.LabelledImage;

/**
 * Anchors that suit the training boxes, in the spirit of YOLOv5's {@code check_anchors}: the given anchors are kept
 * when their best possible recall (the share of boxes that some anchor can learn, i.e. within the size ratio
 * threshold in both width and height) is at least 98 %; otherwise new ones are taken from the boxes themselves —
 * the boxes, at the training scale, sorted by size and cut into as many equal groups as there are anchors, each
 * group giving the median width and height — smallest on the finest level.
 */
final class AnchorFit {
    static final double MIN_RECALL = 0.98;

    private AnchorFit() {
    }

    /** Box sizes {@code {w, h}} in training pixels (each picture's long side scaled to {@code size}). */
    static List<float[]> sizes(List<LabelledImage> images, int size) {
        List<float[]> wh = new ArrayList<>();
        for (LabelledImage li : images) {
            double scale = (double) size / Math.max(li.image().width(), li.image().height());
            for (BoundingBox b : li.boxes()) {
                wh.add(new float[] {(float) ((b.x2() - b.x1()) * scale), (float) ((b.y2() - b.y1()) * scale)});
            }
        }
        return wh;
    }

    /** Share of boxes with an anchor within {@code threshold} in both width and height ratio. */
    static double bestPossibleRecall(List<float[]> sizes, float[][] anchors, double threshold) {
        if (sizes.isEmpty()) {
            return 1;
        }
        int ok = 0;
        for (float[] wh : sizes) {
            boolean matched = false;
            for (float[] level : anchors) {
                for (int a = 0; a < level.length && !matched; a += 2) {
                    double rw = wh[0] / level[a];
                    double rh = wh[1] / level[a + 1];
                    double worst = Math.max(Math.max(rw, 1 / rw), Math.max(rh, 1 / rh));
                    matched = worst < threshold;
                }
            }
            if (matched) {
                ok++;
            }
        }
        return (double) ok / sizes.size();
    }

    /** The given anchors, or anchors fitted to the boxes when those cover under {@link #MIN_RECALL}. */
    static float[][] fit(List<float[]> sizes, float[][] anchors, double threshold) {
        int perLevel = anchors[0].length / 2;
        int k = anchors.length * perLevel;
        if (sizes.size() < k || bestPossibleRecall(sizes, anchors, threshold) >= MIN_RECALL) {
            return anchors;
        }
        List<float[]> sorted = new ArrayList<>(sizes);
        sorted.sort((a, b) -> Double.compare(a[0] * (double) a[1], b[0] * (double) b[1]));
        float[][] out = new float[anchors.length][2 * perLevel];
        for (int g = 0; g < k; g++) {
            int from = (int) ((long) g * sorted.size() / k);
            int to = (int) ((long) (g + 1) * sorted.size() / k);
            float[] w = new float[to - from];
            float[] h = new float[to - from];
            for (int i = from; i < to; i++) {
                w[i - from] = Math.max(1f, sorted.get(i)[0]);
                h[i - from] = Math.max(1f, sorted.get(i)[1]);
            }
            Arrays.sort(w);
            Arrays.sort(h);
            out[g / perLevel][2 * (g % perLevel)] = w[w.length / 2];
            out[g / perLevel][2 * (g % perLevel) + 1] = h[h.length / 2];
        }
        return out;
    }
}
