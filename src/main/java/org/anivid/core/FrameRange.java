package org.anivid.core;

/** A half-open range of frames {@code [start, end)}. */
public record FrameRange(int start, int end) {
    public FrameRange {
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("bad frame range [" + start + ", " + end + ")");
        }
    }

    public int length() {
        return end - start;
    }

    public boolean contains(int frame) {
        return frame >= start && frame < end;
    }
}
