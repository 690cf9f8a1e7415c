package org.anivid.media;

import static org.bytedeco.ffmpeg.global.avcodec.*;
import static org.bytedeco.ffmpeg.global.avformat.*;
import static org.bytedeco.ffmpeg.global.avutil.*;
import static org.bytedeco.ffmpeg.global.swscale.*;

import java.nio.file.Files;
import java.nio.file.Path;
import org.anivid.core.InvalidInputException;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * The video stream of one file, decoded with FFmpeg's own API (not a grabber) so that we control what
 * happens per frame: frames that a seek decodes past are never colour-converted, scaling to the analysis size
 * happens inside swscale, and each frame is known by its presentation timestamp. Not thread-safe.
 */
final class FfmpegDecoder implements AutoCloseable {
    private final Path file;
    private AVFormatContext format;
    private AVCodecContext codec;
    private final AVStream stream;
    private final int streamIndex;
    private final AVPacket packet;
    private final AVFrame frame;
    private final RgbConverter converter;
    private boolean inputEnded;


    private FfmpegDecoder(Path file, AVFormatContext format, AVCodecContext codec, AVStream stream, int streamIndex) {
        this.file = file;
        this.format = format;
        this.codec = codec;
        this.stream = stream;
        this.streamIndex = streamIndex;
        this.packet = av_packet_alloc();
        this.frame = av_frame_alloc();
        this.converter = new RgbConverter(file);
    }

    /** Opens the best video stream of a file with a decoder ready. */
    static FfmpegDecoder open(Path file) {
        AVFormatContext format = openInput(file);
        try {
            int index = videoStreamIndex(file, format);
            AVStream stream = format.streams(index);
            for (int i = 0; i < format.nb_streams(); i++) {
                if (i != index) {
                    format.streams(i).discard(AVDISCARD_ALL);
                }
            }
            AVCodec decoder = avcodec_find_decoder(stream.codecpar().codec_id());
            if (decoder == null) {
                throw new InvalidInputException(file, "unsupported video codec "
                        + avcodec_get_name(stream.codecpar().codec_id()).getString());
            }
            AVCodecContext ctx = avcodec_alloc_context3(decoder);
            check(file, avcodec_parameters_to_context(ctx, stream.codecpar()), "cannot read codec parameters");
            ctx.thread_count(0);
            ctx.pkt_timebase(stream.time_base());
            int r = avcodec_open2(ctx, decoder, (org.bytedeco.ffmpeg.avutil.AVDictionary) null);
            if (r < 0) {
                avcodec_free_context(ctx);
                throw new InvalidInputException(file, "cannot open the "
                        + decoder.name().getString() + " decoder (" + errorText(r) + ")");
            }
            return new FfmpegDecoder(file, format, ctx, stream, index);
        } catch (RuntimeException e) {
            avformat_close_input(format);
            throw e;
        }
    }

    /** Opens a file's container and reads its stream headers, with one-line errors for bad files. */
    static AVFormatContext openInput(Path file) {
        Natives.load();
        if (!Files.exists(file)) {
            throw new InvalidInputException(file, "file not found");
        }
        if (Files.isDirectory(file)) {
            throw new InvalidInputException(file, "is a folder, not a video file");
        }
        if (!Files.isReadable(file)) {
            throw new InvalidInputException(file, "file is not readable");
        }
        try {
            if (Files.size(file) == 0) {
                throw new InvalidInputException(file, "file is empty (0 bytes)");
            }
        } catch (java.io.IOException e) {
            throw new InvalidInputException(file, "cannot read file: " + e.getMessage());
        }
        AVFormatContext format = new AVFormatContext(null);
        int r = avformat_open_input(format, file.toAbsolutePath().toString(), null, null);
        if (r < 0) {
            throw new InvalidInputException(file, "not a readable video file (" + errorText(r) + ")");
        }
        r = avformat_find_stream_info(format, (PointerPointer<?>) null);
        if (r < 0) {
            avformat_close_input(format);
            throw new InvalidInputException(file, "damaged or truncated video file (" + errorText(r) + ")");
        }
        return format;
    }

    static int videoStreamIndex(Path file, AVFormatContext format) {
        int index = av_find_best_stream(format, AVMEDIA_TYPE_VIDEO, -1, -1, (PointerPointer<?>) null, 0);
        if (index < 0) {
            throw new InvalidInputException(file, "has no video stream");
        }
        return index;
    }

    /**
     * Skips H.264/HEVC deblocking: about a third faster; after a shrink to analysis size the pictures differ by
     * about one grey level on average (see FrameSourceTest). Decoding threads pick the setting up per frame.
     */
    void skipLoopFilter(boolean skip) {
        codec.skip_loop_filter(skip ? AVDISCARD_ALL : AVDISCARD_DEFAULT);
    }

    AVStream stream() {
        return stream;
    }

    AVFormatContext format() {
        return format;
    }

    AVCodecContext codecContext() {
        return codec;
    }

    int streamIndex() {
        return streamIndex;
    }

    /**
     * Decodes the next frame in presentation order into the internal frame.
     *
     * @return false at the end of the stream
     */
    boolean decodeNext() {
        while (true) {
            int r = avcodec_receive_frame(codec, frame);
            if (r >= 0) {
                return true;
            }
            if (r == AVERROR_EOF) {
                return false;
            }
            if (r != AVERROR_EAGAIN()) {
                throw new InvalidInputException(file, "decoding failed (" + errorText(r) + ")");
            }
            if (inputEnded) {
                return false;
            }
            r = av_read_frame(format, packet);
            if (r < 0) {
                // End of file, or a truncated file whose data stops early: drain what the decoder holds.
                inputEnded = true;
                avcodec_send_packet(codec, null);
                continue;
            }
            if (packet.stream_index() == streamIndex) {
                // A damaged packet is skipped (the decoder conceals it), as the ffmpeg tool does.
                avcodec_send_packet(codec, packet);
            }
            av_packet_unref(packet);
        }
    }

    /** Presentation timestamp of the decoded frame, in stream time base units. */
    long framePts() {
        long pts = frame.best_effort_timestamp();
        return pts == AV_NOPTS_VALUE ? frame.pts() : pts;
    }

    /** Seeks so that decoding restarts at the key frame at or before {@code pts} (stream time base). */
    void seekBefore(long pts) {
        int r = avformat_seek_file(format, streamIndex, Long.MIN_VALUE, pts, pts, AVSEEK_FLAG_BACKWARD);
        if (r < 0) {
            // Some demuxers only seek by byte or from the start: fall back to the very beginning.
            r = avformat_seek_file(format, streamIndex, Long.MIN_VALUE, Long.MIN_VALUE, Long.MIN_VALUE,
                    AVSEEK_FLAG_BACKWARD);
            if (r < 0) {
                throw new InvalidInputException(file, "cannot seek (" + errorText(r) + ")");
            }
        }
        avcodec_flush_buffers(codec);
        inputEnded = false;
    }

    int frameWidth() {
        return frame.width();
    }

    int frameHeight() {
        return frame.height();
    }

    /** Converts the decoded frame to packed RGB24 at the given size (see {@link RgbConverter}). */
    byte[] toRgb(int width, int height) {
        return converter.convert(frame, width, height);
    }

    /** A new reference to the decoded frame (cheap: no pixel copy), for conversion on another thread. */
    AVFrame cloneFrame() {
        return av_frame_clone(frame);
    }

    double timeBase() {
        AVRational tb = stream.time_base();
        return tb.num() / (double) tb.den();
    }

    static String errorText(int code) {
        byte[] buffer = new byte[256];
        av_strerror(code, buffer, buffer.length);
        int n = 0;
        while (n < buffer.length && buffer[n] != 0) {
            n++;
        }
        return new String(buffer, 0, n, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static void check(Path file, int r, String what) {
        if (r < 0) {
            throw new InvalidInputException(file, what + " (" + errorText(r) + ")");
        }
    }

    @Override
    public void close() {
        converter.close();
        av_frame_free(frame);
        av_packet_free(packet);
        if (codec != null) {
            avcodec_free_context(codec);
            codec = null;
        }
        if (format != null) {
            avformat_close_input(format);
            format = null;
        }
    }
}
