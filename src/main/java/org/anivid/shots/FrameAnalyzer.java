package org.anivid.shots;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.anivid.core.RgbImage;
import org.anivid.core.VideoFrame;

/**
 * The one pass over the frames that every shot detector shares. Per frame it converts the picture to HSV once (in
 * the same pass as the difference to the previous frame) and records, as number series indexed by position in the
 * stream:
 * <ul>
 *   <li>{@code content[i]}: PySceneDetect's {@code content_val} between frames i−1 and i (0 for the first frame;
 *       255 when the frame size changes);</li>
 *   <li>{@code defined[i]}: the same difference counting hue and saturation only where they are defined
 *       ({@link FrameFeatures#definedScore}, minimum {@value #DEFINED_MIN}), measured in the same pass;</li>
 *   <li>{@code visible[i]}: the fraction of pixels whose value changed by at least
 *       {@value FrameFeatures#VISIBLE_STEP} levels (a visible change, above grain and compression noise);</li>
 *   <li>{@code changed[i]}: the fraction of the picture that changed
 *       ({@link FrameFeatures#changedFraction}: cells of a {@value #CHANGE_GRID}×{@value #CHANGE_GRID} grid whose
 *       mean difference reaches {@code jumpMin}), measured where {@code content[i]} reaches {@code jumpMin};</li>
 *   <li>{@code mean[i]}: the mean of all R, G, B samples (PySceneDetect's {@code ThresholdDetector} metric);</li>
 *   <li>for every frame whose content jump reaches {@code jumpMin}, the {@code content_val} between the frame before
 *       the jump and each of the next {@code lookahead} frames — what the flash rule needs to tell a flash (the
 *       picture comes back) from a cut (it does not);</li>
 *   <li>for every run of black or white frames (mean within {@code blankLevel} of 0 or 255), how much the picture
 *       after the fade differs from the picture before it ({@link FadeWatch}).</li>
 * </ul>
 * Frames at least 2×{@value #TARGET_WIDTH} pixels wide are first box-averaged by the integer factor
 * {@code width / 256}, as PySceneDetect downscales; the analysis-size frames of the media layer pass untouched.
 * Memory: a ring of {@code lookahead + 2} frames' planes plus a few numbers per frame. The pictures of the last
 * frames and of fade boundaries are kept by reference (never modified).
 */
final class FrameAnalyzer {
    /** Minimum value and saturation (0..255) for hue and saturation to count in {@code defined}. */
    static final int DEFINED_MIN = 32;
    /** PySceneDetect's effective width: frames are shrunk by {@code width / 256} when that is 2 or more. */
    static final int TARGET_WIDTH = 256;
    /** Cells per side of the grid {@code changed} is measured on. */
    static final int CHANGE_GRID = 8;
    /** {@link Series#fadeReturn} while a fade-in is still too dark to compare: no cut yet. */
    static final double PENDING = -1;
    /** Mean-intensity change per frame (0..255) that counts as a fade step rather than noise. */
    static final double FADE_STEP = 0.5;

    private final double jumpMin;
    private final int lookahead;
    private final FadeWatch toBlack;
    private final FadeWatch toWhite;
    private final FrameFeatures[] ring;
    private int count;
    private int lastIndex = -1;
    private double[] content = new double[1024];
    private double[] defined = new double[1024];
    private double[] changed = new double[1024];
    private double[] visible = new double[1024];
    private double[] mean = new double[1024];
    private int[] indices = new int[1024];
    private double[] times = new double[1024];
    /** returnDiff[j * lookahead + (k-1)]: content_val(frame j−1, frame j+k) for jump frames j; NaN otherwise. */
    private double[] returnDiff;
    /** Positions whose content jump reaches {@code jumpMin}, increasing. */
    private int[] jumps = new int[64];
    private int jumpCount;

    /**
     * @param jumpMin content jump from which flash look-backs and the changed area are measured
     * @param lookahead frames after a jump compared with the frame before it (the longest flash)
     * @param blankLevel a frame is black when its mean intensity is below this, white when above 255 minus this
     */
    FrameAnalyzer(double jumpMin, int lookahead, double blankLevel) {
        this.jumpMin = jumpMin;
        this.lookahead = Math.max(0, lookahead);
        this.toBlack = new FadeWatch(false, blankLevel);
        this.toWhite = new FadeWatch(true, blankLevel);
        this.ring = new FrameFeatures[this.lookahead + 2];
        for (int i = 0; i < ring.length; i++) {
            ring[i] = new FrameFeatures();
        }
        this.returnDiff = new double[1024 * Math.max(1, this.lookahead)];
        Arrays.fill(returnDiff, Double.NaN);
    }

    /** Frames seen so far. */
    int count() {
        return count;
    }

    void accept(VideoFrame frame) {
        if (frame.index() <= lastIndex) {
            throw new IllegalArgumentException("frames must arrive in decode order: " + frame.index()
                    + " after " + lastIndex);
        }
        lastIndex = frame.index();
        ensureCapacity(count + 1);
        int i = count;
        FrameFeatures prev = i == 0 ? null : ring[(i - 1) % ring.length];
        FrameFeatures cur = ring[i % ring.length];
        double score = cur.load(shrink(frame), prev, DEFINED_MIN);
        indices[i] = frame.index();
        times[i] = frame.timeSeconds();
        mean[i] = cur.meanIntensity;
        if (i == 0) {
            content[i] = 0;
            defined[i] = 0;
            changed[i] = 0;
            visible[i] = 0;
        } else if (Double.isNaN(score)) {
            content[i] = 255;
            defined[i] = 255;
            changed[i] = 1;
            visible[i] = 1;
        } else {
            content[i] = score;
            defined[i] = cur.defined;
            visible[i] = cur.visible;
            changed[i] = score >= jumpMin ? FrameFeatures.changedFraction(prev, cur, CHANGE_GRID, jumpMin) : 0;
        }
        if (i > 0 && content[i] >= jumpMin) {
            if (jumpCount == jumps.length) {
                jumps = Arrays.copyOf(jumps, jumpCount * 2);
            }
            jumps[jumpCount++] = i;
        }
        RgbImage previousImage = prev == null ? null : prev.image;
        toBlack.accept(i, mean[i], previousImage);
        toWhite.accept(i, mean[i], previousImage);
        // Flash look-back: compare this frame with the frame before each recent jump.
        for (int k = 1; k <= lookahead && i - k >= 1; k++) {
            int j = i - k;
            if (content[j] >= jumpMin) {
                FrameFeatures before = ring[(j - 1) % ring.length];
                returnDiff[j * lookahead + k - 1] = FrameFeatures.contentScore(before, cur);
            }
        }
        count++;
    }

    /** The frame itself, or a box-averaged copy when it is much wider than the analysis width. */
    private static VideoFrame shrink(VideoFrame frame) {
        RgbImage image = frame.image();
        int factor = image.width() / TARGET_WIDTH;
        if (factor < 2) {
            return frame;
        }
        int w = image.width() / factor;
        int h = Math.max(1, image.height() / factor);
        byte[] out = new byte[w * h * 3];
        byte[] src = image.pixels();
        int stride = image.width() * 3;
        int area = factor * Math.min(factor, image.height());
        int rows = Math.min(factor, image.height());
        int[] acc = new int[w * 3];
        for (int y = 0; y < h; y++) {
            Arrays.fill(acc, 0);
            for (int dy = 0; dy < rows; dy++) {
                int p = (y * factor + dy) * stride;
                for (int x = 0; x < w; x++) {
                    int a = x * 3;
                    for (int dx = 0; dx < factor; dx++, p += 3) {
                        acc[a] += src[p] & 0xff;
                        acc[a + 1] += src[p + 1] & 0xff;
                        acc[a + 2] += src[p + 2] & 0xff;
                    }
                }
            }
            int o = y * w * 3;
            for (int a = 0; a < w * 3; a++) {
                out[o + a] = (byte) ((acc[a] + area / 2) / area);
            }
        }
        return new VideoFrame(frame.index(), frame.timeSeconds(), new RgbImage(w, h, out));
    }

    private void ensureCapacity(int n) {
        if (n <= content.length) {
            return;
        }
        int size = Math.max(n, content.length * 2);
        content = Arrays.copyOf(content, size);
        defined = Arrays.copyOf(defined, size);
        changed = Arrays.copyOf(changed, size);
        visible = Arrays.copyOf(visible, size);
        mean = Arrays.copyOf(mean, size);
        indices = Arrays.copyOf(indices, size);
        times = Arrays.copyOf(times, size);
        int old = returnDiff.length;
        returnDiff = Arrays.copyOf(returnDiff, size * Math.max(1, lookahead));
        Arrays.fill(returnDiff, old, returnDiff.length, Double.NaN);
    }

    /**
     * The measurements so far. The series views the analyzer's arrays (no copy): use it before the next
     * {@link #accept}. Cheap to take repeatedly: its cost does not grow with the frames seen, except for the copy of
     * the fade bookkeeping (a few entries per fade).
     */
    Series series() {
        int n = count;
        RgbImage last = n == 0 ? null : ring[(n - 1) % ring.length].image;
        Map<Integer, Double> fadeReturns = new HashMap<>(toBlack.finish(last));
        fadeReturns.putAll(toWhite.finish(last));
        return new Series(n, indices, times, content, defined, changed, visible, mean, lookahead, returnDiff, jumps,
                jumpCount, toBlack.runs(n), toWhite.runs(n), fadeReturns);
    }

    /**
     * Follows the mean intensity towards black (or white) and back, to compare the picture before a fade with the
     * picture after it: the frame where the fade-out began (the last frame before the intensity started heading for
     * black; pauses do not end that ramp, a step back up does) and the last frame of the rise after the blank run.
     * Their thumbnails' {@code content_val} is recorded per blank run, keyed by the run's first position; NaN where
     * the run starts the video.
     */
    private static final class FadeWatch {
        private final boolean white;
        private final double blankLevel;
        private final Map<Integer, Double> returns = new HashMap<>();
        /** Blank runs as {start, end} (end inclusive); the last one may still be open (end -1). */
        private final java.util.List<int[]> runs = new java.util.ArrayList<>();
        private double previousLevel = Double.NaN;
        private RgbImage rampTop;
        private RgbImage preFade;
        private boolean descending;
        private boolean inRun;
        private boolean rising;
        private int runStart;
        private int riseFrom;

        FadeWatch(boolean white, double blankLevel) {
            this.white = white;
            this.blankLevel = blankLevel;
        }

        void accept(int i, double mean, RgbImage previousImage) {
            double level = white ? 255 - mean : mean;
            boolean blank = level < blankLevel;
            if (i == 0) {
                previousLevel = level;
                if (blank) {
                    inRun = true;
                    runStart = 0;
                    preFade = null;
                    runs.add(new int[] {0, -1});
                }
                return;
            }
            if (rising && i >= riseFrom) {
                if (level > previousLevel + FADE_STEP && !blank) {
                    riseFrom = i + 1;
                } else {
                    record(previousImage);
                }
            }
            if (!inRun) {
                if (level < previousLevel - FADE_STEP) {
                    if (!descending) {
                        rampTop = previousImage;
                        descending = true;
                    }
                } else if (level > previousLevel + FADE_STEP) {
                    descending = false;
                }
                if (blank) {
                    if (rising) {
                        record(previousImage);
                    }
                    inRun = true;
                    runStart = i;
                    preFade = descending ? rampTop : previousImage;
                    runs.add(new int[] {i, -1});
                }
            } else if (!blank) {
                runs.get(runs.size() - 1)[1] = i - 1;
                inRun = false;
                descending = false;
                rising = true;
                riseFrom = i + 1;
            }
            previousLevel = level;
        }

        private void record(RgbImage postFade) {
            returns.put(runStart, compare(preFade, postFade, white));
            rising = false;
        }

        /**
         * Thumbnail {@code content_val} between the picture before the fade and the picture after it, the latter
         * with the fade undone (brightness scaled back for black, the blend towards white taken out for white) so
         * that a fade-in that has not finished yet compares like the finished one. {@link #PENDING} while the
         * picture after is still less than a third of the way back; NaN when there is no picture before.
         */
        private static double compare(RgbImage before, RgbImage after, boolean white) {
            if (before == null || after == null) {
                return Double.NaN;
            }
            double[] pre = FrameFeatures.cellMeans(before);
            double[] post = FrameFeatures.cellMeans(after);
            double mPre = average(pre);
            double mPost = average(post);
            if (white) {
                double t = mPost > mPre && mPre < 255 ? (mPost - mPre) / (255 - mPre) : 0;
                if (t > 2 / 3.0) {
                    return PENDING;
                }
                for (int i = 0; i < post.length; i++) {
                    post[i] = (post[i] - 255 * t) / (1 - t);
                }
            } else {
                double f = mPost > 0 ? mPre / mPost : Double.POSITIVE_INFINITY;
                if (f > 3) {
                    return PENDING;
                }
                if (f > 1) {
                    for (int i = 0; i < post.length; i++) {
                        post[i] *= f;
                    }
                }
            }
            return FrameFeatures.thumbScore(FrameFeatures.hsvCells(pre), FrameFeatures.hsvCells(post));
        }

        private static double average(double[] values) {
            double sum = 0;
            for (double v : values) {
                sum += v;
            }
            return values.length == 0 ? 0 : sum / values.length;
        }

        Map<Integer, Double> finish(RgbImage last) {
            Map<Integer, Double> out = new HashMap<>(returns);
            if (rising) {
                out.put(runStart, compare(preFade, last, white));
            }
            return out;
        }

        /** The blank runs so far as {start, end}, an open run ending at the last frame {@code n − 1}. */
        java.util.List<int[]> runs(int n) {
            java.util.List<int[]> out = new java.util.ArrayList<>(runs.size());
            for (int[] r : runs) {
                out.add(new int[] {r[0], r[1] < 0 ? n - 1 : r[1]});
            }
            return out;
        }

    }

    /**
     * Per-frame measurements, indexed by position in the stream (which is the frame index when the stream starts at
     * frame 0 and no frame is missing, as in every whole-file pass); {@code index} maps positions to frame indices.
     * The arrays may be longer than {@link #size()}: only the first {@code size} entries are measurements.
     * {@code jumps} lists the positions whose content jump reaches the analyzer's {@code jumpMin};
     * {@code blackRuns} and {@code whiteRuns} the blank runs as {start, end} (inclusive).
     */
    record Series(int size, int[] index, double[] time, double[] content, double[] defined, double[] changed,
                  double[] visible, double[] mean, int lookahead, double[] returnDiff, int[] jumps, int jumpCount,
                  java.util.List<int[]> blackRuns, java.util.List<int[]> whiteRuns,
                  Map<Integer, Double> fadeReturns) {
        /** {@code content} trimmed to the frames seen. */
        double[] contentCopy() {
            return Arrays.copyOf(content, size);
        }

        /** {@code mean} trimmed to the frames seen. */
        double[] meanCopy() {
            return Arrays.copyOf(mean, size);
        }

        /** content_val(frame j−1, frame j+k), or NaN where not measured. */
        double returnDiff(int j, int k) {
            if (k < 1 || k > lookahead || j < 1 || j + k >= size()) {
                return Double.NaN;
            }
            return returnDiff[j * lookahead + k - 1];
        }

        /**
         * Thumbnail {@code content_val} between the picture before the fade into the blank run starting at
         * {@code runStart} and the picture after it faded back (fade undone); NaN when unknown (the run starts or
         * ends the video), {@link #PENDING} (negative) while the fade-in is under a third of the way back.
         */
        double fadeReturn(int runStart) {
            return fadeReturns.getOrDefault(runStart, Double.NaN);
        }
    }
}
