package org.anivid.torch;

import java.util.Optional;

/**
 * The element types of tensors that {@link TorchCheckpoint} reads, with the name of the storage class that
 * {@code torch.save} writes for each ({@code torch.FloatStorage}, ...).
 */
public enum DType {
    FLOAT32(4, "FloatStorage"),
    FLOAT16(2, "HalfStorage"),
    BFLOAT16(2, "BFloat16Storage"),
    FLOAT64(8, "DoubleStorage"),
    INT64(8, "LongStorage"),
    INT32(4, "IntStorage"),
    INT16(2, "ShortStorage"),
    INT8(1, "CharStorage"),
    UINT8(1, "ByteStorage"),
    BOOL(1, "BoolStorage");

    private final int elementSize;
    private final String storageClassName;

    DType(int elementSize, String storageClassName) {
        this.elementSize = elementSize;
        this.storageClassName = storageClassName;
    }

    /** Bytes per element. */
    public int elementSize() {
        return elementSize;
    }

    /** The class name in the checkpoint's pickle, without the {@code torch.} module. */
    public String storageClassName() {
        return storageClassName;
    }

    public boolean isFloatingPoint() {
        return this == FLOAT32 || this == FLOAT16 || this == BFLOAT16 || this == FLOAT64;
    }

    /** The dtype of a storage class name such as {@code FloatStorage}. */
    public static Optional<DType> ofStorageClass(String className) {
        for (DType dtype : values()) {
            if (dtype.storageClassName.equals(className)) {
                return Optional.of(dtype);
            }
        }
        return Optional.empty();
    }
}
