package org.anivid.media;

/**
 * How a seek proxy is encoded: codec and container, the box its pictures are shrunk to fit (never enlarged),
 * the key-frame interval, and the bit budget. A random seek on the proxy decodes at most {@code gop} small frames,
 * which is what makes it fast; see {@code docs/decisions/0009-seek-proxy.md} for the measurements behind
 * {@link #DEFAULT}.
 *
 * @param codec          encoder (H.264 goes through OpenH264: the bundled FFmpeg has no libx264)
 * @param extension      container file extension ({@code mp4}, {@code mkv}); names the muxer too
 * @param maxWidth       width of the box the proxy picture fits in
 * @param maxHeight      height of that box
 * @param gop            key-frame interval in frames (1 = every frame is a key frame)
 * @param bitsPerPixel   bits per pixel per frame for rate-controlled codecs (bit rate = bpp × w × h × fps)
 * @param quality        quantiser for fixed-quality codecs (MJPEG's qscale 2–31, lower is better); 0 = unused
 */
public record ProxyFormat(VideoCodec codec, String extension, int maxWidth, int maxHeight, int gop,
                          double bitsPerPixel, int quality) {

    /**
     * 960×540 H.264 (OpenH264), a key frame every 12 frames, 0.12 bit per pixel (a 1.5 Mb/s cap at 24 fps): a seek
     * decodes at most 11 quarter-size frames (measured median ~6 ms, p95 ~13 ms); 6–8 MB per minute measured, at
     * most 11.
     */
    public static final ProxyFormat DEFAULT = new ProxyFormat(VideoCodec.H264, "mp4", 960, 540, 12, 0.12, 0);

    public ProxyFormat {
        if (maxWidth < 2 || maxHeight < 2 || gop < 1) {
            throw new IllegalArgumentException("bad proxy format " + maxWidth + "x" + maxHeight + " gop " + gop);
        }
    }

    /** Size of the proxy picture for a video of the given display size. */
    public int[] sizeFor(int displayWidth, int displayHeight) {
        return FrameSize.fit(maxWidth, maxHeight).apply(displayWidth, displayHeight);
    }

    /** Target bit rate in bits/s for a proxy of the given size and frame rate. */
    public long bitrate(int width, int height, double fps) {
        return Math.max(100_000L, Math.round(bitsPerPixel * width * height * (fps > 0 ? fps : 24)));
    }

    /**
     * The worst-case seek work of this format for a video of the given display size, in decoded megapixels
     * (key-frame interval × proxy picture size).
     */
    public double worstSeekMegapixels(int displayWidth, int displayHeight) {
        int[] size = sizeFor(displayWidth, displayHeight);
        return gop * (double) size[0] * size[1] / 1e6;
    }
}
