package org.anivid.torch;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes PyTorch checkpoints: files that {@code torch.load} (also with {@code weights_only=True}) and
 * {@link TorchCheckpoint#read} open, in the zip format of {@code torch.save} since PyTorch 1.6.
 *
 * <p>The archive holds {@code archive/data.pkl} (pickle protocol 2, tensors as persistent ids
 * {@code ('storage', torch.FloatStorage, key, 'cpu', numel)} rebuilt by {@code torch._utils._rebuild_tensor_v2}),
 * {@code archive/byteorder}, one stored entry {@code archive/data/<key>} of raw elements per tensor, each aligned to
 * 64 bytes as PyTorch aligns them, and {@code archive/version} ({@code 3}).
 *
 * <p>Values: maps with String or Long/Integer keys, in their iteration order (a non-empty map of String keys whose
 * values are all tensors is written as a {@code collections.OrderedDict}, as {@code state_dict()} returns one; other
 * maps as {@code dict}), lists, {@code Object[]} (a tuple), String, Long/Integer/BigInteger, Double/Float, Boolean,
 * null, and tensors: DJL {@link NDArray}s (float32, float64, float16, int64, int32, int8, uint8,
 * bool; on any device), {@link TorchTensor}s of a checkpoint read earlier, and the plain {@link FloatTensor} and
 * {@link LongTensor}. The same tensor object twice shares one storage.
 *
 * <p>Saving is atomic: the checkpoint is written to a hidden temporary file next to the target, flushed to the disk,
 * and renamed over the target; on any failure (a full disk, a value that cannot be saved) the temporary file is
 * deleted and an existing checkpoint at the target is left exactly as it was.
 */
public final class TorchCheckpointWriter {
    private static final Logger LOG = LoggerFactory.getLogger(TorchCheckpointWriter.class);
    /** The archive's folder name; {@code torch.load} accepts any. */
    static final String ARCHIVE = "archive";
    private static final String RUNNING_VAR = "running_var";
    private static final String BATCH_COUNTER = "num_batches_tracked";

    private TorchCheckpointWriter() {
    }

    /** A float32 tensor given as Java values: {@code values} row-major, as many as the shape's product. */
    public record FloatTensor(long[] shape, float[] values) {
        public FloatTensor {
            shape = shape.clone();
            requireSize(shape, values.length);
        }

        /** A 1-d tensor of the values. */
        public static FloatTensor of(float... values) {
            return new FloatTensor(new long[] {values.length}, values);
        }

        @Override
        public long[] shape() {
            return shape.clone();
        }
    }

    /** An int64 tensor given as Java values: {@code values} row-major, as many as the shape's product. */
    public record LongTensor(long[] shape, long[] values) {
        public LongTensor {
            shape = shape.clone();
            requireSize(shape, values.length);
        }

        /** A 0-d tensor ({@code torch.tensor(value)}). */
        public static LongTensor scalar(long value) {
            return new LongTensor(new long[0], new long[] {value});
        }

        @Override
        public long[] shape() {
            return shape.clone();
        }
    }

    private static void requireSize(long[] shape, int length) {
        long numel = 1;
        for (long size : shape) {
            if (size < 0) {
                throw new IllegalArgumentException("negative size in shape " + Arrays.toString(shape));
            }
            numel = Math.multiplyExact(numel, size);
        }
        if (numel != length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds " + numel
                    + " elements, not " + length);
        }
    }

    /**
     * Saves {@code root} (the top-level dict of the checkpoint, e.g. {@code {"kp_detector": stateDict, "generator":
     * stateDict, "epoch": 3}}) to {@code file}, atomically.
     *
     * @throws IllegalArgumentException if a value cannot be saved (nothing is written then)
     * @throws UncheckedIOException if the file cannot be written (a full disk, a missing folder, no permission); the
     *     message names the file, and an existing file there is unchanged
     */
    public static void write(Path file, Map<String, ?> root) {
        write(file, root, Long.MAX_VALUE, false);
    }

    /**
     * {@link #write(Path, Map)} with knobs for tests: the write fails with "No space left on device" after
     * {@code spaceLeft} bytes, and {@code forceZip64} writes the zip64 records that only files over 4 GiB need.
     */
    static void write(Path file, Map<String, ?> root, long spaceLeft, boolean forceZip64) {
        long start = System.nanoTime();
        CheckpointPickler.Result pickled = CheckpointPickler.pickle(root);
        Path target = file.toAbsolutePath();
        Path temporary = null;
        try {
            if (Files.isDirectory(target)) {
                throw new IOException("is a directory");
            }
            temporary = createTemporary(target);
            long size;
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                WritableByteChannel out = spaceLeft == Long.MAX_VALUE ? channel : new LimitedChannel(channel, spaceLeft);
                size = writeArchive(out, pickled, forceZip64);
                channel.force(true);
            }
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            temporary = null;
            syncFolder(target.getParent());
            LOG.debug("saved {} ({} tensors, {} bytes) in {} ms", target, pickled.storages().size(), size,
                    (System.nanoTime() - start) / 1_000_000);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save checkpoint " + target + ": " + describe(e), e);
        } finally {
            if (temporary != null) {
                try {
                    Files.deleteIfExists(temporary);
                } catch (IOException e) {
                    LOG.warn("cannot delete the partial checkpoint {}: {}", temporary, e.toString());
                }
            }
        }
    }

    /**
     * The parameters of {@code block} by the names they have in a PyTorch state dict ({@link StateDictLoader}'s
     * names), in block order, BatchNorm running statistics and fixed buffers included: the block's own arrays, not
     * copies, so save them before the next training step changes them. PyTorch's {@code num_batches_tracked}
     * counters have no DJL parameter; {@link #withBatchCounters} adds them.
     *
     * @throws IllegalStateException if the block is not initialised
     */
    public static Map<String, NDArray> stateDict(Block block) {
        return stateDict(block, NameMapping.identity());
    }

    /** {@link #stateDict(Block)} with the names renamed by {@code mapping}, as {@link StateDictLoader} loads them. */
    public static Map<String, NDArray> stateDict(Block block, NameMapping mapping) {
        Map<String, NDArray> stateDict = new LinkedHashMap<>();
        for (Map.Entry<String, Parameter> entry : StateDictLoader.torchNames(block, mapping).entrySet()) {
            Parameter parameter = entry.getValue();
            if (!parameter.isInitialized()) {
                throw new IllegalStateException("initialise the block before saving it: parameter "
                        + entry.getKey() + " has no array");
            }
            stateDict.put(entry.getKey(), parameter.getArray());
        }
        return Collections.unmodifiableMap(stateDict);
    }

    /**
     * {@code stateDict} with a {@code num_batches_tracked} counter (an int64 0-d tensor holding {@code batches})
     * after every {@code running_var}, where PyTorch's BatchNorm layers keep one, so the state dict has exactly the
     * keys of one saved by PyTorch. (PyTorch loads a state dict without them too: it then starts the counters at 0.)
     */
    public static Map<String, Object> withBatchCounters(Map<String, ?> stateDict, long batches) {
        Map<String, Object> result = new LinkedHashMap<>();
        for (Map.Entry<String, ?> entry : stateDict.entrySet()) {
            String name = entry.getKey();
            result.put(name, entry.getValue());
            if (name.equals(RUNNING_VAR) || name.endsWith("." + RUNNING_VAR)) {
                String counter = name.substring(0, name.length() - RUNNING_VAR.length()) + BATCH_COUNTER;
                if (!stateDict.containsKey(counter)) {
                    result.put(counter, LongTensor.scalar(batches));
                }
            }
        }
        return result;
    }

    // ---------------------------------------------------------------------------------------------------------

    /** A new hidden file beside {@code target}, created with the default permissions (not createTempFile's 0600). */
    private static Path createTemporary(Path target) throws IOException {
        Path folder = target.getParent();
        String name = target.getFileName().toString();
        for (int attempt = 0; ; attempt++) {
            String suffix = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
            Path temporary = folder.resolve("." + name + "." + suffix + ".tmp");
            try {
                return Files.createFile(temporary);
            } catch (FileAlreadyExistsException e) {
                if (attempt == 100) {
                    throw e;
                }
            }
        }
    }

    /** Writes the archive; returns its size in bytes. */
    private static long writeArchive(WritableByteChannel out, CheckpointPickler.Result pickled, boolean forceZip64)
            throws IOException {
        StoredZipWriter zip = new StoredZipWriter(out, forceZip64);
        zip.add(ARCHIVE + "/data.pkl", ByteBuffer.wrap(pickled.pickle()));
        zip.add(ARCHIVE + "/byteorder", ascii(ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN ? "little" : "big"));
        for (CheckpointPickler.Storage storage : pickled.storages()) {
            zip.add(ARCHIVE + "/data/" + storage.key(), elements(storage));
        }
        zip.add(ARCHIVE + "/version", ascii("3\n"));
        zip.finish();
        return zip.position();
    }

    /** The raw elements of a storage, in the machine's byte order (which the {@code byteorder} entry records). */
    private static ByteBuffer elements(CheckpointPickler.Storage storage) {
        long byteCount = storage.numel() * storage.dtype().elementSize();
        ByteBuffer bytes;
        Object tensor = storage.tensor();
        if (tensor instanceof NDArray array) {
            bytes = bytesOf(array);
        } else if (tensor instanceof TorchTensor t) {
            bytes = t.contiguousBytes(); // little-endian
            if (ByteOrder.nativeOrder() != ByteOrder.LITTLE_ENDIAN) {
                throw new IllegalStateException("re-saving checkpoint tensors on a big-endian machine");
            }
        } else if (tensor instanceof FloatTensor f) {
            bytes = ByteBuffer.allocate(f.values().length * 4).order(ByteOrder.nativeOrder());
            bytes.asFloatBuffer().put(f.values());
        } else {
            LongTensor l = (LongTensor) tensor;
            bytes = ByteBuffer.allocate(l.values().length * 8).order(ByteOrder.nativeOrder());
            bytes.asLongBuffer().put(l.values());
        }
        if (bytes.remaining() != byteCount) {
            throw new IllegalStateException("storage " + storage.key() + " has " + bytes.remaining() + " bytes, not "
                    + byteCount);
        }
        return bytes;
    }

    /** The elements of an array, row-major, copied to the CPU where it lives elsewhere. */
    private static ByteBuffer bytesOf(NDArray array) {
        if (array.getDevice().equals(Device.cpu())) {
            return array.toByteBuffer();
        }
        try (NDArray onCpu = array.toDevice(Device.cpu(), true)) {
            ByteBuffer source = onCpu.toByteBuffer();
            ByteBuffer copy = ByteBuffer.allocate(source.remaining()).order(ByteOrder.nativeOrder());
            copy.put(source).flip();
            return copy;
        }
    }

    private static ByteBuffer ascii(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII));
    }

    /** Makes the rename durable (a crash right after saving must not bring the old checkpoint back). */
    private static void syncFolder(Path folder) {
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | RuntimeException e) {
            LOG.debug("cannot sync folder {}: {}", folder, e.toString()); // not every file system allows it
        }
    }

    private static String describe(IOException e) {
        String message = e.getMessage();
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "the folder does not exist";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.FileSystemException fs && fs.getReason() != null) {
            return fs.getReason();
        }
        return message != null ? message : e.toString();
    }

    /** A channel that fails like a full disk after {@code limit} bytes (for tests of failed saves). */
    private static final class LimitedChannel implements WritableByteChannel {
        private final WritableByteChannel channel;
        private long left;

        LimitedChannel(WritableByteChannel channel, long limit) {
            this.channel = channel;
            this.left = limit;
        }

        @Override
        public int write(ByteBuffer source) throws IOException {
            if (left <= 0) {
                throw new IOException("No space left on device");
            }
            ByteBuffer part = source.duplicate();
            part.limit(part.position() + (int) Math.min(part.remaining(), left));
            int written = channel.write(part);
            source.position(source.position() + written);
            left -= written;
            return written;
        }

        @Override
        public boolean isOpen() {
            return channel.isOpen();
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }
}
