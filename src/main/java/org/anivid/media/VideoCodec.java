package org.anivid.media;

/** Video encoders available in the bundled FFmpeg build (no libx264 there: H.264 goes through OpenH264). */
public enum VideoCodec {
    H264("libopenh264", "mp4"),
    MPEG4("mpeg4", "mp4"),
    MJPEG("mjpeg", "avi"),
    VP9("libvpx-vp9", "webm"),
    AV1("libaom-av1", "mkv"),
    /** Lossless, for frame-exact round trips. */
    FFV1("ffv1", "mkv");

    private final String encoder;
    private final String defaultExtension;

    VideoCodec(String encoder, String defaultExtension) {
        this.encoder = encoder;
        this.defaultExtension = defaultExtension;
    }

    public String encoder() {
        return encoder;
    }

    public String defaultExtension() {
        return defaultExtension;
    }
}
