package org.anivid.fomm;

import org.anivid.torch.Slices;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;

/** 2×2 matrix helpers for keypoint jacobians {@code (…, 2, 2)}. */
public final class Jacobians {
    private Jacobians() {
    }

    /**
     * The inverse of every 2×2 matrix, in closed form ({@code [[d, −b], [−c, a]] / (ad − bc)}): plain arithmetic, so it
     * is differentiable and stays on the input's manager; it agrees with {@code torch.inverse} to float rounding.
     */
    public static NDArray inverse(NDArray m) {
        NDArray a = Slices.entry(m, 0, 0);
        NDArray b = Slices.entry(m, 0, 1);
        NDArray c = Slices.entry(m, 1, 0);
        NDArray d = Slices.entry(m, 1, 1);
        NDArray det = a.mul(d).sub(b.mul(c));
        NDArray row0 = NDArrays.stack(new NDList(d, b.neg()), -1);
        NDArray row1 = NDArrays.stack(new NDList(c.neg(), a), -1);
        return NDArrays.stack(new NDList(row0, row1), -2).div(det.expandDims(-1).expandDims(-1));
    }
}
