package org.anivid.faces.track;

import java.util.Objects;
import org.anivid.core.BoundingBox;

/**
 * A track's face on one frame. {@code detected} is true where the detector ran on this frame and its box was matched
 * to the track; false where the box was interpolated (the detector did not run, or ran and missed this face briefly).
 */
public record TrackedBox(int frame, BoundingBox box, float score, boolean detected) {
    public TrackedBox {
        Objects.requireNonNull(box, "box");
    }
}
