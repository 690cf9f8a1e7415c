package org.anivid.motion;

import static org.bytedeco.opencv.global.opencv_core.BORDER_CONSTANT;
import static org.bytedeco.opencv.global.opencv_core.CV_32F;
import static org.bytedeco.opencv.global.opencv_core.CV_64F;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.WARP_INVERSE_MAP;
import static org.bytedeco.opencv.global.opencv_imgproc.createHanningWindow;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;
import static org.bytedeco.opencv.global.opencv_imgproc.warpAffine;

import org.bytedeco.javacpp.indexer.DoubleIndexer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Camera-motion compensation for MOG2: anime pans slide the whole picture, which a background subtractor reads as
 * motion everywhere.
 *
 * <p><b>Measuring.</b> The global translation between consecutive frames is estimated by phase correlation
 * ({@link PhaseCorrelator}: Hanning window, sub-pixel peak; each frame's spectrum is computed once) on the grey
 * frame, shrunk to at most {@value #ESTIMATE_WIDTH} pixels wide (area averaging) so that the cost stays small at
 * 1080p and 4K. Estimates whose correlation peak is weak (below {@value #MIN_RESPONSE}: no single dominant
 * translation), tiny (below {@value #MIN_SHIFT} px at the estimation size: noise, a talking mouth) or implausibly
 * large (over a quarter of the frame) count as "no camera motion".
 *
 * <p><b>Subtracting.</b> MOG2 keeps a model per pixel and cannot be shifted, so instead the input is: each background
 * model has an <em>anchor</em> frame, the camera offset since the anchor is the sum of the per-frame estimates, and
 * every frame is warped back by that offset (bilinear, sub-pixel) into the anchor's coordinates before MOG2 sees
 * it. The model thus watches a stabilised picture in which a pan over still drawings is still. Pixels the current
 * frame does not cover (the part of the anchor that has scrolled out of view) keep their last seen value, so they
 * match the model, and are left out of the score: the score is the moving share of the region pixels that the
 * frame shows. When the offset passes {@value #MAX_OFFSET} of the frame, a model anchored on a newer frame takes
 * over; it is started when the offset passes half that, so it has learnt the scene for as many frames by the time
 * it is used (no warm-up gap inside a long pan). Offsets under {@value #MIN_WARP} px are not applied, so with a
 * still camera nothing is warped and the scores are exactly the uncompensated ones.
 *
 * <p>Limits: translation only (zooms, rotations and parallax layers still read as motion — the demo's mountains
 * move at a third of the pan speed); a large foreground object moving across a still background can win the
 * correlation. Both are visible in the per-frame shifts that {@link MotionResult} reports.
 */
final class CameraCompensation implements AutoCloseable {
    /** Smallest frame side for which translation is measured. */
    static final int MIN_SIZE = 32;
    /** Offset (fraction of the frame side) at which a newer anchor takes over. */
    static final double MAX_OFFSET = 0.25;
    static final int ESTIMATE_WIDTH = 384;
    static final double MIN_RESPONSE = 0.05;
    static final double MIN_SHIFT = 0.1;
    /**
     * Offsets below this (analysis pixels) are not warped: a still camera's estimates jitter by ±0.1–0.2 px when
     * eyes blink or mouths move, and they cancel out; a real pan passes this within a frame or two.
     */
    static final double MIN_WARP = 0.5;

    private final double learningRate;
    private final int width;
    private final int height;
    private final Rect crop;
    private final Size frameSize;
    private final Mat warped = new Mat();
    private final Mat affine;
    private final DoubleIndexer affineValues;
    private final Scalar black = Scalar.all(0);
    /** Made on first use: not needed when the shifts are measured ahead ({@link CameraShiftEstimator}). */
    private ShiftMeter meter;
    /** True until the first frame after construction or a reset has been estimated. */
    private boolean fresh = true;

    CameraCompensation(int width, int height, Rect crop, double learningRate) {
        this.learningRate = learningRate;
        this.width = width;
        this.height = height;
        this.crop = crop;
        this.frameSize = new Size(width, height);
        this.affine = new Mat(2, 3, CV_64F);
        this.affineValues = affine.createIndexer();
        affineValues.put(0, 0, 1).put(0, 1, 0).put(1, 0, 0).put(1, 1, 1);
    }

    /** Forget the previous frame (a cut: translation across it means nothing). */
    void reset() {
        fresh = true;
        if (meter != null) {
            meter.forget();
        }
    }

    /**
     * Camera translation from the previous frame to this one, in analysis pixels: content at p in the previous
     * frame shows at p + (dx, dy) in this one. {0, 0} for the first frame after a reset. {@code measured} is the
     * same measurement made ahead on another thread ({@link CameraShiftEstimator}), or null to measure here.
     */
    double[] estimate(Mat gray, CameraShift measured) {
        boolean first = fresh;
        fresh = false;
        if (measured != null) {
            return first ? new double[] {0, 0} : new double[] {measured.dx(), measured.dy()};
        }
        if (meter == null) {
            meter = new ShiftMeter(width, height);
        }
        return meter.measure(gray);
    }

    /** True when the model's camera offset exceeds {@code fraction} of the frame width or height. */
    boolean beyond(MotionScorer.Model model, double fraction) {
        return Math.abs(model.offsetX) > fraction * width || Math.abs(model.offsetY) > fraction * height;
    }

    /**
     * Brings this frame into the model's anchor coordinates, feeds the (cropped) result to its MOG2 and returns the
     * part of the crop that the frame actually covers, in crop coordinates (caller closes it).
     */
    Rect feed(MotionScorer.Model model, Mat gray, Mat foreground) {
        Rect valid;
        if (model.frames == 0 || (Math.abs(model.offsetX) < MIN_WARP && Math.abs(model.offsetY) < MIN_WARP)) {
            gray.copyTo(model.canvas);
            valid = new Rect(0, 0, crop.width(), crop.height());
        } else {
            int[] covered = warp(gray, model.offsetX, model.offsetY);
            int x0 = covered[0];
            int y0 = covered[1];
            int x1 = covered[2];
            int y1 = covered[3];
            if (x1 >= x0 && y1 >= y0) {
                try (Rect area = new Rect(x0, y0, x1 - x0 + 1, y1 - y0 + 1);
                     Mat from = new Mat(warped, area);
                     Mat to = new Mat(model.canvas, area)) {
                    from.copyTo(to);
                }
            }
            int cx0 = Math.max(x0, crop.x());
            int cx1 = Math.min(x1, crop.x() + crop.width() - 1);
            int cy0 = Math.max(y0, crop.y());
            int cy1 = Math.min(y1, crop.y() + crop.height() - 1);
            valid = new Rect(cx0 - crop.x(), cy0 - crop.y(), Math.max(0, cx1 - cx0 + 1), Math.max(0, cy1 - cy0 + 1));
        }
        model.mog.apply(model.canvasCrop, foreground, learningRate);
        model.frames++;
        return valid;
    }

    /**
     * Warps {@code gray} into anchor coordinates ({@code warped(p) = gray(p + offset)}) and returns the covered
     * pixels {x0, y0, x1, y1} (inclusive; empty when x1 < x0).
     */
    private int[] warp(Mat gray, double ox, double oy) {
        affineValues.put(0, 2, ox).put(1, 2, oy);
        warpAffine(gray, warped, affine, frameSize, INTER_LINEAR | WARP_INVERSE_MAP, BORDER_CONSTANT, black);
        return new int[] {Math.max(0, (int) Math.ceil(-ox)), Math.max(0, (int) Math.ceil(-oy)),
            Math.min(width - 1, (int) Math.floor(width - 1 - ox)),
            Math.min(height - 1, (int) Math.floor(height - 1 - oy))};
    }

    @Override
    public void close() {
        affineValues.close();
        affine.close();
        warped.close();
        if (meter != null) {
            meter.close();
        }
        black.close();
        frameSize.close();
    }

    /**
     * The translation between consecutive grey frames by phase correlation on a shrunk copy; each frame's spectrum is
     * computed once. Also used, unchanged, by {@link CameraShiftEstimator} on its own thread.
     */
    static final class ShiftMeter implements AutoCloseable {
        private final int estimateWidth;
        private final int estimateHeight;
        private final double scaleX;
        private final double scaleY;
        private final Size estimateSize;
        private final Mat small = new Mat();
        private final Mat current = new Mat();
        private final Mat window = new Mat();
        private final PhaseCorrelator correlator = new PhaseCorrelator();
        private Mat previousSpectrum = new Mat();
        private Mat currentSpectrum = new Mat();
        private boolean hasPrevious;

        ShiftMeter(int width, int height) {
            this.estimateWidth = Math.min(width, ESTIMATE_WIDTH);
            this.estimateHeight = Math.max(MIN_SIZE / 2, (int) Math.round(height * estimateWidth / (double) width));
            this.scaleX = width / (double) estimateWidth;
            this.scaleY = height / (double) estimateHeight;
            this.estimateSize = new Size(estimateWidth, estimateHeight);
            createHanningWindow(window, estimateSize, CV_32F);
        }

        /** The next frame is compared with nothing. */
        void forget() {
            hasPrevious = false;
        }

        /** Translation from the previous grey frame to this one in frame pixels; {0, 0} when there is none. */
        double[] measure(Mat gray) {
            toFloat(gray, current);
            correlator.spectrum(current, window, currentSpectrum);
            Mat swap = previousSpectrum;
            previousSpectrum = currentSpectrum;
            currentSpectrum = swap;
            if (!hasPrevious) {
                hasPrevious = true;
                return new double[] {0, 0};
            }
            // After the swap `currentSpectrum` holds the previous frame's and `previousSpectrum` this one's.
            double[] d = correlator.shift(currentSpectrum, previousSpectrum);
            double dx = d[0];
            double dy = d[1];
            if (!(d[2] >= MIN_RESPONSE) || Math.hypot(dx, dy) < MIN_SHIFT
                    || Math.abs(dx) > estimateWidth * MAX_OFFSET || Math.abs(dy) > estimateHeight * MAX_OFFSET) {
                return new double[] {0, 0};
            }
            return new double[] {dx * scaleX, dy * scaleY};
        }

        private void toFloat(Mat source, Mat target) {
            if (source.cols() == estimateWidth && source.rows() == estimateHeight) {
                source.convertTo(target, CV_32F);
                return;
            }
            resize(source, small, estimateSize, 0, 0, INTER_AREA);
            small.convertTo(target, CV_32F);
        }

        @Override
        public void close() {
            small.close();
            current.close();
            window.close();
            correlator.close();
            previousSpectrum.close();
            currentSpectrum.close();
            estimateSize.close();
        }
    }
}
