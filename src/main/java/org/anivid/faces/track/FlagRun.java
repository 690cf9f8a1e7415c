package org.anivid.faces.track;

import java.util.Objects;
import org.anivid.core.FrameRange;

/** Consecutive frames with the same {@link FrameFlag}; {@code range} is half-open like every {@link FrameRange}. */
public record FlagRun(FrameRange range, FrameFlag flag) {
    public FlagRun {
        Objects.requireNonNull(range, "range");
        Objects.requireNonNull(flag, "flag");
    }
}
