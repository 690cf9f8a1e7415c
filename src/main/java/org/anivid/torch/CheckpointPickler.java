package org.anivid.torch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The pickler side of {@code torch.save}: turns a tree of Java values into the {@code data.pkl} of a zip-format
 * checkpoint (pickle protocol 2) and collects the tensors' storages, which {@link TorchCheckpointWriter} writes as
 * the archive's {@code data/<key>} records.
 *
 * <p>A tensor is pickled as PyTorch pickles it: {@code torch._utils._rebuild_tensor_v2(storage, 0, shape, stride,
 * False, OrderedDict())} where the storage is the persistent id {@code ('storage', torch.FloatStorage, key, 'cpu',
 * numel)}. Every tensor gets its own contiguous storage, except that the same Java object appearing twice shares one,
 * as two references to one tensor do in Python. Only globals that PyTorch's weights-only unpickler allows are named
 * ({@code torch._utils._rebuild_tensor_v2}, the storage classes, {@code collections.OrderedDict}), which is why
 * bytes and sets (pickled through {@code _codecs.encode} and {@code builtins.set}) are not offered. Nothing is memoised (no {@code BINPUT}): the pickle is a little
 * larger than Python's but means the same. Every value is checked before anything is written, so a tree that cannot
 * be saved fails here with the path of the bad value, before the file is touched.
 */
final class CheckpointPickler {
    // pickle opcodes (protocol 2)
    private static final int PROTO = 0x80;
    private static final int STOP = '.';
    private static final int MARK = '(';
    private static final int EMPTY_DICT = '}';
    private static final int SETITEMS = 'u';
    private static final int EMPTY_LIST = ']';
    private static final int APPENDS = 'e';
    private static final int EMPTY_TUPLE = ')';
    private static final int TUPLE = 't';
    private static final int TUPLE1 = 0x85;
    private static final int TUPLE2 = 0x86;
    private static final int TUPLE3 = 0x87;
    private static final int GLOBAL = 'c';
    private static final int REDUCE = 'R';
    private static final int BINPERSID = 'Q';
    private static final int BININT1 = 'K';
    private static final int BININT2 = 'M';
    private static final int BININT = 'J';
    private static final int LONG1 = 0x8a;
    private static final int BINFLOAT = 'G';
    private static final int BINUNICODE = 'X';
    private static final int NONE = 'N';
    private static final int NEWTRUE = 0x88;
    private static final int NEWFALSE = 0x89;
    /** Python's pickler batches APPENDS and SETITEMS by 1000. */
    private static final int BATCH = 1000;

    /** One storage to write as {@code data/<key>}: the tensor value whose elements it holds. */
    record Storage(String key, DType dtype, long numel, Object tensor) {
    }

    /** The pickle and the storages it refers to, in key order ("0", "1", ...). */
    record Result(byte[] pickle, List<Storage> storages) {
    }

    private final ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 16);
    private final List<Storage> storages = new ArrayList<>();
    private final IdentityHashMap<Object, Storage> storageOf = new IdentityHashMap<>();
    /** The containers on the way down, to refuse cycles (which Python could memoise but a state dict never has). */
    private final Set<Object> open = Collections.newSetFromMap(new IdentityHashMap<>());

    private CheckpointPickler() {
    }

    /**
     * Pickles {@code root}.
     *
     * @throws IllegalArgumentException naming the path of the first value that cannot be saved
     */
    static Result pickle(Object root) {
        CheckpointPickler pickler = new CheckpointPickler();
        pickler.out.write(PROTO);
        pickler.out.write(2);
        pickler.save(root, "");
        pickler.out.write(STOP);
        return new Result(pickler.out.toByteArray(), List.copyOf(pickler.storages));
    }

    /** The dtype of a DJL array as a checkpoint stores it, or null where PyTorch has no such storage. */
    static DType dtypeOf(DataType type) {
        return switch (type) {
            case FLOAT32 -> DType.FLOAT32;
            case FLOAT64 -> DType.FLOAT64;
            case FLOAT16 -> DType.FLOAT16;
            case BFLOAT16 -> DType.BFLOAT16;
            case INT64 -> DType.INT64;
            case INT32 -> DType.INT32;
            case INT8 -> DType.INT8;
            case UINT8 -> DType.UINT8;
            case BOOLEAN -> DType.BOOL;
            default -> null;
        };
    }

    private void save(Object value, String path) {
        if (value == null) {
            out.write(NONE);
        } else if (value instanceof Boolean b) {
            out.write(b ? NEWTRUE : NEWFALSE);
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short
                || value instanceof Byte) {
            saveInt(((Number) value).longValue());
        } else if (value instanceof BigInteger big) {
            saveBigInt(big, path);
        } else if (value instanceof Double || value instanceof Float) {
            out.write(BINFLOAT);
            writeBytes(ByteBuffer.allocate(8).order(ByteOrder.BIG_ENDIAN)
                    .putDouble(((Number) value).doubleValue()).array());
        } else if (value instanceof String s) {
            saveString(s);
        } else if (isTensor(value)) {
            saveTensor(value, path);
        } else if (value instanceof Map<?, ?> map) {
            enter(map, path);
            saveMap(map, path);
            open.remove(map);
        } else if (value instanceof List<?> list) {
            enter(list, path);
            out.write(EMPTY_LIST);
            saveBatches(list, path, APPENDS);
            open.remove(list);
        } else if (value instanceof Object[] tuple) {
            enter(tuple, path);
            saveTuple(tuple, path);
            open.remove(tuple);
        } else {
            throw new IllegalArgumentException(where(path) + "cannot be saved in a checkpoint: "
                    + value.getClass().getName() + " (supported: maps, lists, Object[] as tuples, String, "
                    + "Long/Integer, Double/Float, Boolean, null, NDArray, TorchTensor and "
                    + "TorchCheckpointWriter.FloatTensor/LongTensor)");
        }
    }

    private static boolean isTensor(Object value) {
        return value instanceof NDArray || value instanceof TorchTensor
                || value instanceof TorchCheckpointWriter.FloatTensor
                || value instanceof TorchCheckpointWriter.LongTensor;
    }

    private void enter(Object container, String path) {
        if (!open.add(container)) {
            throw new IllegalArgumentException(where(path) + "contains itself; a checkpoint must be a tree");
        }
    }

    /** A state dict (String keys, every value a tensor) is an {@code OrderedDict}, as {@code state_dict()} returns. */
    private void saveMap(Map<?, ?> map, String path) {
        boolean stateDict = !map.isEmpty();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            Object key = entry.getKey();
            if (!(key instanceof String || key instanceof Long || key instanceof Integer)) {
                throw new IllegalArgumentException(where(path) + "has a key of "
                        + (key == null ? "null" : key.getClass().getName()) + "; only String and Long/Integer keys "
                        + "can be saved");
            }
            stateDict &= key instanceof String && isTensor(entry.getValue());
        }
        if (stateDict) {
            saveGlobal("collections", "OrderedDict");
            out.write(EMPTY_TUPLE);
            out.write(REDUCE);
        } else {
            out.write(EMPTY_DICT);
        }
        List<Object> keysAndValues = new ArrayList<>(map.size() * 2);
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            keysAndValues.add(entry.getKey());
            keysAndValues.add(entry.getValue());
        }
        for (int start = 0; start < keysAndValues.size(); start += 2 * BATCH) {
            out.write(MARK);
            int end = Math.min(keysAndValues.size(), start + 2 * BATCH);
            for (int i = start; i < end; i += 2) {
                Object key = keysAndValues.get(i);
                save(key, path);
                save(keysAndValues.get(i + 1), join(path, String.valueOf(key)));
            }
            out.write(SETITEMS);
        }
    }

    private void saveBatches(List<?> items, String path, int opcode) {
        for (int start = 0; start < items.size(); start += BATCH) {
            out.write(MARK);
            int end = Math.min(items.size(), start + BATCH);
            for (int i = start; i < end; i++) {
                save(items.get(i), join(path, Integer.toString(i)));
            }
            out.write(opcode);
        }
    }

    private void saveTuple(Object[] items, String path) {
        if (items.length == 0) {
            out.write(EMPTY_TUPLE);
            return;
        }
        if (items.length > 3) {
            out.write(MARK);
        }
        for (int i = 0; i < items.length; i++) {
            save(items[i], join(path, Integer.toString(i)));
        }
        out.write(switch (items.length) {
            case 1 -> TUPLE1;
            case 2 -> TUPLE2;
            case 3 -> TUPLE3;
            default -> TUPLE;
        });
    }

    private void saveTensor(Object tensor, String path) {
        long[] shape;
        try {
            shape = shapeOf(tensor);
        } catch (RuntimeException e) { // a closed NDArray, for one
            throw new IllegalArgumentException(where(path) + "cannot be read: " + e.getMessage(), e);
        }
        Storage storage = storageOf.get(tensor);
        if (storage == null) {
            DType dtype = dtypeOfTensor(tensor);
            if (dtype == null) {
                throw new IllegalArgumentException(where(path) + "is an NDArray of "
                        + ((NDArray) tensor).getDataType() + ", which a checkpoint cannot hold");
            }
            long numel = 1;
            for (long size : shape) {
                numel = Math.multiplyExact(numel, size);
            }
            storage = new Storage(Integer.toString(storages.size()), dtype, numel, tensor);
            storages.add(storage);
            storageOf.put(tensor, storage);
        }
        saveGlobal("torch._utils", "_rebuild_tensor_v2");
        out.write(MARK);
        // the persistent id ('storage', torch.FloatStorage, key, 'cpu', numel)
        out.write(MARK);
        saveString("storage");
        saveGlobal("torch", storage.dtype().storageClassName());
        saveString(storage.key());
        saveString("cpu");
        saveInt(storage.numel());
        out.write(TUPLE);
        out.write(BINPERSID);
        saveInt(0); // storage offset
        Long[] boxedShape = new Long[shape.length];
        Long[] stride = new Long[shape.length];
        long step = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            boxedShape[d] = shape[d];
            stride[d] = step;
            step *= Math.max(shape[d], 1);
        }
        saveTuple(boxedShape, path);
        saveTuple(stride, path);
        out.write(NEWFALSE); // requires_grad: state dicts hold detached tensors
        saveGlobal("collections", "OrderedDict"); // backward hooks: none
        out.write(EMPTY_TUPLE);
        out.write(REDUCE);
        out.write(TUPLE);
        out.write(REDUCE);
    }

    private static DType dtypeOfTensor(Object tensor) {
        if (tensor instanceof NDArray array) {
            return dtypeOf(array.getDataType());
        }
        if (tensor instanceof TorchTensor t) {
            return t.dtype();
        }
        return tensor instanceof TorchCheckpointWriter.FloatTensor ? DType.FLOAT32 : DType.INT64;
    }

    private static long[] shapeOf(Object tensor) {
        if (tensor instanceof NDArray array) {
            return array.getShape().getShape();
        }
        if (tensor instanceof TorchTensor t) {
            return t.shape();
        }
        if (tensor instanceof TorchCheckpointWriter.FloatTensor f) {
            return f.shape();
        }
        return ((TorchCheckpointWriter.LongTensor) tensor).shape();
    }

    private void saveGlobal(String module, String name) {
        out.write(GLOBAL);
        writeBytes((module + "\n" + name + "\n").getBytes(StandardCharsets.US_ASCII));
    }

    private void saveString(String s) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        out.write(BINUNICODE);
        writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(utf8.length).array());
        writeBytes(utf8);
    }

    private void saveInt(long v) {
        if (v >= 0 && v <= 0xff) {
            out.write(BININT1);
            out.write((int) v);
        } else if (v >= 0 && v <= 0xffff) {
            out.write(BININT2);
            out.write((int) (v & 0xff));
            out.write((int) (v >>> 8));
        } else if (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) {
            out.write(BININT);
            writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) v).array());
        } else {
            saveLong1(BigInteger.valueOf(v));
        }
    }

    private void saveBigInt(BigInteger v, String path) {
        if (v.bitLength() < 64) {
            saveInt(v.longValue());
        } else if (v.bitLength() / 8 + 1 <= 255) {
            saveLong1(v);
        } else {
            throw new IllegalArgumentException(where(path) + "is an integer too large to save: " + v);
        }
    }

    /** LONG1: the two's complement, little-endian, in as few bytes as hold the sign. */
    private void saveLong1(BigInteger v) {
        byte[] bigEndian = v.toByteArray();
        out.write(LONG1);
        out.write(bigEndian.length);
        for (int i = bigEndian.length - 1; i >= 0; i--) {
            out.write(bigEndian[i]);
        }
    }

    private void writeBytes(byte[] bytes) {
        out.write(bytes, 0, bytes.length);
    }

    private static String join(String path, String key) {
        return path.isEmpty() ? key : path + "/" + key;
    }

    private static String where(String path) {
        return path.isEmpty() ? "the checkpoint's root " : "'" + path + "' ";
    }
}
