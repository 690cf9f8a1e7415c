package org.anivid.faces.track;

import java.util.Objects;
import org.anivid.core.BoundingBox;

/**
 * One face a detector found on one frame: a box in source pixels (DESIGN.md §3) and the detector's confidence in
 * [0, 1].
 */
public record Detection(BoundingBox box, float score) {
    public Detection {
        Objects.requireNonNull(box, "box");
        if (!(score >= 0 && score <= 1)) {
            throw new IllegalArgumentException("detection score must be in [0, 1], got " + score);
        }
    }
}
