package org.anivid.media;

/**
 * The size frames are delivered at: full size, or shrunk (never enlarged) to fit a bounding box with the aspect
 * ratio kept and even dimensions. Analysis passes (shots, motion) use a small size; the viewer uses full size.
 */
public record FrameSize(int maxWidth, int maxHeight) {
    public static final FrameSize FULL = new FrameSize(0, 0);

    /** Analysis size used by detectors unless they ask for another. */
    public static final FrameSize ANALYSIS = new FrameSize(320, 320);

    public static FrameSize fitWidth(int width) {
        return new FrameSize(width, 0);
    }

    public static FrameSize fit(int width, int height) {
        return new FrameSize(width, height);
    }

    /** Output size for a source of the given (display) size. */
    public int[] apply(int width, int height) {
        double scale = 1;
        if (maxWidth > 0 && width > maxWidth) {
            scale = Math.min(scale, maxWidth / (double) width);
        }
        if (maxHeight > 0 && height > maxHeight) {
            scale = Math.min(scale, maxHeight / (double) height);
        }
        if (scale == 1) {
            return new int[] {width, height};
        }
        int w = Math.max(2, (int) Math.round(width * scale / 2) * 2);
        int h = Math.max(2, (int) Math.round(height * scale / 2) * 2);
        return new int[] {w, h};
    }
}
