package org.anivid.metrics;

/**
 * A box in COCO's {@code [x, y, width, height]} layout, in source pixels, kept in double precision because that is
 * what pycocotools computes with. The project's own boxes are {@code [x1, y1, x2, y2]} (DESIGN.md §3); convert with
 * {@link #fromCorners}.
 */
public record CocoBox(double x, double y, double width, double height) {

    /** A box from corners {@code [x1, y1, x2, y2]}: width {@code x2 - x1} (no +1, as in pycocotools). */
    public static CocoBox fromCorners(double x1, double y1, double x2, double y2) {
        return new CocoBox(x1, y1, x2 - x1, y2 - y1);
    }

    /** {@code width * height}; the area pycocotools gives a detection ({@code loadRes}: {@code bb[2] * bb[3]}). */
    public double area() {
        return width * height;
    }

    /**
     * Intersection over union of a detection with a ground-truth box, as pycocotools' {@code bbIou} (maskApi.c)
     * computes it: in doubles, right edges as {@code x + w}, no +1 on widths, 0 when the boxes do not overlap. For a
     * crowd ground truth the denominator is the detection's area alone, so a detection lying inside a crowd region
     * scores 1 however large the region is.
     */
    public static double iou(CocoBox detection, CocoBox groundTruth, boolean crowd) {
        double w = Math.min(detection.width + detection.x, groundTruth.width + groundTruth.x)
                - Math.max(detection.x, groundTruth.x);
        if (w <= 0) {
            return 0;
        }
        double h = Math.min(detection.height + detection.y, groundTruth.height + groundTruth.y)
                - Math.max(detection.y, groundTruth.y);
        if (h <= 0) {
            return 0;
        }
        double intersection = w * h;
        double detectionArea = detection.width * detection.height;
        double union = crowd ? detectionArea : detectionArea + groundTruth.width * groundTruth.height - intersection;
        return intersection / union;
    }
}
