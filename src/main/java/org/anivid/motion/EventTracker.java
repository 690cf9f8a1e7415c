package org.anivid.motion;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * DVR-Scan's motion-event state machine, frame for frame (its {@code MotionScanner.scan()} loop with
 * {@code frame_skip = 0} and frame-number timing; see the package documentation for the source it follows):
 * <ul>
 *   <li>a window holds the scores of the last {@code minEventLen} frames; outside an event, an event starts on the
 *       frame where all of them are ≥ the threshold. Its start is back-dated by
 *       {@code min(frames since the previous event's end, timePreEvent + minEventLen)} frames, plus one: with
 *       {@code timePreEvent = 0} it is the first frame of the qualifying run;</li>
 *   <li>inside an event, every frame below the threshold counts towards {@code timePostEvent}; once that many
 *       follow the last frame above it, the event ends at {@code lastAbove + 1 + timePostEvent}, i.e. the reported
 *       end is <em>exclusive</em> (one past the last frame of the event, DVR-Scan adds the last frame's duration);</li>
 *   <li>an event still open when the video ends ends at the number of frames read (also exclusive).</li>
 * </ul>
 * The first frame of a background model is never above the threshold (its score is forced to 0).
 */
final class EventTracker {
    private final double threshold;
    private final int minEventLen;
    private final int postEventLen;
    private final int startShift;
    private final int startFrame;
    private final ArrayDeque<Double> window = new ArrayDeque<>();
    private final List<int[]> events = new ArrayList<>();
    private boolean inEvent;
    private int eventStart;
    private int eventEnd;
    private int lastAbove;
    private int postCount;
    private int framesRead;

    EventTracker(double threshold, int minEventLen, int preEventLen, int postEventLen, int startFrame) {
        if (minEventLen < 1) {
            throw new IllegalArgumentException("min_event_len must be ≥ 1");
        }
        this.threshold = threshold;
        this.minEventLen = minEventLen;
        this.postEventLen = postEventLen;
        this.startShift = preEventLen + minEventLen;
        this.startFrame = startFrame;
        this.eventEnd = startFrame;
        this.framesRead = startFrame;
    }

    /** Feeds the score of frame {@code frame} (frames come in order, one call per decoded frame). */
    void accept(int frame, double score) {
        framesRead = frame + 1;
        boolean above = score >= threshold;
        window.addLast(score);
        while (window.size() > minEventLen) {
            window.removeFirst();
        }
        if (inEvent) {
            if (above) {
                postCount = 0;
                lastAbove = frame;
            } else {
                postCount++;
                if (postCount >= postEventLen) {
                    inEvent = false;
                    eventEnd = 1 + lastAbove + postEventLen;
                    events.add(new int[] {eventStart, eventEnd});
                }
            }
        } else if (window.size() >= minEventLen && allAbove()) {
            inEvent = true;
            window.clear();
            postCount = 0;
            int sinceLastEvent = frame - eventEnd;
            lastAbove = frame;
            int shift = Math.min(sinceLastEvent, startShift);
            eventStart = Math.max(startFrame, frame + 1 - shift);
        }
    }

    private boolean allAbove() {
        for (double s : window) {
            if (!(s >= threshold)) {
                return false;
            }
        }
        return true;
    }

    /** Closes an open event at the end of the video and returns all events as {@code [start, endExclusive]}. */
    List<int[]> finish() {
        if (inEvent) {
            inEvent = false;
            eventEnd = framesRead;
            events.add(new int[] {eventStart, eventEnd});
        }
        return List.copyOf(events);
    }
}
