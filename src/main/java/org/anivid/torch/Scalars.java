package org.anivid.torch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/**
 * Constants for arithmetic inside a training graph. DJL's {@code x.mul(2f)}, {@code div}, {@code maximum},
 * {@code minimum} and {@code pow} with a number wrap it in a Java-owned 0-dim tensor and close that tensor as soon as
 * the operation returns, but libtorch keeps it for the backward pass (the gradient of {@code x·c} needs {@code c}).
 * Once the garbage collector frees its buffer, the backward pass multiplies by whatever lies there: gradients go
 * wrong or NaN a few steps into training, at a step that depends on when the collector ran (docs/decisions/0013).
 * A constant made here stays attached to the operand's manager, so it lives as long as the graph that uses it.
 * (Addition and subtraction do not keep the constant, so {@code add(1)} is safe as it is.)
 */
public final class Scalars {
    private Scalars() {
    }

    /** {@code value} as a 0-dim array of {@code like}'s type, on {@code like}'s manager. */
    public static NDArray of(NDArray like, double value) {
        if (like.getDataType() == DataType.FLOAT64) {
            return like.getManager().create(value);
        }
        return like.getManager().create((float) value).toType(like.getDataType(), false);
    }

    /** {@code x · value}, safe in a training graph. */
    public static NDArray mul(NDArray x, double value) {
        return x.mul(of(x, value));
    }

    /** {@code x / value}, safe in a training graph. */
    public static NDArray div(NDArray x, double value) {
        return x.div(of(x, value));
    }
}
