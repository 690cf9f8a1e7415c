package org.anivid.faces.track;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.anivid.core.BoundingBox;

/** Synthetic faces for the tracker tests: boxes from centre and size, and a detector that runs every k-th frame. */
final class Faces {
    private Faces() {
    }

    static BoundingBox box(double cx, double cy, double w, double h) {
        return new BoundingBox((float) (cx - w / 2), (float) (cy - h / 2), (float) (cx + w / 2), (float) (cy + h / 2));
    }

    static double centreX(BoundingBox b) {
        return (b.x1() + b.x2()) / 2.0;
    }

    static double centreY(BoundingBox b) {
        return (b.y1() + b.y2()) / 2.0;
    }

    /** The largest difference of any coordinate between two boxes, in pixels. */
    static double maxCornerError(BoundingBox a, BoundingBox b) {
        return Math.max(Math.max(Math.abs(a.x1() - b.x1()), Math.abs(a.y1() - b.y1())),
                Math.max(Math.abs(a.x2() - b.x2()), Math.abs(a.y2() - b.y2())));
    }

    /**
     * Feeds frames {@code first..last} to {@code tracker}: {@code detections} on every {@code stride}-th frame from
     * {@code first}, skipped frames otherwise.
     */
    static void run(FaceTracker tracker, int first, int last, int stride, IntFunction<List<Detection>> detections) {
        for (int f = first; f <= last; f++) {
            if ((f - first) % stride == 0) {
                tracker.detected(f, detections.apply(f));
            } else {
                tracker.skipped(f);
            }
        }
    }

    static List<Detection> list(Detection... detections) {
        return new ArrayList<>(List.of(detections));
    }
}
