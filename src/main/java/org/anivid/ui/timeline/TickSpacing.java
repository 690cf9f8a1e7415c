package org.anivid.ui.timeline;

/**
 * Ruler tick spacing for a zoom level: the smallest "round" step (in frames) whose labels stay at least a given
 * number of pixels apart. Below a second the steps are frame counts (1, 2, 5, 10…); from a second up they are
 * round times (1 s, 2 s, 5 s, 10 s, 15 s, 30 s, 1 min…), so labels read as whole seconds or minutes.
 */
public final class TickSpacing {
    private static final long[] FRAME_STEPS = {1, 2, 5, 10};
    private static final long[] SECOND_STEPS = {1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600};

    private TickSpacing() {
    }

    /** The label step in frames for {@code framesPerPixel} at {@code fps}, labels at least {@code minPixels} apart. */
    public static long labelStep(double framesPerPixel, double fps, double minPixels) {
        double minFrames = framesPerPixel * minPixels;
        long second = Math.max(1, Math.round(fps));
        for (long step : FRAME_STEPS) {
            if (step < second && step >= minFrames) {
                return step;
            }
        }
        for (long seconds : SECOND_STEPS) {
            if (seconds * second >= minFrames) {
                return seconds * second;
            }
        }
        // Beyond an hour per label: whole hours.
        long hour = 3600 * second;
        return (long) Math.ceil(minFrames / hour) * hour;
    }

    /** The minor (unlabelled) tick step for a label step: about a fifth of it, kept round. */
    public static long minorStep(long labelStep, double fps) {
        long second = Math.max(1, Math.round(fps));
        if (labelStep <= 1) {
            return 1;
        }
        if (labelStep <= second) {
            return Math.max(1, labelStep / 5 > 0 ? labelStep / 5 : 1);
        }
        long seconds = labelStep / second;
        long minorSeconds = seconds % 5 == 0 ? seconds / 5 : seconds % 3 == 0 ? seconds / 3 : seconds / 2;
        return Math.max(1, minorSeconds) * second;
    }
}
