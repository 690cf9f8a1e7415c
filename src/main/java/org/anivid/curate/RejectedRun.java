package org.anivid.curate;

import java.util.Objects;
import org.anivid.core.FrameRange;

/**
 * A run of frames of one shot that did not become a clip, with the rule it failed and a one-line human detail
 * (for {@link RejectReason#TOO_SHORT} the detail keeps what the run was, e.g. "0.4 s of one moving face (track 3)").
 */
public record RejectedRun(long shotId, FrameRange range, RejectReason reason, String detail) {
    public RejectedRun {
        Objects.requireNonNull(range, "range");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(detail, "detail");
    }
}
