package org.anivid.motion;

/**
 * Motion statistics of one shot {@code [start, end)}, over its scored frames (warm-up frames left out: the first
 * frame after each background reset).
 *
 * @param scoredFrames frames that went into the statistics (0 for a one-frame shot: then all values are 0)
 * @param mean mean score
 * @param max highest score
 * @param fractionAbove share of scored frames whose score is ≥ the threshold
 * @param threshold the threshold used for {@code fractionAbove}
 */
public record ShotMotion(int shot, int start, int end, int scoredFrames, double mean, double max,
                         double fractionAbove, double threshold) {

    static ShotMotion of(int shot, int start, int end, MotionResult result) {
        double sum = 0;
        double max = 0;
        int above = 0;
        int n = 0;
        for (int f = start; f < end; f++) {
            int i = f - result.firstFrame();
            if (i < 0 || i >= result.scores().length || result.warmup()[i]) {
                continue;
            }
            double s = result.scores()[i];
            sum += s;
            max = Math.max(max, s);
            if (s >= result.threshold()) {
                above++;
            }
            n++;
        }
        return new ShotMotion(shot, start, end, n, n == 0 ? 0 : sum / n, max, n == 0 ? 0 : above / (double) n,
                result.threshold());
    }

    /** True when at least {@code minFraction} of the shot's frames move (the curation test). */
    public boolean moving(double minFraction) {
        return scoredFrames > 0 && fractionAbove >= minFraction;
    }
}
