package org.anivid.fomm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.anivid.core.RgbImage;

/** Conversions between pictures and FOMM's {@code (B, 3, H, W)} float tensors in [0, 1], and manager hand-overs. */
public final class FommArrays {
    private FommArrays() {
    }

    /** {@code array} if it lives on {@code manager}, else a copy that does (see {@link Keypoints#on}). */
    public static NDArray on(NDManager manager, NDArray array) {
        if (array.getManager() == manager) {
            return array;
        }
        NDArray copy = array.duplicate();
        copy.attach(manager);
        return copy;
    }

    /** {@code (1, 3, H, W)} float32 RGB in [0, 1] (byte/255, as {@code img_as_float32} gives). */
    public static NDArray image(NDManager manager, RgbImage image) {
        int w = image.width();
        int h = image.height();
        int plane = w * h;
        byte[] px = image.pixels();
        float[] chw = new float[3 * plane];
        for (int i = 0; i < plane; i++) {
            chw[i] = (float) ((px[3 * i] & 0xff) / 255.0);
            chw[plane + i] = (float) ((px[3 * i + 1] & 0xff) / 255.0);
            chw[2 * plane + i] = (float) ((px[3 * i + 2] & 0xff) / 255.0);
        }
        return manager.create(chw, new Shape(1, 3, h, w));
    }

    /** The first picture of {@code (B, 3, H, W)} in [0, 1] as 8-bit RGB: {@code round(clip(x, 0, 1)·255)}. */
    public static RgbImage toImage(NDArray batch) {
        Shape s = batch.getShape();
        int h = (int) s.get(2);
        int w = (int) s.get(3);
        int plane = w * h;
        if (batch.getDataType() != DataType.FLOAT32) {
            throw new IllegalArgumentException("expected a float32 picture, not " + batch.getDataType());
        }
        float[] chw = batch.toFloatArray(); // the first picture is the first 3·H·W values
        byte[] px = new byte[3 * plane];
        for (int i = 0; i < plane; i++) {
            for (int c = 0; c < 3; c++) {
                float v = Math.min(1f, Math.max(0f, chw[c * plane + i]));
                px[3 * i + c] = (byte) Math.rint(v * 255f);
            }
        }
        return new RgbImage(w, h, px);
    }
}
