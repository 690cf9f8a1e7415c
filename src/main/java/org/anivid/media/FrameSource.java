package org.anivid.media;

import static org.bytedeco.ffmpeg.global.avcodec.*;
import static org.bytedeco.ffmpeg.global.avformat.*;
import static org.bytedeco.ffmpeg.global.avutil.*;

import java.nio.file.Files;
import java.nio.file.Path;
import org.anivid.core.InvalidInputException;
import org.anivid.core.RgbImage;
import org.anivid.core.VideoFrame;
import org.anivid.core.VideoInfo;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacketSideData;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacpp.IntPointer;

/**
 * Frames of one video file, sequentially or by number, frame-accurately: {@link #frame(int)} returns the same
 * picture as reading from the start with {@link #next()} until that frame. Frames come upright (rotation
 * metadata applied) and at the {@link FrameSize} asked for. Not thread-safe; one per thread.
 */
public final class FrameSource implements AutoCloseable {
    /** Decoding forward is cheaper than a seek for short hops (no key-frame restart). */
    private static final int FORWARD_DECODE_LIMIT = 48;
    /**
     * A seek (demuxer seek, decoder flush and restart) costs about as much as decoding a couple of frames, so a key
     * frame only a frame or two ahead is not worth jumping to.
     */
    private static final int KEYFRAME_SEEK_MARGIN = 2;

    private final FfmpegDecoder decoder;
    private final FrameIndex index;
    private final VideoInfo info;
    private final int outWidth;
    private final int outHeight;
    private int current = -1;
    private int lastDelivered = -1;

    private FrameSource(FfmpegDecoder decoder, FrameIndex index, VideoInfo info, FrameSize size) {
        this.decoder = decoder;
        this.index = index;
        this.info = info;
        int[] out = size.apply(info.displayWidth(), info.displayHeight());
        this.outWidth = out[0];
        this.outHeight = out[1];
    }

    public static FrameSource open(Path file) {
        return open(file, FrameSize.FULL);
    }

    /**
     * Opens a video, indexes its frames and decodes the first one, so that a file that opens is a file that plays.
     *
     * @throws InvalidInputException with a one-line reason naming the file
     */
    public static FrameSource open(Path file, FrameSize size) {
        FrameIndex index = scanIndex(file);
        FfmpegDecoder decoder = FfmpegDecoder.open(file);
        try {
            VideoInfo info = describe(file, decoder, index);
            int[] out = size.apply(info.displayWidth(), info.displayHeight());
            if (out[0] * 2 <= info.displayWidth()) {
                // Analysis size: deblocking is invisible after a 2x shrink, and skipping it is a third faster.
                decoder.skipLoopFilter(true);
            }
            FrameSource source = new FrameSource(decoder, index, info, size);
            source.current = source.decodeOne();
            if (source.current < 0) {
                throw new InvalidInputException(file, "no decodable video frames (damaged or truncated)");
            }
            return source;
        } catch (RuntimeException e) {
            decoder.close();
            throw e;
        }
    }

    private static FrameIndex scanIndex(Path file) {
        AVFormatContext format = FfmpegDecoder.openInput(file);
        try {
            int stream = FfmpegDecoder.videoStreamIndex(file, format);
            for (int i = 0; i < format.nb_streams(); i++) {
                if (i != stream) {
                    format.streams(i).discard(AVDISCARD_ALL);
                }
            }
            FrameIndex index = FrameIndex.scan(file, format, stream);
            long declared = format.streams(stream).nb_frames();
            if (declared > 0 && index.frameCount() < declared * 0.98 - 1) {
                throw new InvalidInputException(file, "truncated: " + index.frameCount() + " of "
                        + declared + " frames are present");
            }
            return index;
        } finally {
            avformat_close_input(format);
        }
    }

    private static VideoInfo describe(Path file, FfmpegDecoder decoder, FrameIndex index) {
        AVFormatContext format = decoder.format();
        AVStream stream = decoder.stream();
        AVCodecParameters par = stream.codecpar();
        boolean hasAudio = false;
        for (int i = 0; i < format.nb_streams(); i++) {
            if (format.streams(i).codecpar().codec_type() == AVMEDIA_TYPE_AUDIO) {
                hasAudio = true;
            }
        }
        int frames = index.frameCount();
        double duration = index.durationSeconds();
        boolean vfr = index.variableFrameRate();
        double fps = rate(stream.avg_frame_rate());
        if (fps <= 0 || vfr) {
            fps = rate(stream.avg_frame_rate()) > 0 ? rate(stream.avg_frame_rate()) : frames / duration;
        }
        if (fps <= 0 || Double.isNaN(fps)) {
            fps = rate(stream.r_frame_rate());
        }
        long size;
        try {
            size = Files.size(file);
        } catch (java.io.IOException e) {
            size = -1;
        }
        return new VideoInfo(file, format.iformat().name().getString(),
                avcodec_get_name(par.codec_id()).getString(), par.width(), par.height(), rotation(par),
                fps, frames, duration, vfr, hasAudio, size);
    }

    private static double rate(AVRational r) {
        return r == null || r.den() == 0 ? 0 : r.num() / (double) r.den();
    }

    /** Clockwise display rotation from the stream's display matrix, as the ffmpeg tool applies it. */
    private static int rotation(AVCodecParameters par) {
        for (int i = 0; i < par.nb_coded_side_data(); i++) {
            AVPacketSideData sd = par.coded_side_data().position(i);
            if (sd.type() == AV_PKT_DATA_DISPLAYMATRIX && sd.size() >= 36) {
                IntPointer matrix = new IntPointer(sd.data());
                double ccw = av_display_rotation_get(matrix);
                long cw = Math.round(-ccw);
                int r = (int) (((cw % 360) + 360) % 360);
                return (r + 45) / 90 * 90 % 360;
            }
        }
        return 0;
    }

    public VideoInfo info() {
        return info;
    }

    public int frameCount() {
        return index.frameCount();
    }

    /**
     * The longest key-frame interval in frames, from the container's key-frame flags: a random seek decodes up
     * to this many frames, so it tells whether a file is seek-friendly as it is (see {@code EpisodeCache}).
     */
    public int maxKeyframeDistance() {
        return index.maxKeyframeDistance();
    }

    /** Width of delivered frames. */
    public int width() {
        return outWidth;
    }

    /** Height of delivered frames. */
    public int height() {
        return outHeight;
    }

    /** Presentation time of a frame, in seconds from the first frame. */
    public double timeOf(int frame) {
        return index.seconds(frame);
    }

    /** The frame showing at a time (for variable-frame-rate files this is not time × fps). */
    public int frameAt(double seconds) {
        return index.indexAtSeconds(seconds);
    }

    /** The next frame in decode order, or null after the last one. */
    public VideoFrame next() {
        if (current < 0) {
            current = decodeOne();
            if (current < 0) {
                return null;
            }
        }
        return deliver();
    }

    /** Frame {@code n} (from 0), exactly as sequential decoding would produce it. */
    public VideoFrame frame(int n) {
        if (n < 0 || n >= index.frameCount()) {
            throw new IndexOutOfBoundsException("frame " + n + " of " + index.frameCount());
        }
        int position = current >= 0 ? current : lastDelivered + 1;
        if (n < position || n - position > FORWARD_DECODE_LIMIT
                || index.keyframeAtOrBefore(n) > position + KEYFRAME_SEEK_MARGIN) {
            // Backwards, far ahead, or a key frame lies between: restarting there decodes fewer frames.
            seekTo(n);
        }
        while (true) {
            if (current < 0) {
                current = decodeOne();
                if (current < 0) {
                    throw new InvalidInputException(info.path(), "frame " + n + " cannot be decoded (file ends early)");
                }
            }
            if (current == n) {
                return deliver();
            }
            if (current > n) {
                // The decoder jumped past the frame (a damaged or missing picture): restart further back.
                seekTo(n);
                if (current > n) {
                    throw new InvalidInputException(info.path(), "frame " + n + " cannot be decoded");
                }
                continue;
            }
            lastDelivered = current;
            current = -1;
        }
    }

    private void seekTo(int n) {
        long target = index.pts(n);
        long step = Math.max(1, Math.round(1.0 / decoder.timeBase()));
        long back = 0;
        for (int attempt = 0; attempt < 12; attempt++) {
            boolean fromStart = target - back <= index.pts(0);
            decoder.seekBefore(fromStart ? index.pts(0) : target - back);
            current = decodeOne();
            lastDelivered = current - 1;
            if (current >= 0 && current <= n) {
                return;
            }
            if (fromStart) {
                break;
            }
            back = back == 0 ? step : back * 2;
        }
        throw new InvalidInputException(info.path(), "cannot seek to frame " + n);
    }

    /** Decodes one frame and returns its index, or -1 at the end. */
    private int decodeOne() {
        if (!decoder.decodeNext()) {
            return -1;
        }
        return index.indexOf(decoder.framePts());
    }

    /** A decoded picture not yet converted: a new reference that {@link #convert} releases. */
    record RawFrame(int index, org.bytedeco.ffmpeg.avutil.AVFrame frame) {
    }

    /** The next frame without colour conversion (for a conversion thread), or null after the last one. */
    RawFrame nextRaw() {
        if (current < 0) {
            current = decodeOne();
            if (current < 0) {
                return null;
            }
        }
        RawFrame raw = new RawFrame(current, decoder.cloneFrame());
        lastDelivered = current;
        current = -1;
        return raw;
    }

    /** Converts and releases a raw frame; safe on another thread with its own converter. */
    VideoFrame convert(RawFrame raw, RgbConverter converter) {
        try {
            boolean quarter = info.rotation() == 90 || info.rotation() == 270;
            int w = quarter ? outHeight : outWidth;
            int h = quarter ? outWidth : outHeight;
            byte[] rgb = converter.convert(raw.frame(), w, h);
            RgbImage image = Rotation.rotate(new RgbImage(w, h, rgb), info.rotation());
            return new VideoFrame(raw.index(), index.seconds(raw.index()), image);
        } finally {
            release(raw);
        }
    }

    static void release(RawFrame raw) {
        org.bytedeco.ffmpeg.avutil.AVFrame f = raw.frame();
        org.bytedeco.ffmpeg.global.avutil.av_frame_free(f);
    }

    Path file() {
        return info.path();
    }

    private VideoFrame deliver() {
        int n = current;
        boolean quarter = info.rotation() == 90 || info.rotation() == 270;
        int w = quarter ? outHeight : outWidth;
        int h = quarter ? outWidth : outHeight;
        byte[] rgb = decoder.toRgb(w, h);
        RgbImage image = Rotation.rotate(new RgbImage(w, h, rgb), info.rotation());
        lastDelivered = n;
        current = -1;
        return new VideoFrame(n, index.seconds(n), image);
    }

    @Override
    public void close() {
        decoder.close();
    }
}
