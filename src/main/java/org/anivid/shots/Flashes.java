package org.anivid.shots;

/**
 * The flash rule: a jump in content that comes back to the picture before it within {@code maxLength} frames is a
 * flash (a white or black impact frame, a lightning blink, a 1–3 frame stylised impact drawing), not a cut.
 *
 * <p>For every frame {@code c} whose {@code content_val} jump is at least {@code minContent}, the picture before the
 * jump (frame {@code c−1}) is compared with frames {@code c+1 … c+maxLength}. The first frame {@code c+k} that
 * "comes back" — its difference to frame {@code c−1} is below {@code minContent} (by the detector's own measure
 * there is no cut between them) or at most {@code 1/threshold} of the largest jump inside the spike (the spike
 * dwarfs the net change, as with a flash during a pan) — makes frames {@code c … c+k} a flash: none of them
 * starts a shot, and their scores are left out of the adaptive window. PySceneDetect's own {@code FlashFilter}
 * only enforces a minimum scene length; this rule looks at the pictures.
 */
final class Flashes {
    private Flashes() {
    }

    /**
     * Frames covered by a flash (the spike and the frame where the picture comes back). Looks only at the series'
     * jump positions, which must include every frame whose content reaches {@code minContent}.
     */
    static boolean[] covered(FrameAnalyzer.Series s, double minContent, double threshold, int maxLength) {
        int n = s.size();
        boolean[] covered = new boolean[n];
        double[] content = s.content();
        for (int t = 0; t < s.jumpCount(); t++) {
            int c = s.jumps()[t];
            if (covered[c] || content[c] < minContent) {
                continue;
            }
            double jump = content[c];
            for (int k = 1; k <= maxLength && c + k < n; k++) {
                jump = Math.max(jump, content[c + k]);
                double back = s.returnDiff(c, k);
                if (Double.isNaN(back)) {
                    break;
                }
                if (back < minContent || back * threshold <= jump) {
                    for (int j = c; j <= c + k; j++) {
                        covered[j] = true;
                    }
                    break;
                }
            }
        }
        return covered;
    }

    /**
     * PySceneDetect's {@code FlashFilter} in {@code MERGE} mode with a length in frames: cuts closer than
     * {@code length} frames to the previous one are merged, the merged group being emitted at its last
     * above-threshold frame once the length is met again. Fed one frame at a time, frame 0 first.
     */
    static final class MergeFilter {
        private final int length;
        private int lastAbove = Integer.MIN_VALUE;
        private boolean mergeEnabled;
        private boolean mergeTriggered;
        private int mergeStart;

        MergeFilter(int length) {
            this.length = length;
        }

        /** Returns the cut emitted at this frame, or -1. */
        int filter(int frame, boolean above) {
            if (length <= 0) {
                return above ? frame : -1;
            }
            if (lastAbove == Integer.MIN_VALUE) {
                lastAbove = frame;
            }
            boolean minLengthMet = frame - lastAbove >= length;
            if (above) {
                lastAbove = frame;
            }
            if (mergeTriggered) {
                if (minLengthMet && !above && lastAbove - mergeStart >= length) {
                    mergeTriggered = false;
                    return lastAbove;
                }
                return -1;
            }
            if (!above) {
                return -1;
            }
            if (minLengthMet) {
                mergeEnabled = true;
                return frame;
            }
            if (mergeEnabled) {
                mergeTriggered = true;
                mergeStart = frame;
            }
            return -1;
        }
    }
}
