package org.anivid.media;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.anivid.core.InvalidInputException;
import org.anivid.core.RgbImage;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;

/**
 * Writes RGB pictures to a video file. Output goes to a temporary file beside the target and is moved into
 * place by {@link #close()}, so a crash or an error never leaves a half-written video under the real name;
 * {@link #abort()} discards it.
 */
public final class VideoEncoder implements AutoCloseable {
    private final Path target;
    private final Path temporary;
    private final FFmpegFrameRecorder recorder;
    private final Frame frame;
    private final int width;
    private final int height;
    private boolean finished;
    private long frames;

    private VideoEncoder(Path target, Path temporary, FFmpegFrameRecorder recorder, int width, int height) {
        this.target = target;
        this.temporary = temporary;
        this.recorder = recorder;
        this.width = width;
        this.height = height;
        this.frame = new Frame(width, height, Frame.DEPTH_UBYTE, 3, width * 3);
    }

    /** Settings of one encode: codec, frame rate, and bit rate in bits/s (0 = the codec's quality default). */
    public record Settings(VideoCodec codec, double fps, int bitrate, int gopSize) {
        public static Settings h264(double fps, int bitrate) {
            return new Settings(VideoCodec.H264, fps, bitrate, (int) Math.round(fps * 2));
        }
    }

    public static VideoEncoder open(Path target, int width, int height, Settings settings) {
        Natives.load();
        if (width % 2 != 0 || height % 2 != 0) {
            throw new IllegalArgumentException("video size must be even: " + width + "x" + height);
        }
        Path dir = target.toAbsolutePath().getParent();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new InvalidInputException(dir, "cannot create output folder: " + e.getMessage());
        }
        String name = target.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String ext = dot >= 0 ? name.substring(dot + 1) : settings.codec().defaultExtension();
        Path temporary = dir.resolve("." + name + ".partial-" + ProcessHandle.current().pid() + "." + ext);
        FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(temporary.toString(), width, height, 0);
        recorder.setFormat(switch (ext) {
            case "mkv" -> "matroska";
            case "mov" -> "mov";
            default -> ext;
        });
        recorder.setVideoCodecName(settings.codec().encoder());
        recorder.setFrameRate(settings.fps());
        recorder.setGopSize(settings.gopSize() > 0 ? settings.gopSize() : (int) Math.round(settings.fps() * 2));
        recorder.setPixelFormat(settings.codec() == VideoCodec.MJPEG ? avutil.AV_PIX_FMT_YUVJ420P
                : settings.codec() == VideoCodec.FFV1 ? avutil.AV_PIX_FMT_YUV444P : avutil.AV_PIX_FMT_YUV420P);
        if (settings.bitrate() > 0) {
            recorder.setVideoBitrate(settings.bitrate());
        } else if (settings.codec() == VideoCodec.MJPEG || settings.codec() == VideoCodec.MPEG4) {
            recorder.setVideoQuality(3);
        }
        if (settings.codec() == VideoCodec.AV1) {
            recorder.setVideoOption("cpu-used", "8");
        }
        if (settings.codec() == VideoCodec.VP9) {
            recorder.setVideoOption("deadline", "realtime");
            recorder.setVideoOption("cpu-used", "8");
        }
        try {
            recorder.start();
        } catch (FFmpegFrameRecorder.Exception e) {
            throw new InvalidInputException(target, "cannot start the " + settings.codec().encoder()
                    + " encoder: " + e.getMessage());
        }
        return new VideoEncoder(target, temporary, recorder, width, height);
    }

    public void write(RgbImage image) {
        if (image.width() != width || image.height() != height) {
            throw new IllegalArgumentException("frame is " + image.width() + "x" + image.height()
                    + ", video is " + width + "x" + height);
        }
        ByteBuffer buffer = (ByteBuffer) frame.image[0];
        buffer.clear();
        buffer.put(image.pixels());
        buffer.flip();
        try {
            recorder.record(frame, avutil.AV_PIX_FMT_RGB24);
            frames++;
        } catch (FFmpegFrameRecorder.Exception e) {
            throw new IllegalStateException("encoding frame " + frames + " of " + target + " failed", e);
        }
    }

    public long framesWritten() {
        return frames;
    }

    /** Finishes the file and moves it into place. */
    @Override
    public void close() {
        if (finished) {
            return;
        }
        finished = true;
        try {
            recorder.stop();
            recorder.release();
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (Exception e) {
            deleteQuietly();
            throw new IllegalStateException("cannot finish " + target + ": " + e.getMessage(), e);
        } finally {
            frame.close();
        }
    }

    /** Stops without producing the target file. */
    public void abort() {
        if (finished) {
            return;
        }
        finished = true;
        try {
            recorder.stop();
            recorder.release();
        } catch (Exception ignored) {
            // The output is discarded anyway.
        }
        frame.close();
        deleteQuietly();
    }

    private void deleteQuietly() {
        try {
            Files.deleteIfExists(temporary);
        } catch (IOException ignored) {
            // Nothing more to do: the temporary name is hidden and unique per process.
        }
    }
}
