package org.anivid.faces;

import java.util.List;

/**
 * The prior (anchor) boxes of FaceBoxes for one input size, in the order the network emits its predictions:
 * per head, per cell row-major, per anchor size; the 32-px anchors are densified 4×4 per cell and the 64-px ones
 * 2×2 (the paper's anchor densification), larger ones sit at the cell centre. Values are in pixels
 * ({@code cx, cy, w, h} per prior), so decoding needs no rescaling.
 */
final class FaceBoxesPriors {
    static final int[][] MIN_SIZES = {{32, 64, 128}, {256}, {512}};
    static final int[] STEPS = {32, 64, 128};

    final int height;
    final int width;
    /** {@code cx, cy, w, h} of prior i at {@code [4 i .. 4 i + 3]}. */
    final float[] boxes;

    FaceBoxesPriors(int height, int width) {
        this.height = height;
        this.width = width;
        List<int[]> maps = FaceBoxesNet.featureMaps(height, width);
        int count = 0;
        for (int k = 0; k < maps.size(); k++) {
            count += maps.get(k)[0] * maps.get(k)[1] * FaceBoxesNet.ANCHORS_PER_CELL[k];
        }
        boxes = new float[count * 4];
        int p = 0;
        for (int k = 0; k < maps.size(); k++) {
            int step = STEPS[k];
            for (int i = 0; i < maps.get(k)[0]; i++) {
                for (int j = 0; j < maps.get(k)[1]; j++) {
                    for (int size : MIN_SIZES[k]) {
                        int dense = size == 32 ? 4 : size == 64 ? 2 : 1;
                        for (int dy = 0; dy < dense; dy++) {
                            for (int dx = 0; dx < dense; dx++) {
                                // Dense anchors start at the cell corner (offsets 0, 1/n, …); single ones sit at the centre.
                                float ox = dense == 1 ? 0.5f : (float) dx / dense;
                                float oy = dense == 1 ? 0.5f : (float) dy / dense;
                                boxes[p++] = (j + ox) * step;
                                boxes[p++] = (i + oy) * step;
                                boxes[p++] = size;
                                boxes[p++] = size;
                            }
                        }
                    }
                }
            }
        }
    }

    int count() {
        return boxes.length / 4;
    }
}
