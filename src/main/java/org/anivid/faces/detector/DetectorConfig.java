package org.anivid.faces.detector;

import java.util.Arrays;

/**
 * The shape of an {@link AnimeFaceNet}: what the JSON sidecar of a model file records, and all a loader needs to
 * rebuild the network before reading its weights.
 *
 * @param inputSize the long side pictures are scaled to (a multiple of 32); the short side is padded to a multiple
 *                  of 32, so a 4:3 frame at 416 runs at 416×320
 * @param widths    channels after the stem (stride 4) and after the stages of stride 8, 16 and 32 (4 values,
 *                  multiples of 16)
 * @param depths    residual blocks in the stages of stride 8, 16 and 32 (3 values)
 * @param neck      channels of the feature pyramid and heads (a multiple of 16)
 * @param anchors   per output level (strides {@link #STRIDES}), the anchor boxes as {@code w0, h0, w1, h1, …} in
 *                  network-input pixels; every level has the same number of anchors
 * @param classes   object classes (1: face)
 */
public record DetectorConfig(int inputSize, int[] widths, int[] depths, int neck, float[][] anchors, int classes) {
    /** Output strides of the three detection levels. */
    public static final int[] STRIDES = {8, 16, 32};
    /** The anchors of {@link #defaults(int)} at input size 640, two square ones per level, in pixels. */
    private static final float[][] ANCHORS_640 = {{16, 16, 32, 32}, {64, 64, 128, 128}, {256, 256, 448, 448}};

    public DetectorConfig {
        widths = widths.clone();
        depths = depths.clone();
        anchors = Arrays.stream(anchors).map(float[]::clone).toArray(float[][]::new);
        if (inputSize < 32 || inputSize % 32 != 0) {
            throw new IllegalArgumentException("input size must be a positive multiple of 32, got " + inputSize);
        }
        if (widths.length != 4 || Arrays.stream(widths).anyMatch(w -> w <= 0 || w % 16 != 0)) {
            throw new IllegalArgumentException("widths must be 4 positive multiples of 16: " + Arrays.toString(widths));
        }
        if (depths.length != 3 || Arrays.stream(depths).anyMatch(d -> d < 0 || d > 8)) {
            throw new IllegalArgumentException("depths must be 3 values in [0, 8]: " + Arrays.toString(depths));
        }
        if (neck <= 0 || neck % 16 != 0) {
            throw new IllegalArgumentException("neck width must be a positive multiple of 16, got " + neck);
        }
        if (anchors.length != STRIDES.length || anchors[0].length == 0 || anchors[0].length % 2 != 0) {
            throw new IllegalArgumentException("anchors must give w, h pairs for each of the 3 levels");
        }
        for (float[] level : anchors) {
            if (level.length != anchors[0].length) {
                throw new IllegalArgumentException("every level needs the same number of anchors");
            }
            for (float v : level) {
                if (!(v > 0 && Float.isFinite(v))) {
                    throw new IllegalArgumentException("anchor sizes must be positive: " + Arrays.toString(level));
                }
            }
        }
        if (classes < 1) {
            throw new IllegalArgumentException("at least one class");
        }
    }

    /** The studio's default network at {@code inputSize}, anchors scaled from those for 640. */
    public static DetectorConfig defaults(int inputSize) {
        float scale = inputSize / 640f;
        float[][] anchors = new float[3][];
        for (int l = 0; l < 3; l++) {
            anchors[l] = new float[ANCHORS_640[l].length];
            for (int i = 0; i < anchors[l].length; i++) {
                anchors[l][i] = ANCHORS_640[l][i] * scale;
            }
        }
        return new DetectorConfig(inputSize, new int[] {32, 64, 128, 256}, new int[] {1, 2, 2}, 64, anchors, 1);
    }

    public DetectorConfig withAnchors(float[][] newAnchors) {
        return new DetectorConfig(inputSize, widths, depths, neck, newAnchors, classes);
    }

    public DetectorConfig withInputSize(int size) {
        return new DetectorConfig(size, widths, depths, neck, anchors, classes);
    }

    /**
     * The same network run at another input size: anchors are in input pixels, and a face covers {@code size / old}
     * times more of them, so they scale alike.
     */
    public DetectorConfig rescaled(int size) {
        float[][] scaled = anchors();
        for (float[] level : scaled) {
            for (int i = 0; i < level.length; i++) {
                level[i] *= (float) size / inputSize;
            }
        }
        return new DetectorConfig(size, widths, depths, neck, scaled, classes);
    }

    public int anchorsPerLevel() {
        return anchors[0].length / 2;
    }

    /** Values per anchor and cell: box (4), objectness (1), classes. */
    public int outputsPerAnchor() {
        return 5 + classes;
    }

    @Override
    public int[] widths() {
        return widths.clone();
    }

    @Override
    public int[] depths() {
        return depths.clone();
    }

    @Override
    public float[][] anchors() {
        return Arrays.stream(anchors).map(float[]::clone).toArray(float[][]::new);
    }

    /** Anchor {@code a} of level {@code level}: {@code {w, h}} in input pixels. */
    public float[] anchor(int level, int a) {
        return new float[] {anchors[level][2 * a], anchors[level][2 * a + 1]};
    }

    /** The same architecture (everything that decides the weights' shapes and meaning) as {@code other}. */
    public boolean sameArchitecture(DetectorConfig other) {
        return Arrays.equals(widths, other.widths) && Arrays.equals(depths, other.depths) && neck == other.neck
                && anchorsPerLevel() == other.anchorsPerLevel() && classes == other.classes;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DetectorConfig c && inputSize == c.inputSize && sameArchitecture(c)
                && Arrays.deepEquals(anchors, c.anchors);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * inputSize + Arrays.hashCode(widths)) + Arrays.deepHashCode(anchors);
    }

    @Override
    public String toString() {
        return "DetectorConfig[input " + inputSize + ", widths " + Arrays.toString(widths) + ", depths "
                + Arrays.toString(depths) + ", neck " + neck + ", anchors " + Arrays.deepToString(anchors)
                + ", classes " + classes + "]";
    }
}
