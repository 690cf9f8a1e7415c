package org.anivid.dataset;

import org.anivid.core.RgbImage;

/**
 * Cuts a square window out of a picture and resizes it to {@code size × size}, at sub-pixel position (so a
 * smoothly moving window gives smoothly moving crops, not one-pixel steps) and with an anti-aliased
 * (support-scaled) bilinear filter, as Pillow's {@code resize(BILINEAR, box=…)} does: a 4× shrink averages
 * over 4 source pixels per output pixel instead of aliasing.
 *
 * <p>Where the window reaches past the picture, the missing pixels are <b>black</b>. Black rather than
 * edge-replicated: it invents no content, it is the same on every frame (replicated streaks would change with
 * the picture and look like motion to FOMM's keypoint detector), and anyone looking can see where the frame
 * ended. The filter counts the black pixels in its weights, so the picture's edge stays sharp, not darkened
 * twice nor smeared. Pure Java, thread-safe.
 */
public final class CropSampler {
    private CropSampler() {
    }

    /** The window of {@code picture} resampled to a {@code size × size} picture (black outside the picture). */
    public static RgbImage sample(RgbImage picture, CropTrack.Window window, int size) {
        if (size <= 0) {
            throw new IllegalArgumentException("crop size must be positive: " + size);
        }
        Taps columns = Taps.of(window.x1(), window.side(), size, picture.width());
        Taps rows = Taps.of(window.y1(), window.side(), size, picture.height());
        int width = picture.width();
        byte[] src = picture.pixels();
        // Horizontal pass over just the source rows the vertical filter reads.
        int firstRow = rows.minIndex();
        int lastRow = rows.maxIndex();
        int rowCount = Math.max(0, lastRow - firstRow + 1);
        float[] horizontal = new float[rowCount * size * 3];
        for (int r = 0; r < rowCount; r++) {
            int rowOffset = (firstRow + r) * width * 3;
            int outOffset = r * size * 3;
            for (int x = 0; x < size; x++) {
                float red = 0;
                float green = 0;
                float blue = 0;
                int start = columns.start[x];
                float[] weights = columns.weights[x];
                for (int k = 0; k < weights.length; k++) {
                    int i = rowOffset + (start + k) * 3;
                    float w = weights[k];
                    red += w * (src[i] & 0xff);
                    green += w * (src[i + 1] & 0xff);
                    blue += w * (src[i + 2] & 0xff);
                }
                int o = outOffset + x * 3;
                horizontal[o] = red;
                horizontal[o + 1] = green;
                horizontal[o + 2] = blue;
            }
        }
        byte[] out = new byte[size * size * 3];
        for (int y = 0; y < size; y++) {
            int start = rows.start[y];
            float[] weights = rows.weights[y];
            for (int x = 0; x < size; x++) {
                float red = 0;
                float green = 0;
                float blue = 0;
                for (int k = 0; k < weights.length; k++) {
                    int i = ((start + k - firstRow) * size + x) * 3;
                    float w = weights[k];
                    red += w * horizontal[i];
                    green += w * horizontal[i + 1];
                    blue += w * horizontal[i + 2];
                }
                int o = (y * size + x) * 3;
                out[o] = toByte(red);
                out[o + 1] = toByte(green);
                out[o + 2] = toByte(blue);
            }
        }
        return new RgbImage(size, size, out);
    }

    private static byte toByte(float v) {
        int i = Math.round(v);
        return (byte) (i < 0 ? 0 : Math.min(255, i));
    }

    /**
     * For each output index, the first source index it reads and the weights of the consecutive source indices
     * from there, already normalised by the full kernel (including the out-of-picture part, which is black).
     */
    private record Taps(int[] start, float[][] weights) {
        static Taps of(double origin, double extent, int size, int limit) {
            double scale = extent / size;
            double support = Math.max(1.0, scale);
            int[] start = new int[size];
            float[][] weights = new float[size][];
            for (int o = 0; o < size; o++) {
                double centre = origin + (o + 0.5) * scale;
                int from = (int) Math.floor(centre - support - 0.5);
                int to = (int) Math.ceil(centre + support - 0.5);
                double total = 0;
                double[] w = new double[to - from + 1];
                for (int j = from; j <= to; j++) {
                    double distance = Math.abs(j + 0.5 - centre) / support;
                    double weight = Math.max(0, 1 - distance);
                    w[j - from] = weight;
                    total += weight;
                }
                int inFrom = Math.max(from, 0);
                int inTo = Math.min(to, limit - 1);
                if (inTo < inFrom || total <= 0) {
                    start[o] = 0;
                    weights[o] = new float[0];
                    continue;
                }
                float[] kept = new float[inTo - inFrom + 1];
                for (int j = inFrom; j <= inTo; j++) {
                    kept[j - inFrom] = (float) (w[j - from] / total);
                }
                start[o] = inFrom;
                weights[o] = kept;
            }
            return new Taps(start, weights);
        }

        int minIndex() {
            int min = Integer.MAX_VALUE;
            for (int o = 0; o < start.length; o++) {
                if (weights[o].length > 0) {
                    min = Math.min(min, start[o]);
                }
            }
            return min == Integer.MAX_VALUE ? 0 : min;
        }

        int maxIndex() {
            int max = -1;
            for (int o = 0; o < start.length; o++) {
                if (weights[o].length > 0) {
                    max = Math.max(max, start[o] + weights[o].length - 1);
                }
            }
            return max;
        }
    }
}
