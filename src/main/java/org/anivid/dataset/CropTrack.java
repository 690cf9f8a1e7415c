package org.anivid.dataset;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.anivid.core.BoundingBox;

/**
 * Turns the face boxes of one clip into one square crop window per frame, steady over time. Pure and
 * deterministic.
 *
 * <ul>
 *   <li><b>Gaps</b>: frames without a box take the centre interpolated linearly between their neighbours (held
 *       constant before the first and after the last box).</li>
 *   <li><b>Centre</b>: smoothed with a Gaussian-weighted <em>local linear</em> regression over time. It is
 *       zero-phase (no lag, as it looks both ways over the stored clip), reproduces straight-line motion
 *       exactly — a pan gives crops that pan at the same speed — and, unlike a plain Gaussian with mirrored
 *       ends, keeps the first and last frames unbiased too. Per-frame detector jitter averages out.</li>
 *   <li><b>Size</b>: one side for the whole clip, {@code margin ×} the {@value #SIZE_QUANTILE} quantile of the
 *       face side ({@code max(width, height)}) over the frames with a box. A constant size cannot breathe or
 *       jitter, so any zoom in the result is the picture's own; the high quantile keeps the face inside the crop
 *       on nearly every frame without letting one oversized detection set it.</li>
 *   <li><b>Edges</b>: windows are never clamped, shrunk or shifted to fit the picture; they may reach past it
 *       and the sampler pads there (see {@link CropSampler}), so the face stays centred and unsquashed.</li>
 * </ul>
 */
public final class CropTrack {
    /** Quantile of the per-frame face side that sets the clip's crop side. */
    public static final double SIZE_QUANTILE = 0.9;
    /** Default smoothing width, in seconds (≈5 frames at 24 fps): jitter goes, head moves stay. */
    public static final double DEFAULT_SMOOTHING_SECONDS = 0.2;

    private CropTrack() {
    }

    /** A square crop in source pixels: centre and side. It may extend past the picture. */
    public record Window(double centerX, double centerY, double side) {
        public double x1() {
            return centerX - side / 2;
        }

        public double y1() {
            return centerY - side / 2;
        }

        public double x2() {
            return centerX + side / 2;
        }

        public double y2() {
            return centerY + side / 2;
        }

        /** {@code [x1, y1, x2, y2]} in source pixels (DESIGN.md §3). */
        public BoundingBox toBox() {
            return new BoundingBox((float) x1(), (float) y1(), (float) x2(), (float) y2());
        }
    }

    /** The smoothing width in frames for a frame rate (at least one frame). */
    public static double sigmaFrames(double fps) {
        double f = fps > 0 && Double.isFinite(fps) ? fps : 24;
        return Math.max(1, DEFAULT_SMOOTHING_SECONDS * f);
    }

    /**
     * One window per frame of the clip.
     *
     * @param faces the face box of each frame of the clip in order; {@code null} where a frame has none
     * @param margin crop side as a multiple of the face side (≥ 1)
     * @param sigmaFrames Gaussian width of the centre smoothing in frames; 0 turns smoothing off
     * @throws IllegalArgumentException when no frame has a box, or the margin is below 1
     */
    public static List<Window> compute(List<BoundingBox> faces, double margin, double sigmaFrames) {
        if (!(margin >= 1) || !Double.isFinite(margin)) {
            throw new IllegalArgumentException("crop margin must be at least 1, got " + margin);
        }
        int n = faces.size();
        double[] cx = new double[n];
        double[] cy = new double[n];
        boolean[] known = new boolean[n];
        double[] sides = new double[n];
        int observed = 0;
        for (int i = 0; i < n; i++) {
            BoundingBox b = faces.get(i);
            if (b != null && b.width() > 0 && b.height() > 0) {
                known[i] = true;
                cx[i] = (b.x1() + b.x2()) / 2.0;
                cy[i] = (b.y1() + b.y2()) / 2.0;
                sides[observed++] = Math.max(b.width(), b.height());
            }
        }
        if (observed == 0) {
            throw new IllegalArgumentException("no face box on any of the clip's " + n + " frames");
        }
        fillGaps(cx, known);
        fillGaps(cy, known);
        double[] sx = smoothLocalLinear(cx, sigmaFrames);
        double[] sy = smoothLocalLinear(cy, sigmaFrames);
        double side = margin * quantile(Arrays.copyOf(sides, observed), SIZE_QUANTILE);
        List<Window> windows = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            windows.add(new Window(sx[i], sy[i], side));
        }
        return windows;
    }

    /** Linear interpolation over unknown values; held constant beyond the first and last known one. */
    static void fillGaps(double[] values, boolean[] known) {
        int n = values.length;
        int previous = -1;
        for (int i = 0; i < n; i++) {
            if (!known[i]) {
                continue;
            }
            if (previous < 0) {
                Arrays.fill(values, 0, i, values[i]);
            } else {
                for (int j = previous + 1; j < i; j++) {
                    double t = (j - previous) / (double) (i - previous);
                    values[j] = values[previous] + t * (values[i] - values[previous]);
                }
            }
            previous = i;
        }
        if (previous >= 0) {
            Arrays.fill(values, previous + 1, n, values[previous]);
        }
    }

    /**
     * Gaussian-weighted local linear regression evaluated at every sample: for frame t, fit {@code a + b·(k − t)}
     * to the samples k within 3σ by weighted least squares and return {@code a}. Symmetric weights make it
     * zero-phase; the linear term makes it exact on straight lines, including at the ends of the clip.
     */
    static double[] smoothLocalLinear(double[] values, double sigma) {
        int n = values.length;
        if (!(sigma > 0) || n < 3) {
            return values.clone();
        }
        int radius = (int) Math.ceil(3 * sigma);
        double[] kernel = new double[radius + 1];
        for (int d = 0; d <= radius; d++) {
            kernel[d] = Math.exp(-d * d / (2 * sigma * sigma));
        }
        double[] out = new double[n];
        for (int t = 0; t < n; t++) {
            double s0 = 0;
            double s1 = 0;
            double s2 = 0;
            double t0 = 0;
            double t1 = 0;
            for (int k = Math.max(0, t - radius); k <= Math.min(n - 1, t + radius); k++) {
                int d = k - t;
                double w = kernel[Math.abs(d)];
                s0 += w;
                s1 += w * d;
                s2 += w * d * d;
                t0 += w * values[k];
                t1 += w * d * values[k];
            }
            double det = s0 * s2 - s1 * s1;
            out[t] = Math.abs(det) > 1e-12 * s0 * s2 ? (s2 * t0 - s1 * t1) / det : t0 / s0;
        }
        return out;
    }

    /** Linear-interpolated quantile (the common "type 7" definition) of the values; sorts them in place. */
    static double quantile(double[] values, double q) {
        Arrays.sort(values);
        double position = q * (values.length - 1);
        int lower = (int) Math.floor(position);
        int upper = Math.min(values.length - 1, lower + 1);
        return values[lower] + (position - lower) * (values[upper] - values[lower]);
    }
}
