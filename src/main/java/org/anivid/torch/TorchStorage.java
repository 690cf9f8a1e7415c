package org.anivid.torch;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * One storage of a checkpoint: a flat run of elements that tensors view. Tensors that share a storage share
 * this object, so its bytes are located (memory-mapped) once. The bytes are bound after unpickling, because
 * the legacy format stores them behind the pickle.
 */
final class TorchStorage {
    private final String key;
    private final DType dtype;
    private final long numel;
    /** For an old-style storage view (legacy format): the storage it slices, else null. */
    private final TorchStorage root;
    private final long rootElementOffset;
    private ByteBuffer bytes;
    private ByteOrder order = ByteOrder.LITTLE_ENDIAN;

    TorchStorage(String key, DType dtype, long numel) {
        this(key, dtype, numel, null, 0);
    }

    private TorchStorage(String key, DType dtype, long numel, TorchStorage root, long rootElementOffset) {
        this.key = key;
        this.dtype = dtype;
        this.numel = numel;
        this.root = root;
        this.rootElementOffset = rootElementOffset;
    }

    /** Elements [offset, offset + numel) of {@code root}, as legacy files with {@code view_metadata} have them. */
    static TorchStorage viewOf(TorchStorage root, String viewKey, long offset, long numel) {
        if (offset < 0 || numel < 0 || offset + numel > root.numel) {
            throw new IllegalArgumentException("storage view " + viewKey + " [" + offset + ", " + (offset + numel)
                    + ") lies outside storage " + root.key + " of " + root.numel + " elements");
        }
        return new TorchStorage(viewKey, root.dtype, numel, root, offset);
    }

    String key() {
        return key;
    }

    DType dtype() {
        return dtype;
    }

    long numel() {
        return numel;
    }

    boolean isView() {
        return root != null;
    }

    boolean isBound() {
        return root != null ? root.isBound() : bytes != null;
    }

    /** Gives the storage its bytes (at least numel elements), in the file's byte order. */
    void bind(ByteBuffer data, ByteOrder byteOrder) {
        if (root != null) {
            throw new IllegalStateException("storage view " + key + " takes its bytes from " + root.key);
        }
        long needed = numel * dtype.elementSize();
        if (data.remaining() < needed) {
            throw new IllegalArgumentException("storage " + key + " holds " + data.remaining() + " bytes but "
                    + numel + " " + dtype + " elements need " + needed);
        }
        this.bytes = data.slice().limit((int) needed);
        this.order = byteOrder;
    }

    /** The storage's bytes from its first element, in {@link #order()}; a fresh buffer the caller may move. */
    ByteBuffer bytes() {
        if (root != null) {
            int start = Math.toIntExact(rootElementOffset * dtype.elementSize());
            return root.bytes().position(start).limit(start + Math.toIntExact(numel * dtype.elementSize()))
                    .slice().order(root.order());
        }
        if (bytes == null) {
            throw new IllegalStateException("storage " + key + " has no data");
        }
        return bytes.duplicate().order(order);
    }

    ByteOrder order() {
        return root != null ? root.order() : order;
    }
}
