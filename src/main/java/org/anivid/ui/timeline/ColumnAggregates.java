package org.anivid.ui.timeline;

/**
 * Per-pixel-column summaries of per-frame data, for drawing a zoomed-out timeline: each column stands for the frames
 * {@code [floor(start + c·fpp), floor(start + (c+1)·fpp))} (at least one frame), and only those frames are read, so
 * the cost follows the visible range, not the episode.
 *
 * <p>A column past the end of the data gets {@link Float#NaN} (scores) or {@code -1} (flags): "nothing to draw".
 */
public final class ColumnAggregates {
    private ColumnAggregates() {
    }

    /** The highest value per column of the frames {@code [from, to)} spread evenly over {@code columns}. */
    public static float[] of(float[] values, int from, int to, int columns) {
        return maxPerColumn(values, from, framesPerColumn(from, to, columns), columns);
    }

    /** The highest value per column, columns laid out from frame {@code start} at {@code framesPerColumn}. */
    public static float[] maxPerColumn(float[] values, double start, double framesPerColumn, int columns) {
        float[] out = new float[Math.max(0, columns)];
        for (int c = 0; c < out.length; c++) {
            int a = firstFrame(start, framesPerColumn, c);
            int b = Math.min(values.length, endFrame(start, framesPerColumn, c, a));
            if (a < 0 || a >= values.length) {
                out[c] = Float.NaN;
                continue;
            }
            float peak = values[a];
            for (int k = a + 1; k < b; k++) {
                peak = Math.max(peak, values[k]);
            }
            out[c] = peak;
        }
        return out;
    }

    /** The flag per column of the frames {@code [from, to)} spread evenly over {@code columns}; see {@link #flagPerColumn}. */
    public static byte[] flags(byte[] flags, int from, int to, int columns) {
        return flagPerColumn(flags, from, framesPerColumn(from, to, columns), columns);
    }

    /**
     * The flag most of a column's frames carry, ties going to the one that matters most for curation (several
     * faces, then one face, then low confidence, then none), the same rule the analysis strip uses.
     */
    public static byte[] flagPerColumn(byte[] flags, double start, double framesPerColumn, int columns) {
        byte[] out = new byte[Math.max(0, columns)];
        int[] counts = new int[4];
        for (int c = 0; c < out.length; c++) {
            int a = firstFrame(start, framesPerColumn, c);
            int b = Math.min(flags.length, endFrame(start, framesPerColumn, c, a));
            if (a < 0 || a >= flags.length) {
                out[c] = -1;
                continue;
            }
            java.util.Arrays.fill(counts, 0);
            for (int k = a; k < b; k++) {
                int code = flags[k];
                if (code >= 0 && code < counts.length) {
                    counts[code]++;
                }
            }
            out[c] = majority(counts);
        }
        return out;
    }

    /**
     * Per column, the best face score among the frames carrying the column's flag ({@code shown}, from
     * {@link #flagPerColumn}), so a bar's height matches its colour; NaN where nothing is shown.
     */
    public static float[] scorePerColumn(byte[] flags, float[] scores, byte[] shown, double start,
                                         double framesPerColumn) {
        float[] out = new float[shown.length];
        for (int c = 0; c < out.length; c++) {
            int a = firstFrame(start, framesPerColumn, c);
            int b = Math.min(Math.min(flags.length, scores.length), endFrame(start, framesPerColumn, c, a));
            float peak = Float.NaN;
            for (int k = Math.max(0, a); k < b; k++) {
                if (flags[k] == shown[c] && !(scores[k] <= peak)) {
                    peak = scores[k];
                }
            }
            out[c] = peak;
        }
        return out;
    }

    private static final byte[] PRIORITY = {TimelineModel.SEVERAL_FACES, TimelineModel.ONE_FACE,
            TimelineModel.LOW_CONFIDENCE, TimelineModel.NO_FACE};

    private static byte majority(int[] counts) {
        byte shown = TimelineModel.NO_FACE;
        int best = 0;
        for (byte candidate : PRIORITY) {
            if (counts[candidate] > best) {
                best = counts[candidate];
                shown = candidate;
            }
        }
        return shown;
    }

    private static double framesPerColumn(int from, int to, int columns) {
        if (from < 0 || to < from || columns <= 0) {
            throw new IllegalArgumentException("bad columns: [" + from + ", " + to + ") over " + columns);
        }
        return (double) (to - from) / columns;
    }

    private static int firstFrame(double start, double framesPerColumn, int column) {
        return (int) Math.floor(start + column * framesPerColumn);
    }

    private static int endFrame(double start, double framesPerColumn, int column, int first) {
        // At least one frame: zoomed in past one frame per column, a column repeats its frame.
        return Math.max(first + 1, (int) Math.floor(start + (column + 1) * framesPerColumn));
    }
}
