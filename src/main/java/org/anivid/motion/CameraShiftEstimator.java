package org.anivid.motion;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_RGB2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;

import org.anivid.core.RgbImage;
import org.anivid.core.VideoFrame;
import org.anivid.media.Natives;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Measures the camera shift between consecutive frames for {@link MotionScorer#accept(VideoFrame, CameraShift)}, so
 * that the phase correlation (about 40 % of compensated motion scoring) can run on another thread than the
 * background model. It makes exactly the measurement the scorer would make itself (the same grey frame, the same
 * {@link CameraCompensation.ShiftMeter}), always against the previous frame of the stream; the scorer ignores the
 * shift of the first frame after a cut, as it would when measuring, so the scores are identical either way.
 *
 * <p>Not thread-safe; one per stream. Holds native memory: close it.
 */
public final class CameraShiftEstimator implements AutoCloseable {
    private final boolean enabled;
    private Mat rgb;
    private Mat gray;
    private CameraCompensation.ShiftMeter meter;
    private int width = -1;
    private int height;

    /** An estimator that measures only when {@code options} compensate camera motion. */
    public CameraShiftEstimator(MotionOptions options) {
        this.enabled = options.compensateCameraMotion();
        if (enabled) {
            Natives.loadOpenCv();
        }
    }

    /**
     * The shift from the previous frame given to this one; null when the options do not compensate or the frames
     * are too small to measure (the scorer then does without).
     */
    public CameraShift estimate(VideoFrame frame) {
        RgbImage image = frame.image();
        if (!enabled || image.width() < CameraCompensation.MIN_SIZE || image.height() < CameraCompensation.MIN_SIZE) {
            return null;
        }
        if (width < 0) {
            width = image.width();
            height = image.height();
            rgb = new Mat(height, width, CV_8UC3);
            gray = new Mat(height, width, CV_8UC1);
            meter = new CameraCompensation.ShiftMeter(width, height);
        } else if (image.width() != width || image.height() != height) {
            throw new IllegalArgumentException("frame " + frame.index() + " is " + image.width() + "x"
                    + image.height() + ", earlier frames were " + width + "x" + height);
        }
        rgb.data().put(image.pixels());
        cvtColor(rgb, gray, COLOR_RGB2GRAY);
        double[] d = meter.measure(gray);
        return new CameraShift(d[0], d[1]);
    }

    @Override
    public void close() {
        if (meter != null) {
            meter.close();
            gray.close();
            rgb.close();
            meter = null;
        }
    }
}
