package org.anivid.ui.timeline;

import org.anivid.core.Clip;
import org.anivid.core.FrameRange;

/**
 * Where the timeline sends the corrections made with the mouse. The timeline only proposes the new values; the
 * editor stores them (and the decision log), and the timeline shows the result once the data is reloaded.
 */
public interface TimelineEditor {
    /** A cut dragged from one frame to another (both are first frames of a shot). */
    void moveCut(int fromFrame, int toFrame);

    /** A clip's in or out point dragged; {@code range} is the new half-open range. */
    void setClipRange(Clip clip, FrameRange range);
}
