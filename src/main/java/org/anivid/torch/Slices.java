package org.anivid.torch;

import ai.djl.ndarray.NDArray;

/**
 * Slicing that is safe inside a training graph. DJL's {@code NDArray.get(NDIndex)} on the PyTorch engine builds its
 * index from Java-owned buffers that libtorch keeps for the backward pass; once the garbage collector frees them the
 * backward pass reads freed memory, and gradients turn to NaN or garbage a few steps into training (only with a GC
 * in between, so it looks random). {@code split} is a plain libtorch view with nothing borrowed from Java, so every
 * slice that gradients flow through goes through here (docs/decisions/0013).
 */
public final class Slices {
    private Slices() {
    }

    /** {@code x.narrow(axis, start, length)}: the view of {@code length} entries from {@code start} along {@code axis}. */
    public static NDArray narrow(NDArray x, int axis, long start, long length) {
        int a = axis < 0 ? axis + x.getShape().dimension() : axis;
        long size = x.getShape().get(a);
        if (start < 0 || length < 0 || start + length > size) {
            throw new IllegalArgumentException("narrow " + start + "+" + length + " of axis " + a + " (size " + size
                    + ")");
        }
        if (start == 0 && length == size) {
            return x;
        }
        if (start == 0) {
            return x.split(new long[] {length}, a).get(0);
        }
        if (start + length == size) {
            return x.split(new long[] {start}, a).get(1);
        }
        return x.split(new long[] {start, start + length}, a).get(1);
    }

    /** {@code x.select(axis, index)}: one entry along {@code axis}, that axis removed. */
    public static NDArray select(NDArray x, int axis, long index) {
        int a = axis < 0 ? axis + x.getShape().dimension() : axis;
        return narrow(x, a, index, 1).squeeze(a);
    }

    /** {@code m[..., row, column]} of a batch of 2×2 (or larger) matrices in the last two axes. */
    public static NDArray entry(NDArray m, int row, int column) {
        return select(select(m, -1, column), -1, row);
    }
}
