package org.anivid.faces;

import java.util.ArrayList;
import java.util.List;
import org.anivid.core.BoundingBox;
import org.anivid.faces.track.Detection;

/** Greedy non-maximum suppression. */
public final class Nms {
    private Nms() {
    }

    /**
     * Keeps the best-scoring box of every group whose overlap exceeds {@code iouThreshold}. Areas count pixels
     * inclusively ({@code x2 - x1 + 1}), as the FaceBoxes reference NMS does, so its results are reproduced.
     *
     * @param sorted detections sorted by score, best first
     */
    public static List<Detection> suppress(List<Detection> sorted, float iouThreshold, int keep) {
        int n = sorted.size();
        boolean[] removed = new boolean[n];
        List<Detection> kept = new ArrayList<>();
        for (int i = 0; i < n && kept.size() < keep; i++) {
            if (removed[i]) {
                continue;
            }
            BoundingBox a = sorted.get(i).box();
            kept.add(sorted.get(i));
            float areaA = (a.x2() - a.x1() + 1) * (a.y2() - a.y1() + 1);
            for (int j = i + 1; j < n; j++) {
                if (removed[j]) {
                    continue;
                }
                BoundingBox b = sorted.get(j).box();
                float w = Math.max(0f, Math.min(a.x2(), b.x2()) - Math.max(a.x1(), b.x1()) + 1);
                float h = Math.max(0f, Math.min(a.y2(), b.y2()) - Math.max(a.y1(), b.y1()) + 1);
                float inter = w * h;
                float areaB = (b.x2() - b.x1() + 1) * (b.y2() - b.y1() + 1);
                if (inter / (areaA + areaB - inter) > iouThreshold) {
                    removed[j] = true;
                }
            }
        }
        return kept;
    }
}
