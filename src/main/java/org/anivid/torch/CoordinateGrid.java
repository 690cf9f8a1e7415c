package org.anivid.torch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * The {@code [-1, 1]²} pixel grid that FOMM's {@code make_coordinate_grid} builds: {@code (h, w, 2)} with
 * {@code [..., 0] = x = 2·i/(w−1) − 1} along the width and {@code [..., 1] = y = 2·j/(h−1) − 1} along the height,
 * i.e. the first and last pixel centres sit on ±1 (align-corners style). Computed in the same float order as
 * PyTorch ({@code 2 * (i / (w − 1)) − 1}), so the values are bit-identical.
 */
public final class CoordinateGrid {
    private CoordinateGrid() {
    }

    /** The grid as float32 (or float64) on {@code manager}. */
    public static NDArray make(NDManager manager, int height, int width, DataType dataType) {
        if (height < 2 || width < 2) {
            throw new IllegalArgumentException("a coordinate grid needs at least 2x2 pixels, not " + width + "x"
                    + height);
        }
        if (dataType == DataType.FLOAT64) {
            double[] values = new double[height * width * 2];
            for (int j = 0; j < height; j++) {
                double y = 2 * (j / (double) (height - 1)) - 1;
                for (int i = 0; i < width; i++) {
                    values[(j * width + i) * 2] = 2 * (i / (double) (width - 1)) - 1;
                    values[(j * width + i) * 2 + 1] = y;
                }
            }
            return manager.create(values, new Shape(height, width, 2));
        }
        float[] values = new float[height * width * 2];
        for (int j = 0; j < height; j++) {
            float y = 2f * (j / (float) (height - 1)) - 1f;
            for (int i = 0; i < width; i++) {
                values[(j * width + i) * 2] = 2f * (i / (float) (width - 1)) - 1f;
                values[(j * width + i) * 2 + 1] = y;
            }
        }
        NDArray grid = manager.create(values, new Shape(height, width, 2));
        return dataType == DataType.FLOAT32 ? grid : grid.toType(dataType, false);
    }
}
