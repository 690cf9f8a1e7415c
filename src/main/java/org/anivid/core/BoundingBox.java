package org.anivid.core;

/** An axis-aligned box {@code [x1, y1, x2, y2]} in source pixels (DESIGN.md §3). */
public record BoundingBox(float x1, float y1, float x2, float y2) {
    public float width() {
        return Math.max(0, x2 - x1);
    }

    public float height() {
        return Math.max(0, y2 - y1);
    }

    public float area() {
        return width() * height();
    }

    public float iou(BoundingBox other) {
        float ix = Math.max(0, Math.min(x2, other.x2) - Math.max(x1, other.x1));
        float iy = Math.max(0, Math.min(y2, other.y2) - Math.max(y1, other.y1));
        float inter = ix * iy;
        float union = area() + other.area() - inter;
        return union <= 0 ? 0 : inter / union;
    }
}
