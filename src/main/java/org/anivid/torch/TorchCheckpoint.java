package org.anivid.torch;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.anivid.core.InvalidInputException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads PyTorch checkpoints ({@code torch.save} files) in pure Java, without running any code from them.
 *
 * <p>Both formats that {@code torch.save} writes are read: the zip format (PyTorch 1.6 and later) and the
 * legacy format (a sequence of pickles followed by the raw storages; the official FOMM and FaceBoxes
 * checkpoints are legacy files). Only what a state dict needs can be unpickled: tensors, parameters,
 * storages, dicts, OrderedDicts, lists, tuples, sets, numbers, strings, bytes and None. A checkpoint that
 * names any other Python global (a pickled model class, {@code os.system}, ...) is refused, as PyTorch's
 * {@code torch.load(weights_only=True)} refuses it.
 *
 * <p>Tensor data is memory-mapped, not read: a tensor costs nothing until it is converted, tensors that share a
 * storage share one mapping, and the device a tensor was saved from ({@code cuda:0}) is ignored. Every problem
 * with the file (missing, empty, truncated, not a checkpoint, a refused global, a missing key) is an
 * {@link InvalidInputException} with a one-line message that names the file.
 */
public final class TorchCheckpoint {
    private static final Logger LOG = LoggerFactory.getLogger(TorchCheckpoint.class);
    private static final BigInteger LEGACY_MAGIC_NUMBER = new BigInteger("1950a86a20f9469cfc6c", 16);
    private static final long LEGACY_PROTOCOL_VERSION = 1001;
    private static final String DATA_PARALLEL_PREFIX = "module.";
    private static final int MAX_LISTED_KEYS = 20;

    private TorchCheckpoint() {
    }

    /**
     * The whole object tree of a checkpoint: dicts and OrderedDicts as insertion-ordered maps (keys are
     * Strings, or Longs for Python int keys such as an optimizer's parameter ids), lists and tuples as lists,
     * sets as sets, tensors and parameters as {@link TorchTensor}, Python ints as Long (BigInteger beyond 64
     * bits), floats as Double, bool as Boolean, str as String, bytes as byte[], None as null.
     * The collections are unmodifiable.
     */
    public static Object read(Path file) {
        if (Files.isDirectory(file)) {
            throw new InvalidInputException(file, "is a directory, not a checkpoint file");
        }
        MappedFile.PositionedInput[] legacyStream = new MappedFile.PositionedInput[1];
        long start = System.nanoTime();
        try (MappedFile mapped = MappedFile.open(file)) {
            Object tree = normalise(readTree(mapped, legacyStream), new IdentityHashMap<>());
            LOG.debug("read {} ({} format) in {} ms", file, legacyStream[0] != null ? "legacy" : "zip",
                    (System.nanoTime() - start) / 1_000_000);
            return tree;
        } catch (InvalidInputException e) {
            throw e;
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(file, "no such file", e);
        } catch (AccessDeniedException e) {
            throw new InvalidInputException(file, "cannot be read (permission denied)", e);
        } catch (IOException | RuntimeException e) {
            if (legacyStream[0] != null && legacyStream[0].reachedEnd()) {
                throw new InvalidInputException(file, "truncated checkpoint: the file ends inside its pickle", e);
            }
            throw new InvalidInputException(file, "damaged checkpoint: " + e, e);
        } catch (StackOverflowError e) {
            throw new InvalidInputException(file, "damaged checkpoint: objects nested too deeply", e);
        }
    }

    /**
     * A state dict of the checkpoint: the parameter and buffer tensors of one model by their PyTorch names.
     *
     * <p>With a {@code path}, walks into nested dicts by key (e.g. {@code readStateDict(file, "generator")} for
     * an FOMM checkpoint); a key that is a number also matches an int key. Without one, takes the top-level dict
     * if it is a state dict, or else the value of its {@code state_dict} or {@code model} key. A leading
     * {@code module.} (left by {@code nn.DataParallel}) is stripped from every name.
     *
     * @return the tensors in the checkpoint's order, unmodifiable
     * @throws InvalidInputException if the file is no checkpoint, a key is missing (the message lists those
     *     present) or the value found is not a dict of tensors
     */
    public static Map<String, TorchTensor> readStateDict(Path file, String... path) {
        Object node = read(file);
        String where = "the top level";
        for (int i = 0; i < path.length; i++) {
            String key = path[i];
            if (!(node instanceof Map<?, ?> map)) {
                throw new InvalidInputException(file, "has no key '" + key + "': " + where + " is "
                        + typeName(node) + ", not a dict");
            }
            Object found = lookUp(map, key);
            if (found == null && !map.containsKey(key)) {
                throw new InvalidInputException(file, "has no key '" + key + "' at " + where + "; keys: "
                        + listKeys(map.keySet()));
            }
            node = found;
            where = "'" + String.join("/", List.of(path).subList(0, i + 1)) + "'";
        }
        if (path.length == 0) {
            node = unwrapStateDict(file, node);
        }
        return toStateDict(file, node, where);
    }

    /** Whether a value of {@link #read}'s tree is a state dict: a dict of tensors by String names. */
    public static boolean isStateDict(Object value) {
        if (!(value instanceof Map<?, ?> map)) {
            return false;
        }
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (!(entry.getKey() instanceof String) || !(entry.getValue() instanceof TorchTensor)) {
                return false;
            }
        }
        return true;
    }

    private static Object lookUp(Map<?, ?> map, String key) {
        if (map.containsKey(key)) {
            return map.get(key);
        }
        try {
            return map.get(Long.parseLong(key));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Object unwrapStateDict(Path file, Object top) {
        if (isStateDict(top)) {
            return top;
        }
        if (top instanceof Map<?, ?> map) {
            for (String wrapper : List.of("state_dict", "model")) {
                if (isStateDict(map.get(wrapper))) {
                    return map.get(wrapper);
                }
            }
            throw new InvalidInputException(file, "holds no state dict at the top level; name one of its keys: "
                    + listKeys(map.keySet()));
        }
        throw new InvalidInputException(file, "holds " + typeName(top) + ", not a state dict");
    }

    private static Map<String, TorchTensor> toStateDict(Path file, Object node, String where) {
        if (!(node instanceof Map<?, ?> map)) {
            throw new InvalidInputException(file, where + " holds " + typeName(node) + ", not a state dict");
        }
        Map<String, TorchTensor> stateDict = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (!(entry.getKey() instanceof String name) || !(entry.getValue() instanceof TorchTensor tensor)) {
                throw new InvalidInputException(file, where + " is not a state dict: its entry '" + entry.getKey()
                        + "' holds " + typeName(entry.getValue()) + ", not a tensor");
            }
            String torchName = name.startsWith(DATA_PARALLEL_PREFIX) ? name.substring(DATA_PARALLEL_PREFIX.length())
                    : name;
            if (stateDict.put(torchName, tensor) != null) {
                throw new InvalidInputException(file, where + " holds '" + torchName + "' twice (with and without "
                        + "the DataParallel prefix 'module.')");
            }
        }
        return Collections.unmodifiableMap(stateDict);
    }

    private static String listKeys(Collection<?> keys) {
        List<String> names = new ArrayList<>();
        for (Object key : keys) {
            if (names.size() == MAX_LISTED_KEYS) {
                names.add("and " + (keys.size() - MAX_LISTED_KEYS) + " more");
                break;
            }
            names.add(String.valueOf(key));
        }
        return names.isEmpty() ? "(none)" : String.join(", ", names);
    }

    private static String typeName(Object value) {
        if (value == null) {
            return "None";
        }
        if (value instanceof Map) {
            return "a dict";
        }
        if (value instanceof List) {
            return "a list";
        }
        if (value instanceof TorchTensor) {
            return "a tensor";
        }
        return "a " + value.getClass().getSimpleName();
    }

    // ---------------------------------------------------------------------------------------------------------
    // Formats

    private static Object readTree(MappedFile file, MappedFile.PositionedInput[] legacyStream) throws IOException {
        if (file.size() == 0) {
            throw new InvalidInputException(file.path(), "is empty, not a PyTorch checkpoint");
        }
        ByteBuffer head = file.map(0, Math.min(file.size(), 512));
        if (head.remaining() >= 4 && head.getInt(0) == 0x04034b50) {
            return readZip(file);
        }
        if ((head.get(0) & 0xff) == 0x80) {
            MappedFile.PositionedInput in = file.stream(0);
            legacyStream[0] = in;
            return readLegacy(file, in);
        }
        throw new InvalidInputException(file.path(), "is not a PyTorch checkpoint (" + describeContent(head) + ")");
    }

    /** A guess at what a file that is no checkpoint holds, for the error message. */
    private static String describeContent(ByteBuffer head) {
        int length = head.remaining();
        byte[] bytes = new byte[length];
        head.get(0, bytes);
        if (length >= 3 && (bytes[0] & 0xff) == 0xff && (bytes[1] & 0xff) == 0xd8 && (bytes[2] & 0xff) == 0xff) {
            return "a JPEG image";
        }
        if (length >= 4 && (bytes[0] & 0xff) == 0x89 && bytes[1] == 'P' && bytes[2] == 'N' && bytes[3] == 'G') {
            return "a PNG image";
        }
        if (length >= 262 && new String(bytes, 257, 5, StandardCharsets.US_ASCII).equals("ustar")) {
            return "a tar archive: the tar format of PyTorch before 0.4 is not supported; re-save it with torch.save";
        }
        boolean text = true;
        for (byte b : bytes) {
            text &= b == '\n' || b == '\r' || b == '\t' || (b >= 0x20 && b != 0x7f) || b < 0;
        }
        return text ? "a text file" : "neither a zip archive nor a pickle";
    }

    private static Object readZip(MappedFile file) throws IOException {
        ZipArchive zip = ZipArchive.read(file);
        String prefix = null;
        for (String name : zip.entries().keySet()) {
            int slash = name.indexOf('/');
            if (slash > 0 && name.substring(slash + 1).equals("data.pkl")) {
                prefix = name.substring(0, slash + 1);
                break;
            }
        }
        if (prefix == null) {
            throw new InvalidInputException(file.path(), "is a zip archive without data.pkl, not a PyTorch checkpoint");
        }
        String codeFolder = prefix + "code/";
        if (zip.entries().keySet().stream().anyMatch(name -> name.startsWith(codeFolder))) {
            throw new InvalidInputException(file.path(), "is a TorchScript archive (torch.jit.save), not a "
                    + "torch.save checkpoint; save the model's state_dict() instead");
        }
        ByteOrder order = ByteOrder.LITTLE_ENDIAN;
        ZipArchive.Entry byteOrderEntry = zip.entries().get(prefix + "byteorder");
        if (byteOrderEntry != null) {
            String text = StandardCharsets.US_ASCII.decode(zip.data(byteOrderEntry)).toString().trim();
            order = text.equals("big") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        }
        ByteBuffer pickle = zip.data(zip.entries().get(prefix + "data.pkl"));
        StorageTable storages = new StorageTable(file.path(), false);
        String dataPrefix = prefix;
        ByteOrder dataOrder = order;
        CheckpointUnpickler unpickler = new CheckpointUnpickler(file.path(), pid -> {
            TorchStorage storage = storages.resolve(pid);
            if (!storage.isBound()) {
                ZipArchive.Entry entry = zip.entries().get(dataPrefix + "data/" + storage.key());
                if (entry == null) {
                    throw file.truncated("no data for storage " + storage.key());
                }
                try {
                    storage.bind(zip.data(entry), dataOrder);
                } catch (IOException e) {
                    throw new InvalidInputException(file.path(), "cannot read storage " + storage.key(), e);
                }
            }
            return storage;
        });
        return unpickler.load(new ByteBufferInput(pickle));
    }

    private static Object readLegacy(MappedFile file, MappedFile.PositionedInput in) throws IOException {
        Path path = file.path();
        CheckpointUnpickler.StorageResolver noStorages = pid -> {
            throw new InvalidInputException(path, "damaged checkpoint: a storage in the header");
        };
        Object magic = new CheckpointUnpickler(path, noStorages).load(in);
        if (!(magic instanceof Number number) || !LEGACY_MAGIC_NUMBER.equals(toBigInteger(number))) {
            throw new InvalidInputException(path, "is a pickle but not a torch.save checkpoint (no magic number)");
        }
        Object protocol = new CheckpointUnpickler(path, noStorages).load(in);
        if (!(protocol instanceof Number version) || version.longValue() != LEGACY_PROTOCOL_VERSION) {
            throw new InvalidInputException(path, "has unsupported legacy protocol version " + protocol);
        }
        Object sysInfo = new CheckpointUnpickler(path, noStorages).load(in);
        ByteOrder order = sysInfo instanceof Map<?, ?> info && Boolean.FALSE.equals(info.get("little_endian"))
                ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;

        StorageTable storages = new StorageTable(path, true);
        Object tree = new CheckpointUnpickler(path, storages::resolve).load(in);
        Object keys = new CheckpointUnpickler(path, noStorages).load(in);
        if (!(keys instanceof List<?> keyList)) {
            throw new InvalidInputException(path, "damaged checkpoint: no list of storage keys after the pickle");
        }
        // The storages follow in the order of the key list: an 8-byte element count, then the raw bytes.
        long position = in.position();
        for (Object key : keyList) {
            TorchStorage storage = storages.root(String.valueOf(key));
            ByteBuffer countBytes = file.map(position, 8).order(order);
            long count = countBytes.getLong(0);
            if (count < storage.numel()) {
                throw file.truncated("storage " + storage.key() + " holds " + count + " elements but its tensors use "
                        + storage.numel());
            }
            long byteCount = Math.multiplyExact(count, storage.dtype().elementSize());
            storage.bind(file.map(position + 8, byteCount), order);
            position += 8 + byteCount;
        }
        storages.requireAllBound();
        return tree;
    }

    private static BigInteger toBigInteger(Number number) {
        return number instanceof BigInteger big ? big : BigInteger.valueOf(number.longValue());
    }

    /** The storages of one checkpoint by key, each created once however many tensors view it. */
    private static final class StorageTable {
        private final Path file;
        private final boolean legacy;
        private final Map<String, TorchStorage> roots = new LinkedHashMap<>();
        private final Map<String, TorchStorage> views = new LinkedHashMap<>();

        StorageTable(Path file, boolean legacy) {
            this.file = file;
            this.legacy = legacy;
        }

        /** ('storage', storage_type, key, location, numel[, view_metadata]): the last only in legacy files. */
        TorchStorage resolve(Object[] pid) {
            if (pid.length < 5 || !(pid[1] instanceof CheckpointUnpickler.StorageClass type)
                    || !(pid[4] instanceof Number numel)) {
                throw new InvalidInputException(file, "damaged checkpoint: malformed storage id");
            }
            String key = String.valueOf(pid[2]);
            TorchStorage root = roots.computeIfAbsent(key, k -> new TorchStorage(k, type.dtype(), numel.longValue()));
            if (root.dtype() != type.dtype()) {
                throw new InvalidInputException(file, "damaged checkpoint: storage " + key + " is both "
                        + root.dtype() + " and " + type.dtype());
            }
            Object viewMetadata = legacy && pid.length > 5 ? pid[5] : null;
            if (viewMetadata == null) {
                return root;
            }
            if (!(viewMetadata instanceof Object[] view) || view.length != 3) {
                throw new InvalidInputException(file, "damaged checkpoint: malformed storage view of " + key);
            }
            String viewKey = String.valueOf(view[0]);
            long offset = ((Number) view[1]).longValue();
            long size = ((Number) view[2]).longValue();
            return views.computeIfAbsent(viewKey, k -> TorchStorage.viewOf(root, k, offset, size));
        }

        TorchStorage root(String key) {
            TorchStorage storage = roots.get(key);
            if (storage == null) {
                throw new InvalidInputException(file, "damaged checkpoint: data for storage " + key
                        + ", which no tensor uses");
            }
            return storage;
        }

        void requireAllBound() {
            for (TorchStorage storage : roots.values()) {
                if (!storage.isBound()) {
                    throw new InvalidInputException(file, "damaged checkpoint: no data for storage " + storage.key());
                }
            }
        }
    }

    /** A stream over a buffer: the unpickler reads byte by byte, so it must not go through a channel each time. */
    private static final class ByteBufferInput extends java.io.InputStream {
        private final ByteBuffer buffer;

        ByteBufferInput(ByteBuffer buffer) {
            this.buffer = buffer.duplicate();
        }

        @Override
        public int read() {
            return buffer.hasRemaining() ? buffer.get() & 0xff : -1;
        }

        @Override
        public int read(byte[] target, int offset, int length) {
            if (length == 0) {
                return 0;
            }
            if (!buffer.hasRemaining()) {
                return -1;
            }
            int count = Math.min(length, buffer.remaining());
            buffer.get(target, offset, count);
            return count;
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Python values to Java values

    /** Tuples become lists, ints Longs, collections unmodifiable; shared objects stay shared. */
    private static Object normalise(Object value, IdentityHashMap<Object, Object> done) {
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Double
                || value instanceof TorchTensor || value instanceof byte[]) {
            return value;
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof BigInteger big) {
            return big.bitLength() < 64 ? (Object) big.longValue() : big;
        }
        if (value instanceof Float f) {
            return f.doubleValue();
        }
        Object already = done.get(value);
        if (already != null) {
            return already;
        }
        if (value instanceof Object[] tuple) {
            List<Object> list = new ArrayList<>(tuple.length);
            List<Object> view = Collections.unmodifiableList(list);
            done.put(value, view);
            for (Object element : tuple) {
                list.add(normalise(element, done));
            }
            return view;
        }
        if (value instanceof List<?> source) {
            List<Object> list = new ArrayList<>(source.size());
            List<Object> view = Collections.unmodifiableList(list);
            done.put(value, view);
            for (Object element : source) {
                list.add(normalise(element, done));
            }
            return view;
        }
        if (value instanceof Map<?, ?> source) {
            Map<Object, Object> map = new LinkedHashMap<>();
            Map<Object, Object> view = Collections.unmodifiableMap(map);
            done.put(value, view);
            for (Map.Entry<?, ?> entry : source.entrySet()) {
                map.put(normalise(entry.getKey(), done), normalise(entry.getValue(), done));
            }
            return view;
        }
        if (value instanceof Set<?> source) {
            Set<Object> set = new LinkedHashSet<>();
            Set<Object> view = Collections.unmodifiableSet(set);
            done.put(value, view);
            for (Object element : source) {
                set.add(normalise(element, done));
            }
            return view;
        }
        if (value instanceof TorchStorage storage) {
            // a storage saved on its own: a flat tensor over all of it
            return new TorchTensor(storage, 0, new long[] {storage.numel()}, new long[] {1}, false);
        }
        if (value instanceof CheckpointUnpickler.StorageClass storageClass) {
            return storageClass.name();
        }
        throw new IllegalStateException("unexpected unpickled value of " + value.getClass());
    }
}
