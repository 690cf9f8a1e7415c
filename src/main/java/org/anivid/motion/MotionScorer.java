package org.anivid.motion;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_core.bitwise_and;
import static org.bytedeco.opencv.global.opencv_core.countNonZero;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_RGB2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.LINE_4;
import static org.bytedeco.opencv.global.opencv_imgproc.MORPH_OPEN;
import static org.bytedeco.opencv.global.opencv_imgproc.MORPH_RECT;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.bytedeco.opencv.global.opencv_imgproc.fillPoly;
import static org.bytedeco.opencv.global.opencv_imgproc.getStructuringElement;
import static org.bytedeco.opencv.global.opencv_imgproc.morphologyEx;

import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import org.anivid.core.RgbImage;
import org.anivid.core.VideoFrame;
import org.anivid.core.VideoInfo;
import org.anivid.media.Natives;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.opencv.global.opencv_video;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.MatVector;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_video.BackgroundSubtractorMOG2;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streaming DVR-Scan-compatible motion scorer: feed it every decoded frame in order with {@link #accept}, tell it
 * where shots change with {@link #cut}, and collect per-frame scores, motion events and per-shot statistics with
 * {@link #finish}. One decode can feed this and the shot detector together.
 *
 * <h2>Per frame (as DVR-Scan's {@code MotionDetector.update} + {@code SubtractorMOG2.apply})</h2>
 * The frame is cropped to the bounding rectangle of the region of interest (max corner exclusive, as DVR-Scan
 * slices {@code frame[min_y:max_y, min_x:max_x]}), converted to grey with OpenCV's {@code cvtColor}
 * (RGB2GRAY on our RGB frame = BGR2GRAY on DVR-Scan's BGR frame), fed to MOG2 (history 500, varThreshold 16, no
 * shadows, learning rate {@link MotionOptions#learningRate()}: OpenCV's automatic rate unless asked otherwise) and
 * the 0/255 mask is opened with a k×k rectangle of ones (the copy from the frame into a reused Mat is the only
 * per-frame copy; all buffers are reused). The score is the
 * mean of the opened mask over the pixels inside the polygon (a {@code fillPoly(LINE_4)} mask cropped the same
 * way), i.e. 255 × the fraction of moving pixels; a score ≥ 255 is rejected to 0 (DVR-Scan's
 * {@code max_threshold}), and the first frame of every background model scores 0.
 *
 * <h2>Reduced analysis sizes</h2>
 * Frames may come smaller than the source (DVR-Scan's {@code --downscale-factor} semantics, with our area-averaged
 * shrink instead of its pixel skipping): the region is scaled by the frame/source ratio, the automatic kernel is
 * chosen from the <em>analysis</em> width (7 ≥ 1920, 5 ≥ 1280, else 3, as DVR-Scan's
 * {@code _recommended_kernel_size(width / factor)}) and an explicit kernel is scaled as DVR-Scan's
 * {@code _scale_kernel_size} does (round(k / factor), made odd downwards, at least 3). Scores stay on the same
 * 0–255 "fraction of moving pixels" scale at every size; they are not identical across sizes, because area
 * averaging removes pixel noise and a 3×3 opening removes relatively larger specks at a small size. Compare scores
 * measured at one size; the threshold's meaning (share of the region that moves) is the same.
 *
 * <h2>Cuts and warm-up</h2>
 * {@link #cut(int)} starts a fresh background model at the first frame of a new shot, so one shot's motion does not
 * leak into the next. MOG2 has nothing to compare the first frame of a model with (its mask is all 255): that frame
 * scores 0 and is marked as warm-up, and per-shot statistics leave it out. From the second frame on MOG2 compares
 * with a model initialised from that frame with variance 15 (a pixel moves when it changes by more than about 15.5
 * grey levels), which is what DVR-Scan does at the start of any video, so no further frames are dropped (on the
 * demo's still shot the frames after the cut score exactly 0). With the automatic learning rate the new model then
 * learns fast (1 / (2 × frames seen)); see {@link MotionOptions#curation()} for why curation uses 1/500 instead.
 * Shot detectors decide a cut a few frames late: a cut up to {@code historyFrames} frames back is applied
 * retroactively by replaying the kept grey frames through a new model (the same scores as a cut given in time).
 * The kept frames are the grey crop at analysis size (whole grey frames with compensation): 24 × 57 KB at 320×180,
 * 24 × 2 MB at 1080p.
 *
 * <h2>Camera-motion compensation (option)</h2>
 * See {@link CameraCompensation} for the design: the global frame-to-frame translation is measured by phase
 * correlation and each frame is warped back into the coordinates of an anchor frame before MOG2 sees it; pixels the
 * camera has not shown since the anchor are left out of the score. With a still camera the input is not warped at
 * all, so scores equal the uncompensated ones.
 *
 * <p>Not thread-safe. Holds native memory: close it (try-with-resources).
 */
public final class MotionScorer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MotionScorer.class);

    /** DVR-Scan / OpenCV MOG2 settings. */
    static final int MOG2_HISTORY = 500;
    static final double MOG2_VAR_THRESHOLD = 16.0;
    /** DVR-Scan's {@code max_threshold}: a score this high (every pixel moving) is rejected to 0. */
    static final double MAX_SCORE = 255.0;
    /** Grey frames kept for retroactive cuts unless the caller asks for another number. */
    public static final int DEFAULT_HISTORY_FRAMES = 24;

    private final MotionOptions options;
    private final int sourceWidth;
    private final int sourceHeight;
    private final double fps;
    private final int historyFrames;

    // Geometry, fixed by the first frame.
    private int width = -1;
    private int height;
    private Rect crop;
    private Mat roiMask;
    private int roiActive;
    private int kernelSize;
    private Mat kernel;

    // Reused native buffers.
    private Mat rgb;
    private Mat rgbView;
    private Mat[] ring;
    private int[] ringFrame;
    private Mat fg;
    private Mat secondaryFg;
    private Mat opened;
    private Mat masked;
    private CameraCompensation camera;

    private Model primary;
    private Model secondary;

    // Results.
    private double[] scores = new double[1024];
    private boolean[] warmup = new boolean[1024];
    private double[] shiftX;
    private double[] shiftY;
    /** Shifts measured ahead by a {@link CameraShiftEstimator} (null where not given), kept for retroactive cuts. */
    private CameraShift[] measuredShifts;
    private int firstFrame = -1;
    private int frames;
    private int accepted;
    private final TreeSet<Integer> resets = new TreeSet<>();
    private final TreeSet<Integer> pendingCuts = new TreeSet<>();
    private boolean resetPending = true;
    private boolean finished;
    private boolean closed;

    /**
     * @param sourceWidth width of the video as stored/displayed (the region is given in these pixels)
     * @param fps frame rate, used only to turn DVR-Scan's default lengths (seconds) into frames
     */
    public MotionScorer(MotionOptions options, int sourceWidth, int sourceHeight, double fps) {
        this(options, sourceWidth, sourceHeight, fps, DEFAULT_HISTORY_FRAMES);
    }

    /** @param historyFrames how far back {@link #cut(int)} may reach (grey frames kept at analysis size) */
    public MotionScorer(MotionOptions options, int sourceWidth, int sourceHeight, double fps, int historyFrames) {
        if (sourceWidth <= 0 || sourceHeight <= 0) {
            throw new IllegalArgumentException("source size must be positive: " + sourceWidth + "x" + sourceHeight);
        }
        if (historyFrames < 1) {
            throw new IllegalArgumentException("historyFrames must be ≥ 1");
        }
        this.options = options;
        this.sourceWidth = sourceWidth;
        this.sourceHeight = sourceHeight;
        this.fps = fps;
        this.historyFrames = historyFrames;
        // Fail early (not at finish) when DVR-Scan defaults in seconds need a frame rate we do not have.
        options.minEventLenFrames(fps > 0 ? fps : needsFps(options));
        Natives.loadOpenCv();
    }

    private static double needsFps(MotionOptions o) {
        if (o.minEventLen() == MotionOptions.DVR_SCAN_DEFAULT || o.timePreEvent() == MotionOptions.DVR_SCAN_DEFAULT
                || o.timePostEvent() == MotionOptions.DVR_SCAN_DEFAULT) {
            throw new IllegalArgumentException("event lengths default to seconds: a positive frame rate is needed");
        }
        return 1;
    }

    /** A scorer for a probed video (its display size and frame rate). */
    public static MotionScorer forVideo(VideoInfo info, MotionOptions options) {
        return new MotionScorer(options, info.displayWidth(), info.displayHeight(), info.fps());
    }

    public MotionOptions options() {
        return options;
    }

    /** Kernel side used at the analysis size (0 = no opening); -1 before the first frame. */
    public int kernelSize() {
        return width < 0 ? -1 : kernelSize;
    }

    /** Scores one frame and returns its score (a later retroactive {@link #cut} may rescore it). */
    public double accept(VideoFrame frame) {
        return accept(frame.index(), frame.image(), null);
    }

    /**
     * As {@link #accept(VideoFrame)}, with the camera shift from the previous frame already measured by a
     * {@link CameraShiftEstimator} fed the same frames (null: measure here). Give it for every frame or for none.
     */
    public double accept(VideoFrame frame, CameraShift measured) {
        return accept(frame.index(), frame.image(), measured);
    }

    /** Scores picture {@code image} as frame number {@code index} (frames in increasing order). */
    public double accept(int index, RgbImage image) {
        return accept(index, image, null);
    }

    private double accept(int index, RgbImage image, CameraShift measured) {
        if (finished || closed) {
            throw new IllegalStateException("scorer already finished");
        }
        if (width < 0) {
            setUp(image.width(), image.height());
            firstFrame = index;
        } else if (image.width() != width || image.height() != height) {
            throw new IllegalArgumentException("frame " + index + " is " + image.width() + "x" + image.height()
                    + ", earlier frames were " + width + "x" + height);
        }
        int position = index - firstFrame;
        if (position < frames) {
            throw new IllegalArgumentException("frame " + index + " comes after frame " + (firstFrame + frames - 1));
        }
        if (position > frames) {
            LOG.warn("frames {}..{} are missing from the stream; they score 0 and count as warm-up",
                    firstFrame + frames, index - 1);
            ensureCapacity(position + 1);
            for (int p = frames; p < position; p++) {
                scores[p] = 0;
                warmup[p] = true;
            }
            resetPending = true;
        }
        ensureCapacity(position + 1);
        frames = position + 1;
        while (!pendingCuts.isEmpty() && pendingCuts.first() <= index) {
            pendingCuts.pollFirst();
            resetPending = true;
        }
        if (resetPending) {
            startOver(index);
        }
        int slot = accepted % historyFrames;
        ringFrame[slot] = index;
        accepted++;
        rgb.data().put(image.pixels());
        cvtColor(compensating() ? rgb : rgbView, ring[slot], COLOR_RGB2GRAY);
        if (compensating()) {
            measuredShifts[position] = measured;
        }
        process(slot, position);
        return scores[position];
    }

    /**
     * The shot changes at frame {@code firstFrameOfShot} (DESIGN.md §3: the first frame of the new shot): the
     * background model starts afresh there. Call it before that frame is accepted, or up to {@code historyFrames}
     * frames later, in which case the kept frames from the cut on are scored again with the new model (a shot
     * detector that decides a few frames late can still feed the same decode).
     */
    public void cut(int firstFrameOfShot) {
        if (finished || closed) {
            throw new IllegalStateException("scorer already finished");
        }
        if (width < 0 || firstFrameOfShot >= firstFrame + frames) {
            pendingCuts.add(firstFrameOfShot);
            return;
        }
        if (firstFrameOfShot <= firstFrame || resets.contains(firstFrameOfShot)) {
            return;
        }
        int kept = Math.min(accepted, historyFrames);
        int oldest = ringFrame[Math.floorMod(accepted - kept, historyFrames)];
        if (firstFrameOfShot < oldest) {
            LOG.warn("cut at frame {} is older than the {} frames kept: the new model starts at frame {}",
                    firstFrameOfShot, kept, firstFrame + frames);
            resetPending = true;
            return;
        }
        boolean pending = resetPending;
        startOver(firstFrameOfShot);
        for (int k = kept; k >= 1; k--) {
            int slot = Math.floorMod(accepted - k, historyFrames);
            int frame = ringFrame[slot];
            if (frame >= firstFrameOfShot) {
                if (frame > firstFrameOfShot && resets.contains(frame)) {
                    startOver(frame);
                }
                process(slot, frame - firstFrame);
            }
        }
        resetPending = pending;
    }

    /** Starts a fresh background model with the next accepted frame (a cut there). */
    public void resetBackground() {
        if (width >= 0) {
            resetPending = true;
        }
    }

    private boolean compensating() {
        return camera != null;
    }

    private void startOver(int frame) {
        resetPending = false;
        if (primary != null) {
            primary.close();
        }
        if (secondary != null) {
            secondary.close();
            secondary = null;
        }
        primary = null;
        if (camera != null) {
            camera.reset();
        }
        if (frame > firstFrame) {
            resets.add(frame);
        }
    }

    private void process(int slot, int position) {
        Mat gray = ring[slot];
        double score;
        boolean fresh;
        if (camera == null) {
            if (primary == null) {
                primary = new Model(null);
            }
            fresh = primary.frames == 0;
            primary.mog.apply(gray, fg, options.learningRate());
            primary.frames++;
            score = fresh ? 0 : score(null);
        } else {
            double[] d = camera.estimate(gray, measuredShifts[position]);
            shiftX[position] = d[0];
            shiftY[position] = d[1];
            if (primary == null) {
                primary = new Model(new Mat(height, width, CV_8UC1));
            } else {
                primary.move(d[0], d[1]);
                if (secondary != null) {
                    secondary.move(d[0], d[1]);
                }
            }
            if (secondary == null && camera.beyond(primary, CameraCompensation.MAX_OFFSET / 2)) {
                secondary = new Model(new Mat(height, width, CV_8UC1));
            }
            if (secondary != null && camera.beyond(primary, CameraCompensation.MAX_OFFSET)) {
                primary.close();
                primary = secondary;
                secondary = null;
            }
            fresh = primary.frames == 0;
            Rect valid = camera.feed(primary, gray, fg);
            if (secondary != null) {
                camera.feed(secondary, gray, secondaryFg).close();
            }
            score = fresh ? 0 : score(valid);
            valid.close();
        }
        if (score >= MAX_SCORE) {
            score = 0;
        }
        scores[position] = score;
        warmup[position] = fresh;
    }

    /** 255 × moving share of the region pixels inside {@code valid} (crop coordinates; null = whole crop). */
    private double score(Rect valid) {
        Mat mask = fg;
        if (kernel != null) {
            morphologyEx(fg, opened, MORPH_OPEN, kernel);
            mask = opened;
        }
        if (valid != null && (valid.width() <= 0 || valid.height() <= 0)) {
            return 0;
        }
        boolean whole = valid == null || (valid.x() == 0 && valid.y() == 0 && valid.width() == crop.width()
                && valid.height() == crop.height());
        if (whole) {
            if (roiMask == null) {
                return 255.0 * countNonZero(mask) / roiActive;
            }
            bitwise_and(mask, roiMask, masked);
            return 255.0 * countNonZero(masked) / roiActive;
        }
        try (Mat part = new Mat(mask, valid)) {
            if (roiMask == null) {
                return 255.0 * countNonZero(part) / ((long) valid.width() * valid.height());
            }
            try (Mat roiPart = new Mat(roiMask, valid); Mat out = new Mat(masked, valid)) {
                int active = countNonZero(roiPart);
                if (active == 0) {
                    return 0;
                }
                bitwise_and(part, roiPart, out);
                return 255.0 * countNonZero(out) / active;
            }
        }
    }

    private void setUp(int w, int h) {
        width = w;
        height = h;
        double sx = w / (double) sourceWidth;
        double sy = h / (double) sourceHeight;
        double factor = sourceWidth / (double) w;
        kernelSize = kernelSizeFor(options.kernelSize(), w, factor);
        if (kernelSize > 1) {
            try (Size k = new Size(kernelSize, kernelSize)) {
                kernel = getStructuringElement(MORPH_RECT, k);
            }
        }
        rgb = new Mat(h, w, CV_8UC3);
        if (options.roiPolygon() == null) {
            crop = new Rect(0, 0, w, h);
            roiActive = w * h;
        } else {
            setUpRegion(sx, sy);
        }
        rgbView = new Mat(rgb, crop);
        boolean compensate = options.compensateCameraMotion();
        if (compensate && (w < CameraCompensation.MIN_SIZE || h < CameraCompensation.MIN_SIZE)) {
            LOG.info("frames of {}x{} are too small to measure camera motion: compensation is off", w, h);
            compensate = false;
        }
        ring = new Mat[historyFrames];
        ringFrame = new int[historyFrames];
        for (int i = 0; i < historyFrames; i++) {
            ring[i] = compensate ? new Mat(h, w, CV_8UC1) : new Mat(crop.height(), crop.width(), CV_8UC1);
        }
        fg = new Mat();
        secondaryFg = new Mat();
        opened = new Mat();
        masked = new Mat(crop.height(), crop.width(), CV_8UC1);
        if (compensate) {
            camera = new CameraCompensation(w, h, crop, options.learningRate());
            shiftX = new double[scores.length];
            shiftY = new double[scores.length];
            measuredShifts = new CameraShift[scores.length];
        }
        LOG.debug("motion: {}x{} frames of a {}x{} source, region {} -> crop {},{} {}x{} ({} px), kernel {}, "
                + "compensation {}", w, h, sourceWidth, sourceHeight, options.describeRoi(), crop.x(), crop.y(),
                crop.width(), crop.height(), roiActive, kernelSize, compensate);
    }

    /**
     * The region at the analysis size: points clamped to the source frame as DVR-Scan's {@code bound_point}
     * (0..width inclusive), scaled, filled with {@code fillPoly(LINE_4)} and cropped to the bounding box with its
     * max corner excluded (DVR-Scan's {@code MotionDetector.__init__}).
     */
    private void setUpRegion(double sx, double sy) {
        List<int[]> poly = options.roiPolygon();
        int n = poly.size();
        int minX = width;
        int minY = height;
        int maxX = 0;
        int maxY = 0;
        int[] xy = new int[2 * n];
        for (int i = 0; i < n; i++) {
            int x = Math.min(Math.max(0, poly.get(i)[0]), sourceWidth);
            int y = Math.min(Math.max(0, poly.get(i)[1]), sourceHeight);
            x = Math.min(width, (int) Math.round(x * sx));
            y = Math.min(height, (int) Math.round(y * sy));
            xy[2 * i] = x;
            xy[2 * i + 1] = y;
            minX = Math.min(minX, x);
            minY = Math.min(minY, y);
            maxX = Math.max(maxX, x);
            maxY = Math.max(maxY, y);
        }
        if (maxX <= minX || maxY <= minY) {
            throw new IllegalArgumentException("the region of interest " + options.describeRoi()
                    + " covers no pixels of the " + sourceWidth + "x" + sourceHeight + " frame");
        }
        crop = new Rect(minX, minY, maxX - minX, maxY - minY);
        try (Mat full = new Mat(height, width, CV_8UC1, Scalar.all(0));
             IntPointer pts = new IntPointer(xy);
             Mat points = new Mat(n, 1, org.bytedeco.opencv.global.opencv_core.CV_32SC2, pts);
             MatVector shapes = new MatVector(points);
             Scalar white = Scalar.all(255);
             Point offset = new Point(0, 0);
             Mat cropped = new Mat(full, crop)) {
            fillPoly(full, shapes, white, LINE_4, 0, offset);
            roiMask = cropped.clone();
        }
        roiActive = countNonZero(roiMask);
        if (roiActive == 0) {
            throw new IllegalArgumentException("the region of interest " + options.describeRoi() + " is empty");
        }
        if (roiActive == crop.width() * crop.height()) {
            roiMask.close();
            roiMask = null;
        }
    }

    /**
     * DVR-Scan's kernel choice at a downscale factor: auto from the analysis width (7/5/3), or an explicit size
     * scaled by the factor (Python {@code round}, made odd downwards, at least 3); 0 or 1 = off.
     */
    static int kernelSizeFor(int requested, int analysisWidth, double factor) {
        if (requested == MotionOptions.AUTO) {
            return analysisWidth >= 1920 ? 7 : analysisWidth >= 1280 ? 5 : 3;
        }
        if (requested == 0 || requested == 1) {
            return 0;
        }
        int k = (int) Math.rint(requested / Math.max(1.0, factor));
        if (k % 2 == 0) {
            k -= 1;
        }
        return Math.max(k, 3);
    }

    private void ensureCapacity(int n) {
        if (n <= scores.length) {
            return;
        }
        int size = Math.max(n, scores.length * 2);
        scores = Arrays.copyOf(scores, size);
        warmup = Arrays.copyOf(warmup, size);
        if (shiftX != null) {
            shiftX = Arrays.copyOf(shiftX, size);
            shiftY = Arrays.copyOf(shiftY, size);
            measuredShifts = Arrays.copyOf(measuredShifts, size);
        }
    }

    /** Ends the pass: events over the whole stream (DVR-Scan's state machine) and everything measured. */
    public MotionResult finish() {
        if (closed) {
            throw new IllegalStateException("scorer closed");
        }
        finished = true;
        double[] s = Arrays.copyOf(scores, frames);
        boolean[] w = Arrays.copyOf(warmup, frames);
        int start = Math.max(firstFrame, 0);
        List<int[]> events = List.of();
        if (frames > 0) {
            EventTracker tracker = new EventTracker(options.threshold(), options.minEventLenFrames(fpsOrOne()),
                    options.timePreEventFrames(fpsOrOne()), options.timePostEventFrames(fpsOrOne()), start);
            for (int i = 0; i < frames; i++) {
                tracker.accept(start + i, s[i]);
            }
            events = tracker.finish();
        }
        return new MotionResult(start, s, w, events, List.copyOf(resets), options.threshold(),
                Math.max(width, 0), Math.max(height, 0), Math.max(kernelSize, 0), camera != null,
                camera != null ? Arrays.copyOf(shiftX, frames) : null,
                camera != null ? Arrays.copyOf(shiftY, frames) : null);
    }

    private double fpsOrOne() {
        return fps > 0 ? fps : 1;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (primary != null) {
            primary.close();
        }
        if (secondary != null) {
            secondary.close();
        }
        if (camera != null) {
            camera.close();
        }
        if (ring != null) {
            for (Mat m : ring) {
                m.close();
            }
        }
        closeAll(rgbView, rgb, fg, secondaryFg, opened, masked, roiMask, kernel, crop);
    }

    private static void closeAll(AutoCloseable... resources) {
        for (AutoCloseable r : resources) {
            if (r != null) {
                try {
                    r.close();
                } catch (Exception e) {
                    LOG.debug("closing a native buffer failed", e);
                }
            }
        }
    }

    /**
     * One MOG2 background model; with compensation also its anchor-aligned grey canvas and the camera offset of
     * the current frame relative to the anchor (content at anchor position p shows at p + offset).
     */
    final class Model implements AutoCloseable {
        final BackgroundSubtractorMOG2 mog;
        final Mat canvas;
        final Mat canvasCrop;
        double offsetX;
        double offsetY;
        int frames;

        Model(Mat canvas) {
            this.mog = opencv_video.createBackgroundSubtractorMOG2(MOG2_HISTORY, MOG2_VAR_THRESHOLD, false);
            // As DVR-Scan: shadows (off anyway) would count as background.
            mog.setShadowValue(0);
            this.canvas = canvas;
            this.canvasCrop = canvas == null ? null : new Mat(canvas, crop);
        }

        void move(double dx, double dy) {
            offsetX += dx;
            offsetY += dy;
        }

        @Override
        public void close() {
            mog.close();
            if (canvasCrop != null) {
                canvasCrop.close();
                canvas.close();
            }
        }
    }
}
