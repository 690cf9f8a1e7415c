package org.anivid.faces.train;

import java.util.ArrayList;
import java.util.List;
import org.anivid.core.BoundingBox;

/**
 * Makes labelled boxes safe to learn from: boxes partly outside the picture are clipped to it; boxes with no area
 * left (zero or negative width or height — corners are {@code [x1, y1, x2, y2]}, DESIGN.md §3 —, wholly outside the
 * picture, or not finite) are dropped. A picture
 * that ends with no box is a valid negative example.
 */
public final class BoxCleaner {
    /** Boxes narrower or lower than this (pixels) after clipping are dropped as degenerate. */
    public static final float MIN_SIDE = 1f;

    private BoxCleaner() {
    }

    /**
     * @param boxes   the usable boxes
     * @param clipped boxes that reached outside the picture and were cut to it
     * @param dropped boxes thrown away (degenerate, outside, not finite)
     */
    public record Cleaned(List<BoundingBox> boxes, int clipped, int dropped) {
    }

    public static Cleaned clean(List<BoundingBox> boxes, int width, int height) {
        List<BoundingBox> out = new ArrayList<>(boxes.size());
        int clipped = 0;
        int dropped = 0;
        for (BoundingBox b : boxes) {
            if (!(Float.isFinite(b.x1()) && Float.isFinite(b.y1()) && Float.isFinite(b.x2())
                    && Float.isFinite(b.y2()))) {
                dropped++;
                continue;
            }
            float x1 = b.x1();
            float x2 = b.x2();
            float y1 = b.y1();
            float y2 = b.y2();
            float cx1 = Math.max(0, x1);
            float cy1 = Math.max(0, y1);
            float cx2 = Math.min(width, x2);
            float cy2 = Math.min(height, y2);
            if (cx2 - cx1 < MIN_SIDE || cy2 - cy1 < MIN_SIDE) {
                dropped++;
                continue;
            }
            if (cx1 != x1 || cy1 != y1 || cx2 != x2 || cy2 != y2) {
                clipped++;
            }
            out.add(new BoundingBox(cx1, cy1, cx2, cy2));
        }
        return new Cleaned(out, clipped, dropped);
    }
}
