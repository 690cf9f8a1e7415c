package org.anivid.fomm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Objects;

/**
 * FOMM keypoints of a batch of pictures: the official {@code {'value': …, 'jacobian': …}} dict.
 *
 * @param value {@code (B, K, 2)} positions in [-1, 1]², x across the width first
 * @param jacobian {@code (B, K, 2, 2)} local affine derivatives, or null where the model estimates none
 */
public record Keypoints(NDArray value, NDArray jacobian) {
    public Keypoints {
        Objects.requireNonNull(value, "value");
    }

    public boolean hasJacobian() {
        return jacobian != null;
    }

    /**
     * These keypoints on {@code manager}: themselves if they are there already, else copies. DJL attaches the result
     * of an operation to the manager of its first operand, so per-frame work copies long-lived inputs (the source's
     * keypoints) onto the frame's manager first instead of leaving results behind on theirs.
     */
    public static Keypoints on(NDManager manager, Keypoints keypoints) {
        return new Keypoints(FommArrays.on(manager, keypoints.value()),
                keypoints.jacobian() == null ? null : FommArrays.on(manager, keypoints.jacobian()));
    }

    public int count() {
        return (int) value.getShape().get(1);
    }
}
