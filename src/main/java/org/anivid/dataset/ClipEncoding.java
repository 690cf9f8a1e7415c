package org.anivid.dataset;

import java.util.Locale;
import org.anivid.media.VideoCodec;

/**
 * How clip pictures are stored. MP4 clips are H.264 through OpenH264 (the bundled FFmpeg has no libx264) at
 * 20 Mbit/s for 256² (scaled with the pixel count), far above what OpenH264's quality floor needs, so quality is
 * bounded by the codec's finest quantiser rather than the rate. Measured on the demo episode's crops: luma PSNR
 * 42–45 dB (min 41.6) against the crop; RGB PSNR 35–36.5 dB, a ceiling set by 4:2:0 chroma subsampling itself
 * (an ideal 4:2:0 round trip scores 37–38.6 dB on these flat-colour line drawings), not by the bit rate: MPEG-4
 * Part 2 at qscale 2 scores the same or lower (34–36 dB) in larger files. Use {@link ExportFormat#PNG} where
 * exact colour matters.
 */
record ClipEncoding(ExportFormat format, int size, VideoCodec codec, int bitrate) {
    static final int BITRATE_AT_256 = 20_000_000;

    static ClipEncoding of(ExportFormat format, int size) {
        long bitrate = Math.max(1_000_000L, (long) BITRATE_AT_256 * size * size / (256L * 256L));
        return format == ExportFormat.MP4
                ? new ClipEncoding(format, size, VideoCodec.H264, (int) Math.min(Integer.MAX_VALUE, bitrate))
                : new ClipEncoding(format, size, null, 0);
    }

    /** A short stable description: what the fingerprint and the card record. */
    String describe() {
        return format == ExportFormat.MP4
                ? String.format(Locale.ROOT, "mp4/%s/%dbps/yuv420p/%dpx", codec.encoder(), bitrate, size)
                : String.format(Locale.ROOT, "png/rgb24/%dpx", size);
    }

    /** Path of a clip relative to the export folder: {@code train/<name>.mp4} or {@code train/<name>/}. */
    String relativePath(Split split, String name) {
        return split.folder() + "/" + name + (format == ExportFormat.MP4 ? ".mp4" : "");
    }
}
