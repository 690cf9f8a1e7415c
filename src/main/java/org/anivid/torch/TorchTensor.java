package org.anivid.torch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.ShortBuffer;
import java.util.Arrays;

/**
 * A tensor of a PyTorch checkpoint: a strided view (shape, stride, offset, all in elements) of a storage
 * that other tensors may share. The data stays in the memory-mapped file until one of the {@code to…}
 * methods copies it out, always as a contiguous row-major array in which strides and offset are applied.
 * Immutable and safe to share between threads.
 */
public final class TorchTensor {
    private final TorchStorage storage;
    private final long storageOffset;
    private final long[] shape;
    private final long[] stride;
    private final boolean requiresGrad;
    private final long numel;

    TorchTensor(TorchStorage storage, long storageOffset, long[] shape, long[] stride, boolean requiresGrad) {
        if (shape.length != stride.length) {
            throw new IllegalArgumentException("tensor on storage " + storage.key() + " has shape "
                    + Arrays.toString(shape) + " but stride " + Arrays.toString(stride));
        }
        long count = 1;
        long lastElement = storageOffset;
        for (int d = 0; d < shape.length; d++) {
            if (shape[d] < 0 || stride[d] < 0) {
                throw new IllegalArgumentException("tensor on storage " + storage.key() + " has negative shape "
                        + Arrays.toString(shape) + " or stride " + Arrays.toString(stride));
            }
            count = Math.multiplyExact(count, shape[d]);
            lastElement += (shape[d] - 1) * stride[d];
        }
        if (storageOffset < 0 || (count > 0 && lastElement >= storage.numel())) {
            throw new IllegalArgumentException("tensor of shape " + Arrays.toString(shape) + ", stride "
                    + Arrays.toString(stride) + " and offset " + storageOffset + " reaches past storage "
                    + storage.key() + " of " + storage.numel() + " elements");
        }
        this.storage = storage;
        this.storageOffset = storageOffset;
        this.shape = shape.clone();
        this.stride = stride.clone();
        this.requiresGrad = requiresGrad;
        this.numel = count;
    }

    /** The same view with another {@code requires_grad} flag (an {@code nn.Parameter} around a tensor). */
    TorchTensor withRequiresGrad(boolean flag) {
        return flag == requiresGrad ? this : new TorchTensor(storage, storageOffset, shape, stride, flag);
    }

    public DType dtype() {
        return storage.dtype();
    }

    /** Sizes per dimension; empty for a 0-d (scalar) tensor. A copy. */
    public long[] shape() {
        return shape.clone();
    }

    /** Element steps per dimension in the storage, as PyTorch reports them. A copy. */
    public long[] stride() {
        return stride.clone();
    }

    /** Index of the tensor's first element in its storage. */
    public long storageOffset() {
        return storageOffset;
    }

    /** The checkpoint's key of the storage; tensors that share a storage share the key. */
    public String storageKey() {
        return storage.key();
    }

    /** The number of elements: the product of the shape, 1 for a 0-d tensor. */
    public long numel() {
        return numel;
    }

    public int rank() {
        return shape.length;
    }

    /** Whether the checkpoint saved it as a parameter or tensor that requires gradients. */
    public boolean requiresGrad() {
        return requiresGrad;
    }

    /** Whether the elements lie in row-major order without gaps (dimensions of size 1 may have any stride). */
    public boolean isContiguous() {
        long expected = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            if (shape[d] != 1 && stride[d] != expected) {
                return numel == 0;
            }
            expected *= shape[d];
        }
        return true;
    }

    TorchStorage storage() {
        return storage;
    }

    /**
     * The elements, contiguous and row-major, little-endian, in the file's dtype: a read-only buffer at
     * position 0 with {@code numel() * dtype().elementSize()} bytes remaining. For a contiguous tensor of a
     * little-endian file this is a view of the mapped file (no copy); otherwise a copy.
     */
    public ByteBuffer contiguousBytes() {
        int elementSize = dtype().elementSize();
        int byteCount = Math.toIntExact(numel * elementSize);
        if (byteCount == 0) {
            return ByteBuffer.allocate(0).asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
        }
        ByteBuffer source = storage.bytes();
        boolean swap = storage.order() != ByteOrder.LITTLE_ENDIAN && elementSize > 1;
        if (isContiguous() && !swap) {
            int start = Math.toIntExact(storageOffset * elementSize);
            return source.position(start).limit(start + byteCount).slice()
                    .asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
        }
        ByteBuffer target = ByteBuffer.allocate(byteCount).order(ByteOrder.LITTLE_ENDIAN);
        gather(source, target, elementSize, swap);
        return target.asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Copies the strided elements into {@code target} in row-major order, one innermost row at a time. */
    private void gather(ByteBuffer source, ByteBuffer target, int elementSize, boolean swap) {
        int rank = shape.length;
        long rowLength = rank == 0 ? 1 : shape[rank - 1];
        long rowStep = rank == 0 ? 1 : stride[rank - 1];
        long[] index = new long[Math.max(rank - 1, 0)];
        long rowStart = storageOffset;
        int written = 0;
        while (true) {
            if (rowStep == 1 && !swap) {
                int length = Math.toIntExact(rowLength * elementSize);
                target.put(written, source, Math.toIntExact(rowStart * elementSize), length);
                written += length;
            } else {
                for (long j = 0; j < rowLength; j++) {
                    int from = Math.toIntExact((rowStart + j * rowStep) * elementSize);
                    for (int b = 0; b < elementSize; b++) {
                        target.put(written + b, source.get(from + (swap ? elementSize - 1 - b : b)));
                    }
                    written += elementSize;
                }
            }
            // advance the outer index like an odometer
            int d = index.length - 1;
            for (; d >= 0; d--) {
                index[d]++;
                rowStart += stride[d];
                if (index[d] < shape[d]) {
                    break;
                }
                rowStart -= stride[d] * shape[d];
                index[d] = 0;
            }
            if (d < 0) {
                return;
            }
        }
    }

    /** The elements as floats, row-major, converted from any dtype (bool as 0/1; int64/float64 rounded). */
    public float[] toFloatArray() {
        ByteBuffer bytes = contiguousBytes();
        float[] out = new float[arrayLength()];
        if (dtype() == DType.FLOAT32) {
            bytes.asFloatBuffer().get(out);
            return out;
        }
        // Other dtypes are rare in checkpoints (float16 weights, integer counters): widen once, then narrow.
        double[] wide = toDoubleArray(bytes);
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) wide[i];
        }
        return out;
    }

    /** The elements as doubles, row-major, converted from any dtype (bool as 0/1). */
    public double[] toDoubleArray() {
        return toDoubleArray(contiguousBytes());
    }

    private double[] toDoubleArray(ByteBuffer bytes) {
        double[] out = new double[arrayLength()];
        switch (dtype()) {
            case FLOAT64 -> bytes.asDoubleBuffer().get(out);
            case FLOAT32 -> {
                FloatBuffer floats = bytes.asFloatBuffer();
                for (int i = 0; i < out.length; i++) {
                    out[i] = floats.get(i);
                }
            }
            case FLOAT16 -> {
                ShortBuffer halves = bytes.asShortBuffer();
                for (int i = 0; i < out.length; i++) {
                    out[i] = halfToFloat(halves.get(i));
                }
            }
            case BFLOAT16 -> {
                ShortBuffer halves = bytes.asShortBuffer();
                for (int i = 0; i < out.length; i++) {
                    out[i] = bfloat16ToFloat(halves.get(i));
                }
            }
            default -> {
                for (int i = 0; i < out.length; i++) {
                    out[i] = integerAt(bytes, i);
                }
            }
        }
        return out;
    }

    /** The elements as longs, row-major (floating-point values truncated toward zero, bool as 0/1). */
    public long[] toLongArray() {
        ByteBuffer bytes = contiguousBytes();
        long[] out = new long[arrayLength()];
        switch (dtype()) {
            case INT64 -> bytes.asLongBuffer().get(out);
            case FLOAT64, FLOAT32, FLOAT16, BFLOAT16 -> {
                double[] wide = toDoubleArray(bytes);
                for (int i = 0; i < out.length; i++) {
                    out[i] = (long) wide[i];
                }
            }
            default -> {
                for (int i = 0; i < out.length; i++) {
                    out[i] = integerAt(bytes, i);
                }
            }
        }
        return out;
    }

    /**
     * The elements as ints, row-major, like {@link #toLongArray()}.
     *
     * @throws ArithmeticException if an element does not fit an int
     */
    public int[] toIntArray() {
        if (dtype() == DType.INT32) {
            int[] out = new int[arrayLength()];
            contiguousBytes().asIntBuffer().get(out);
            return out;
        }
        long[] longs = toLongArray();
        int[] out = new int[longs.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.toIntExact(longs[i]);
        }
        return out;
    }

    /** The value of a one-element tensor (such as {@code num_batches_tracked}) as a double. */
    public double doubleValue() {
        requireOneElement();
        return toDoubleArray()[0];
    }

    /** The value of a one-element tensor as a long (floating-point values truncated). */
    public long longValue() {
        requireOneElement();
        return toLongArray()[0];
    }

    private void requireOneElement() {
        if (numel != 1) {
            throw new IllegalStateException("tensor of shape " + Arrays.toString(shape) + " has " + numel
                    + " elements, not one");
        }
    }

    /**
     * A DJL array with this tensor's shape and values, owned by {@code manager}. The dtype is kept, except that
     * float16 and bfloat16 become float32 (not every DJL engine computes in half precision on the CPU) and int16
     * becomes int32 (DJL 0.36's PyTorch engine aborts the JVM on int16 arrays); see {@link #djlDataType}.
     * The data is copied, so the array is writable and independent of the file.
     */
    public NDArray toNDArray(NDManager manager) {
        Shape djlShape = new Shape(shape);
        if (dtype() == DType.FLOAT16 || dtype() == DType.BFLOAT16) {
            return manager.create(toFloatArray(), djlShape);
        }
        if (dtype() == DType.INT16) {
            return manager.create(toIntArray(), djlShape);
        }
        ByteBuffer source = contiguousBytes();
        // a fresh direct buffer: the PyTorch engine wraps direct buffers without copying them
        ByteBuffer copy = manager.allocateDirect(source.remaining());
        copy.put(source).rewind();
        return manager.create(copy, djlShape, djlDataType(dtype()));
    }

    /** The DJL data type that {@link #toNDArray} produces for a dtype. */
    public static DataType djlDataType(DType dtype) {
        return switch (dtype) {
            case FLOAT32, FLOAT16, BFLOAT16 -> DataType.FLOAT32;
            case FLOAT64 -> DataType.FLOAT64;
            case INT64 -> DataType.INT64;
            case INT32 -> DataType.INT32;
            case INT16 -> DataType.INT32;
            case INT8 -> DataType.INT8;
            case UINT8 -> DataType.UINT8;
            case BOOL -> DataType.BOOLEAN;
        };
    }

    /** Element {@code i} of an integer or bool tensor, widened (bool as 0/1, uint8 unsigned). */
    private long integerAt(ByteBuffer bytes, int i) {
        return switch (dtype()) {
            case INT64 -> bytes.getLong(i * 8);
            case INT32 -> bytes.getInt(i * 4);
            case INT16 -> bytes.getShort(i * 2);
            case INT8 -> bytes.get(i);
            case UINT8 -> bytes.get(i) & 0xff;
            case BOOL -> bytes.get(i) != 0 ? 1 : 0;
            default -> throw new IllegalStateException(dtype() + " is not an integer type");
        };
    }

    private int arrayLength() {
        if (numel > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("tensor of shape " + Arrays.toString(shape)
                    + " is too large for a Java array");
        }
        return (int) numel;
    }

    /** IEEE 754 half precision to float; exact for every half value, subnormals and infinities included. */
    static float halfToFloat(short bits) {
        int sign = (bits & 0x8000) << 16;
        int exponent = (bits >>> 10) & 0x1f;
        int mantissa = bits & 0x3ff;
        if (exponent == 0) {
            float magnitude = mantissa * 0x1p-24f; // zero or subnormal
            return sign != 0 ? -magnitude : magnitude;
        }
        if (exponent == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mantissa << 13)); // infinity or NaN
        }
        return Float.intBitsToFloat(sign | ((exponent + 112) << 23) | (mantissa << 13));
    }

    /** bfloat16 is the upper half of a float32. */
    static float bfloat16ToFloat(short bits) {
        return Float.intBitsToFloat((bits & 0xffff) << 16);
    }

    @Override
    public String toString() {
        return "TorchTensor[" + dtype() + " " + Arrays.toString(shape)
                + (isContiguous() ? "" : " stride " + Arrays.toString(stride))
                + (storageOffset == 0 ? "" : " offset " + storageOffset) + " storage " + storage.key() + "]";
    }
}
