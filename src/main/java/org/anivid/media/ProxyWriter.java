package org.anivid.media;

import static org.bytedeco.ffmpeg.global.avcodec.*;
import static org.bytedeco.ffmpeg.global.avformat.*;
import static org.bytedeco.ffmpeg.global.avutil.*;
import static org.bytedeco.ffmpeg.global.swscale.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.anivid.core.InvalidInputException;
import org.anivid.core.RgbImage;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * Encodes a seek proxy with FFmpeg's own API rather than {@link VideoEncoder}: every picture keeps the
 * presentation time of its original frame (so a variable-frame-rate episode keeps its timing and frame n of the
 * proxy is frame n of the episode), B-frames are off (decode order = display order), frame skipping is off (the
 * frame count must not change) and the key-frame interval is exact. Output goes to a hidden temporary file beside
 * the target and is moved into place only by {@link #finish()}; {@link #close()} without it deletes it.
 * Not thread-safe.
 */
final class ProxyWriter implements AutoCloseable {
    /** 90 kHz, as MPEG transport streams: fine enough that distinct frame times never collide. */
    private static final int CLOCK = 90_000;

    private final Path target;
    private final Path temporary;
    private final int width;
    private final int height;
    private AVFormatContext out;
    private AVCodecContext encoder;
    private AVStream stream;
    private AVFrame picture;
    private AVPacket packet;
    private SwsContext sws;
    private BytePointer rgb;
    private PointerPointer<BytePointer> srcData;
    private IntPointer srcStride;
    private AVRational codecTimeBase;
    private boolean finished;
    private long lastPts = Long.MIN_VALUE;
    private long frames;

    private ProxyWriter(Path target, Path temporary, int width, int height) {
        this.target = target;
        this.temporary = temporary;
        this.width = width;
        this.height = height;
    }

    /** A hidden temporary name beside {@code target}, unique to this process and call. */
    static Path temporaryFor(Path target) {
        String name = target.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String ext = dot >= 0 ? name.substring(dot) : "";
        return target.resolveSibling("." + name + PARTIAL_MARK + ProcessHandle.current().pid() + "-"
                + Long.toHexString(System.nanoTime()) + ext);
    }

    /** Marks temporary files: {@code .<name>.partial-<pid>-<nonce>.<ext>}. */
    static final String PARTIAL_MARK = ".partial-";

    static ProxyWriter open(Path target, int width, int height, double fps, ProxyFormat format) {
        Natives.load();
        if (width % 2 != 0 || height % 2 != 0) {
            throw new IllegalArgumentException("proxy size must be even: " + width + "x" + height);
        }
        try {
            Files.createDirectories(target.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new InvalidInputException(target.getParent(), "cannot create cache folder: " + e.getMessage());
        }
        ProxyWriter w = new ProxyWriter(target, temporaryFor(target.toAbsolutePath()), width, height);
        try {
            w.start(fps, format);
            return w;
        } catch (RuntimeException e) {
            w.close();
            throw e;
        }
    }

    private void start(double fps, ProxyFormat format) {
        String muxer = switch (format.extension()) {
            case "mkv" -> "matroska";
            case "mov" -> "mov";
            default -> format.extension();
        };
        out = new AVFormatContext(null);
        check(avformat_alloc_output_context2(out, null, muxer, temporary.toString()), "cannot create " + muxer);
        AVCodec codec = avcodec_find_encoder_by_name(format.codec().encoder());
        if (codec == null) {
            throw new InvalidInputException(target, "encoder " + format.codec().encoder() + " is not available");
        }
        encoder = avcodec_alloc_context3(codec);
        encoder.width(width);
        encoder.height(height);
        boolean jpeg = format.codec() == VideoCodec.MJPEG;
        encoder.pix_fmt(jpeg ? AV_PIX_FMT_YUVJ420P : AV_PIX_FMT_YUV420P);
        codecTimeBase = new AVRational().num(1).den(CLOCK);
        encoder.time_base(codecTimeBase);
        // Rate control needs the real frame rate; the 90 kHz time base alone would read as 90,000 frames/s.
        encoder.framerate(av_d2q(fps > 0 ? fps : 24, 100_000));
        encoder.gop_size(format.gop());
        encoder.keyint_min(format.gop());
        encoder.max_b_frames(0);
        encoder.thread_count(Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors())));
        if (format.quality() > 0) {
            encoder.flags(encoder.flags() | AV_CODEC_FLAG_QSCALE);
            encoder.global_quality(format.quality() * FF_QP2LAMBDA);
        } else {
            encoder.bit_rate(format.bitrate(width, height, fps));
        }
        if ((out.oformat().flags() & AVFMT_GLOBALHEADER) != 0) {
            encoder.flags(encoder.flags() | AV_CODEC_FLAG_GLOBAL_HEADER);
        }
        AVDictionary options = new AVDictionary(null);
        try {
            if (format.codec() == VideoCodec.H264) {
                av_dict_set(options, "allow_skip_frames", "0", 0);
                av_dict_set(options, "rc_mode", "bitrate", 0);
            }
            int r = avcodec_open2(encoder, codec, options);
            if (r < 0) {
                throw new InvalidInputException(target, "cannot open the " + format.codec().encoder() + " encoder ("
                        + FfmpegDecoder.errorText(r) + ")");
            }
        } finally {
            av_dict_free(options);
        }
        stream = avformat_new_stream(out, null);
        check(avcodec_parameters_from_context(stream.codecpar(), encoder), "cannot set stream parameters");
        stream.time_base(codecTimeBase);
        AVIOContext pb = new AVIOContext(null);
        check(avio_open(pb, temporary.toString(), AVIO_FLAG_WRITE), "cannot write");
        out.pb(pb);
        check(avformat_write_header(out, (AVDictionary) null), "cannot write the header");
        picture = av_frame_alloc();
        picture.format(encoder.pix_fmt());
        picture.width(width);
        picture.height(height);
        check(av_frame_get_buffer(picture, 0), "cannot allocate a picture");
        packet = av_packet_alloc();
        sws = sws_getContext(width, height, AV_PIX_FMT_RGB24, width, height, encoder.pix_fmt(), SWS_BILINEAR,
                null, null, (double[]) null);
        if (sws == null) {
            throw new InvalidInputException(target, "cannot convert RGB to " + av_get_pix_fmt_name(encoder.pix_fmt())
                    .getString());
        }
        // SIMD readers may look a few bytes past the last row: pad the buffer.
        rgb = new BytePointer((long) width * height * 3 + 64);
        srcData = new PointerPointer<>(4);
        srcData.put(0, rgb);
        srcStride = new IntPointer(4);
        srcStride.put(0, width * 3);
    }

    /** Adds one picture shown at {@code seconds} (from the first frame); times must increase. */
    void write(RgbImage image, double seconds) {
        if (image.width() != width || image.height() != height) {
            throw new IllegalArgumentException("picture is " + image.width() + "x" + image.height() + ", proxy is "
                    + width + "x" + height);
        }
        long pts = Math.round(seconds * CLOCK);
        if (pts <= lastPts) {
            pts = lastPts + 1;
        }
        lastPts = pts;
        check(av_frame_make_writable(picture), "cannot reuse the picture buffer");
        rgb.position(0).put(image.pixels(), 0, image.pixels().length);
        rgb.position(0);
        sws_scale(sws, srcData, srcStride, 0, height, picture.data(), picture.linesize());
        picture.pts(pts);
        picture.quality(encoder.global_quality());
        send(picture);
        frames++;
    }

    long framesWritten() {
        return frames;
    }

    private void send(AVFrame frame) {
        check(avcodec_send_frame(encoder, frame), "encoding failed");
        while (true) {
            int r = avcodec_receive_packet(encoder, packet);
            if (r == AVERROR_EAGAIN() || r == AVERROR_EOF) {
                return;
            }
            check(r, "encoding failed");
            av_packet_rescale_ts(packet, codecTimeBase, stream.time_base());
            packet.stream_index(stream.index());
            check(av_interleaved_write_frame(out, packet), "cannot write a packet");
        }
    }

    /**
     * Flushes the encoder, completes the file, checks that it reads back with {@code expectedFrames} frames and
     * moves it into place under the target name.
     */
    Path finish(int expectedFrames) {
        send(null);
        check(av_write_trailer(out), "cannot finish the file");
        releaseNatives();
        try (FrameSource check = FrameSource.open(temporary, FrameSize.fitWidth(64))) {
            if (check.frameCount() != expectedFrames) {
                throw new InvalidInputException(target, "proxy has " + check.frameCount() + " frames, the episode "
                        + expectedFrames + "; not kept");
            }
        }
        finished = true;
        try {
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            deleteTemporary();
            throw new InvalidInputException(target, "cannot move the proxy into place: " + e.getMessage());
        }
        return target;
    }

    /** The hidden file being written (for checks before {@link #finish()}); gone afterwards. */
    Path temporary() {
        return temporary;
    }

    private void check(int r, String what) {
        if (r < 0) {
            throw new InvalidInputException(target, what + " (" + FfmpegDecoder.errorText(r) + ")");
        }
    }

    private void releaseNatives() {
        if (sws != null) {
            sws_freeContext(sws);
            sws = null;
        }
        if (rgb != null) {
            rgb.close();
            srcData.close();
            srcStride.close();
            rgb = null;
        }
        if (picture != null) {
            av_frame_free(picture);
            picture = null;
        }
        if (packet != null) {
            av_packet_free(packet);
            packet = null;
        }
        if (encoder != null) {
            avcodec_free_context(encoder);
            encoder = null;
        }
        if (out != null) {
            if (out.pb() != null && (out.oformat().flags() & AVFMT_NOFILE) == 0) {
                avio_closep(out.pb());
            }
            avformat_free_context(out);
            out = null;
        }
    }

    /** Releases everything; without a successful {@link #finish()} the temporary file is deleted. */
    @Override
    public void close() {
        releaseNatives();
        if (!finished) {
            deleteTemporary();
            finished = true;
        }
    }

    private void deleteTemporary() {
        try {
            Files.deleteIfExists(temporary);
        } catch (IOException ignored) {
            // Hidden and unique per process: a leftover is swept by the next build (see EpisodeCache).
        }
    }
}
