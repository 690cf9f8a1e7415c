package org.anivid.metrics;

import java.util.LinkedHashMap;
import java.util.Map;
import org.anivid.core.RgbImage;

/**
 * The six image-similarity metrics of the AniVid paper's Table 2 (SAM, PSNR, SRE, FSIM, SSIM, UIQ) on one pair of
 * pictures, in either {@link MetricMode}. The first picture is the reference (the ground-truth frame), the second the
 * reconstruction; only SRE depends on the order. Each metric has its own class with the definitions and the paper
 * mode's quirks: {@link Psnr}, {@link Ssim}, {@link Sam}, {@link Sre}, {@link Uiq}, {@link Fsim}.
 */
public final class ImageMetrics {
    private ImageMetrics() {
    }

    /**
     * The six values for one pair. Non-finite values are meaningful: identical pictures have PSNR and SRE
     * {@code +Infinity}, and paper mode reproduces the package's {@code NaN}s (e.g. FSIM of a flat channel).
     */
    public record Metrics(double psnr, double ssim, double sam, double sre, double uiq, double fsim, MetricMode mode) {
        /**
         * The JSON object of {@code ./anivid eval metrics --json}: the six values as numbers, a non-finite one as the
         * string {@code "inf"}, {@code "-inf"} or {@code "nan"} (JSON has no such numbers; Python's {@code float()}
         * reads these strings back), plus {@code "mode"}.
         */
        public Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("psnr", json(psnr));
            m.put("ssim", json(ssim));
            m.put("sam", json(sam));
            m.put("sre", json(sre));
            m.put("uiq", json(uiq));
            m.put("fsim", json(fsim));
            m.put("mode", mode.id());
            return m;
        }

        static Object json(double v) {
            if (Double.isNaN(v)) {
                return "nan";
            }
            if (Double.isInfinite(v)) {
                return v > 0 ? "inf" : "-inf";
            }
            return v;
        }
    }

    /**
     * All six metrics of {@code reference} against {@code other}.
     *
     * @throws IllegalArgumentException when the sizes differ, or the pictures are smaller than a metric's window
     *     (standard SSIM needs 11×11, paper SSIM 7×7, UIQ 8×8)
     */
    public static Metrics compute(RgbImage reference, RgbImage other, MetricMode mode) {
        Planes.requireSameSize(reference, other, "the image metrics");
        return new Metrics(Psnr.compute(reference, other, mode), Ssim.compute(reference, other, mode),
                Sam.compute(reference, other, mode), Sre.compute(reference, other, mode),
                Uiq.compute(reference, other, mode), Fsim.compute(reference, other, mode), mode);
    }
}
