package org.anivid.media;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.anivid.core.InvalidInputException;
import org.anivid.core.RgbImage;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A V4L2 webcam through FFmpeg. The camera is read on its own thread as fast as it delivers and only the newest
 * picture is kept: V4L2 queues a few buffers, and reading them only when the model is ready would animate pictures
 * that are already a second old. A camera that errors or stays silent for {@value #STALL_SECONDS} s ends the session
 * with a {@link FrameCapture.CaptureLostException}.
 */
final class WebcamCapture extends ThreadedCapture {
    private static final Logger log = LoggerFactory.getLogger(WebcamCapture.class);
    static final int STALL_SECONDS = 5;

    private final FFmpegFrameGrabber grabber;
    private final Thread reader;
    private final String description;

    private WebcamCapture(FFmpegFrameGrabber grabber, String description) {
        super(description, grabber.getFrameRate() > 0 ? grabber.getFrameRate() : 30);
        this.grabber = grabber;
        this.description = description;
        reader = new Thread(this::read, "anivid-webcam");
        reader.setDaemon(true);
        reader.start();
    }

    /** Opens the device asking for {@code width × height} at {@code fps}; the camera may pick the nearest mode. */
    static WebcamCapture open(Path device, String description, int width, int height, double fps) {
        Natives.load();
        FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(device.toString());
        grabber.setFormat("video4linux2");
        grabber.setImageWidth(width);
        grabber.setImageHeight(height);
        grabber.setFrameRate(fps);
        grabber.setPixelFormat(avutil.AV_PIX_FMT_RGB24);
        try {
            grabber.start();
        } catch (FFmpegFrameGrabber.Exception | RuntimeException e) {
            try {
                grabber.close();
            } catch (Exception ignored) {
                // Not started: nothing to release.
            }
            throw new InvalidInputException(device, "cannot open the camera (busy, or not a capture device?): "
                    + e.getMessage(), e);
        }
        log.info("camera {} opened at {}x{} {} fps", description, grabber.getImageWidth(), grabber.getImageHeight(),
                grabber.getFrameRate());
        return new WebcamCapture(grabber, description);
    }

    private void read() {
        long n = 0;
        try {
            while (!closed) {
                Frame frame = grabber.grabImage();
                if (frame == null) {
                    throw new IllegalStateException("the device ended the stream");
                }
                slot.offer(toRgb(frame), n++, System.nanoTime());
            }
            slot.end();
        } catch (Exception e) {
            if (closed) {
                slot.end();
            } else {
                log.warn("camera {} lost: {}", description, e.getMessage());
                slot.fail(new CaptureLostException("camera " + description + " stopped: " + e.getMessage()
                        + " (unplugged?)", e));
            }
        } finally {
            try {
                grabber.close();
            } catch (Exception e) {
                log.debug("closing camera {}: {}", description, e.getMessage());
            }
        }
    }

    /** Copies the grabber's RGB24 buffer (rows may be padded) into a packed picture. */
    private static RgbImage toRgb(Frame frame) {
        int w = frame.imageWidth;
        int h = frame.imageHeight;
        ByteBuffer buffer = (ByteBuffer) frame.image[0];
        int stride = frame.imageStride > 0 ? frame.imageStride : w * 3;
        byte[] px = new byte[w * h * 3];
        for (int y = 0; y < h; y++) {
            buffer.position(y * stride);
            buffer.get(px, y * w * 3, w * 3);
        }
        buffer.rewind();
        return new RgbImage(w, h, px);
    }

    @Override
    long stallNanos() {
        return TimeUnit.SECONDS.toNanos(STALL_SECONDS);
    }

    @Override
    java.util.function.Supplier<RuntimeException> stalled() {
        return () -> new CaptureLostException("camera " + description + " delivered no picture for " + STALL_SECONDS
                + " s (unplugged?)", null);
    }

    /** Stops the reader; it releases the device itself, so the grabber is never closed under a running grab. */
    @Override
    public void close() {
        closed = true;
        slot.end();
        try {
            reader.join(TimeUnit.SECONDS.toMillis(STALL_SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
