package org.anivid.torch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.anivid.torch.TorchCheckpointWriter.FloatTensor;
import org.anivid.torch.TorchCheckpointWriter.LongTensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checkpoints written by {@link TorchCheckpointWriter} and read back by {@link TorchCheckpoint}. */
@SuppressWarnings("unchecked")
class TorchCheckpointWriterTest {
    @TempDir
    Path temp;

    /** A checkpoint with every kind of value: state dicts of NDArrays, an optimizer-like dict with int keys, ... */
    static Map<String, Object> sample(NDManager manager) {
        Map<String, Object> kp = new LinkedHashMap<>();
        kp.put("conv.weight", manager.arange(24f).reshape(2, 3, 2, 2).mul(0.25f).sub(1f));
        kp.put("conv.bias", manager.create(new float[] {0.5f, -1.5f}));
        kp.put("norm.running_mean", manager.create(new float[] {1e-30f, Float.MAX_VALUE}));
        kp.put("norm.num_batches_tracked", manager.create(7L).reshape(new Shape()));
        Map<String, Object> generator = new LinkedHashMap<>();
        // a transposed (non-contiguous) view must be saved row-major as it reads
        generator.put("final.weight", manager.arange(6f).reshape(2, 3).transpose());
        generator.put("empty", manager.zeros(new Shape(0, 3)));
        generator.put("ids", manager.create(new long[] {-(1L << 62), -1, 1L << 40}));
        Map<Object, Object> state = new LinkedHashMap<>();
        state.put(0L, Map.of("step", 3L, "exp_avg", FloatTensor.of(0.125f, -0.125f)));
        Map<String, Object> group = new LinkedHashMap<>();
        group.put("lr", 2e-4);
        group.put("betas", new Object[] {0.5, 0.999});
        group.put("params", List.of(0, 1));
        Map<String, Object> optimizer = new LinkedHashMap<>();
        optimizer.put("state", state);
        optimizer.put("param_groups", List.of(group));
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("kp_detector", kp);
        root.put("generator", generator);
        root.put("optimizer", optimizer);
        root.put("epoch", 7);
        root.put("ints", List.of(0, 255, 256, 65535, 65536, -1, Integer.MIN_VALUE, Long.MAX_VALUE, Long.MIN_VALUE,
                new java.math.BigInteger("-123456789012345678901234567890")));
        root.put("floats", Arrays.asList(0.1, -2.5f, Double.POSITIVE_INFINITY, 1e-300));
        root.put("text", "Ünïcode ✓ and a \"quote\"\nline");
        root.put("flags", Arrays.asList(true, false, null));
        root.put("matrix", new FloatTensor(new long[] {2, 2}, new float[] {1, 2, 3, 4}));
        root.put("step", LongTensor.scalar(42));
        root.put("empty_dict", Map.of());
        root.put("empty_list", List.of());
        return root;
    }

    @Test
    void roundTripsValuesShapesAndStructure() {
        Path file = temp.resolve("sample.pth");
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            TorchCheckpointWriter.write(file, sample(manager));
        }
        @SuppressWarnings("unchecked")
        Map<Object, Object> root = (Map<Object, Object>) TorchCheckpoint.read(file);
        assertThat(root.keySet()).containsExactly("kp_detector", "generator", "optimizer", "epoch", "ints", "floats",
                "text", "flags", "matrix", "step", "empty_dict", "empty_list");
        assertThat(root.get("epoch")).isEqualTo(7L);
        assertThat((List<Object>) (List<?>) root.get("ints")).containsExactly(0L, 255L, 256L, 65535L, 65536L, -1L,
                (long) Integer.MIN_VALUE, Long.MAX_VALUE, Long.MIN_VALUE,
                new java.math.BigInteger("-123456789012345678901234567890"));
        assertThat((List<Object>) (List<?>) root.get("floats")).containsExactly(0.1, -2.5, Double.POSITIVE_INFINITY, 1e-300);
        assertThat(root.get("text")).isEqualTo("Ünïcode ✓ and a \"quote\"\nline");
        assertThat((List<Object>) (List<?>) root.get("flags")).containsExactly(true, false, null);
        assertThat((Map<?, ?>) root.get("empty_dict")).isEmpty();
        assertThat((List<Object>) (List<?>) root.get("empty_list")).isEmpty();

        Map<String, TorchTensor> kp = TorchCheckpoint.readStateDict(file, "kp_detector");
        assertThat(kp.keySet()).containsExactly("conv.weight", "conv.bias", "norm.running_mean",
                "norm.num_batches_tracked");
        TorchTensor weight = kp.get("conv.weight");
        assertThat(weight.dtype()).isEqualTo(DType.FLOAT32);
        assertThat(weight.shape()).containsExactly(2, 3, 2, 2);
        assertThat(weight.stride()).containsExactly(12, 4, 2, 1);
        float[] expected = new float[24];
        for (int i = 0; i < 24; i++) {
            expected[i] = i * 0.25f - 1f;
        }
        assertThat(weight.toFloatArray()).containsExactly(expected);
        assertThat(kp.get("conv.bias").toFloatArray()).containsExactly(0.5f, -1.5f);
        assertThat(kp.get("norm.running_mean").toFloatArray()).containsExactly(1e-30f, Float.MAX_VALUE);
        TorchTensor counter = kp.get("norm.num_batches_tracked");
        assertThat(counter.dtype()).isEqualTo(DType.INT64);
        assertThat(counter.shape()).isEmpty();
        assertThat(counter.longValue()).isEqualTo(7L);

        Map<String, TorchTensor> generator = TorchCheckpoint.readStateDict(file, "generator");
        assertThat(generator.get("final.weight").shape()).containsExactly(3, 2);
        assertThat(generator.get("final.weight").toFloatArray()).containsExactly(0, 3, 1, 4, 2, 5);
        assertThat(generator.get("empty").shape()).containsExactly(0, 3);
        assertThat(generator.get("empty").numel()).isZero();
        assertThat(generator.get("ids").toLongArray()).containsExactly(-(1L << 62), -1, 1L << 40);

        assertThat(TorchCheckpointTest.at(root, "optimizer/state/0/step")).isEqualTo(3L);
        TorchTensor expAvg = (TorchTensor) TorchCheckpointTest.at(root, "optimizer/state/0/exp_avg");
        assertThat(expAvg.toFloatArray()).containsExactly(0.125f, -0.125f);
        assertThat(TorchCheckpointTest.at(root, "optimizer/param_groups/0/lr")).isEqualTo(2e-4);
        assertThat((List<Object>) (List<?>) TorchCheckpointTest.at(root, "optimizer/param_groups/0/betas"))
                .containsExactly(0.5, 0.999);
        assertThat((List<Object>) (List<?>) TorchCheckpointTest.at(root, "optimizer/param_groups/0/params")).containsExactly(0L, 1L);
        TorchTensor matrix = (TorchTensor) root.get("matrix");
        assertThat(matrix.shape()).containsExactly(2, 2);
        assertThat(matrix.toFloatArray()).containsExactly(1, 2, 3, 4);
        assertThat(((TorchTensor) root.get("step")).longValue()).isEqualTo(42);
    }

    @Test
    void writesTheZipLayoutOfTorchSave() throws IOException {
        Path file = temp.resolve("layout.pth");
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            TorchCheckpointWriter.write(file, sample(manager));
        }
        byte[] bytes = Files.readAllBytes(file);
        // java.util.zip checks every stored entry's CRC and size while reading it
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
            for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
                assertThat(entry.getMethod()).as(entry.getName()).isEqualTo(ZipEntry.STORED);
                entries.put(entry.getName(), zip.readAllBytes());
            }
        }
        assertThat(entries.keySet()).startsWith("archive/data.pkl", "archive/byteorder", "archive/data/0")
                .endsWith("archive/version");
        assertThat(new String(entries.get("archive/byteorder"), StandardCharsets.US_ASCII)).isEqualTo("little");
        assertThat(new String(entries.get("archive/version"), StandardCharsets.US_ASCII)).isEqualTo("3\n");
        byte[] pickle = entries.get("archive/data.pkl");
        assertThat(pickle[0] & 0xff).isEqualTo(0x80);
        assertThat(pickle[1]).isEqualTo((byte) 2);
        String text = new String(pickle, StandardCharsets.ISO_8859_1);
        assertThat(text).contains("ctorch._utils\n_rebuild_tensor_v2\n", "ctorch\nFloatStorage\n",
                "ctorch\nLongStorage\n", "ccollections\nOrderedDict\n");
        // conv.weight is storage 0: 24 little-endian floats
        ByteBuffer weight = ByteBuffer.wrap(entries.get("archive/data/0")).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(weight.remaining()).isEqualTo(24 * 4);
        assertThat(weight.getFloat(4 * 5)).isEqualTo(5 * 0.25f - 1f);
        assertThat(dataOffsets(bytes)).allSatisfy(offset -> assertThat(offset % 64).isZero()).hasSize(entries.size());
    }

    /** The offsets of every entry's data, walking the local headers (sizes are in them: no data descriptors). */
    static List<Long> dataOffsets(byte[] bytes) {
        ByteBuffer zip = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        List<Long> offsets = new ArrayList<>();
        int at = 0;
        while (zip.getInt(at) == 0x04034b50) {
            long size = zip.getInt(at + 18) & 0xffffffffL;
            int nameLength = zip.getShort(at + 26) & 0xffff;
            int extraLength = zip.getShort(at + 28) & 0xffff;
            if (size == 0xffffffffL) { // zip64 extra first
                size = zip.getLong(at + 30 + nameLength + 4 + 8);
            }
            long data = at + 30L + nameLength + extraLength;
            offsets.add(data);
            at = (int) (data + size);
        }
        return offsets;
    }

    @Test
    void zip64RecordsAreReadable() throws IOException {
        Path file = temp.resolve("zip64.pth");
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            TorchCheckpointWriter.write(file, sample(manager), Long.MAX_VALUE, true);
        }
        assertThat(TorchCheckpoint.readStateDict(file, "kp_detector").get("conv.bias").toFloatArray())
                .containsExactly(0.5f, -1.5f);
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(file.toFile())) {
            assertThat(zip.getEntry("archive/version").getSize()).isEqualTo(2);
            assertThat(new String(zip.getInputStream(zip.getEntry("archive/byteorder")).readAllBytes(),
                    StandardCharsets.US_ASCII)).isEqualTo("little");
        }
        assertThat(dataOffsets(Files.readAllBytes(file))).allSatisfy(offset -> assertThat(offset % 64).isZero());
    }

    @Test
    void theSameTensorTwiceSharesOneStorage() {
        Path file = temp.resolve("shared.pth");
        FloatTensor shared = FloatTensor.of(1, 2, 3);
        TorchCheckpointWriter.write(file, Map.of("a", shared, "b", List.of(shared, FloatTensor.of(1, 2, 3))));
        Map<?, ?> root = (Map<?, ?>) TorchCheckpoint.read(file);
        TorchTensor a = (TorchTensor) root.get("a");
        List<?> b = (List<?>) root.get("b");
        assertThat(((TorchTensor) b.get(0)).storageKey()).isEqualTo(a.storageKey());
        assertThat(((TorchTensor) b.get(1)).storageKey()).isNotEqualTo(a.storageKey());
    }

    @Test
    void stateDictNamesBlocksAsPyTorchAndAddsBatchCounters() {
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            StateDictLoaderTest.TinyNet net = new StateDictLoaderTest.TinyNet();
            net.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 8, 8));
            Map<String, NDArray> stateDict = TorchCheckpointWriter.stateDict(net);
            assertThat(stateDict.keySet()).containsExactly("conv1.weight", "conv1.bias", "bn1.weight", "bn1.bias",
                    "bn1.running_mean", "bn1.running_var", "head.0.weight", "head.0.bias");
            assertThat(TorchCheckpointWriter.withBatchCounters(stateDict, 5).keySet()).containsExactly(
                    "conv1.weight", "conv1.bias", "bn1.weight", "bn1.bias", "bn1.running_mean", "bn1.running_var",
                    "bn1.num_batches_tracked", "head.0.weight", "head.0.bias");
            stateDict.get("bn1.running_var").set(new float[] {1, 2, 3, 4});
            Path file = temp.resolve("tiny.pt");
            TorchCheckpointWriter.write(file, Map.of("model", TorchCheckpointWriter.withBatchCounters(stateDict, 5)));

            // loads back into a fresh network: every name and shape matches, the counter is ignored as PyTorch's
            StateDictLoaderTest.TinyNet fresh = new StateDictLoaderTest.TinyNet();
            fresh.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 8, 8));
            Map<String, TorchTensor> read = TorchCheckpoint.readStateDict(file);
            LoadReport report = StateDictLoader.load(fresh, read, manager);
            assertThat(report.complete()).as(report.describe()).isTrue();
            assertThat(read.get("bn1.num_batches_tracked").longValue()).isEqualTo(5);
            Map<String, NDArray> loaded = TorchCheckpointWriter.stateDict(fresh);
            for (String name : stateDict.keySet()) {
                assertThat(loaded.get(name).toFloatArray()).as(name)
                        .containsExactly(stateDict.get(name).toFloatArray());
            }
            assertThat(loaded.get("bn1.running_var").toFloatArray()).containsExactly(1, 2, 3, 4);
        }
    }

    // --- failures never damage the previous checkpoint ------------------------------------------------------

    private Path previousCheckpoint() {
        Path file = temp.resolve("model.pth");
        TorchCheckpointWriter.write(file, Map.of("generator", Map.of("w", FloatTensor.of(1, 2)), "epoch", 1));
        return file;
    }

    private List<Path> folderContents() throws IOException {
        try (Stream<Path> files = Files.list(temp)) {
            return files.sorted().toList();
        }
    }

    @Test
    void aFullDiskLeavesThePreviousCheckpointIntact() throws IOException {
        Path file = previousCheckpoint();
        byte[] before = Files.readAllBytes(file);
        List<Path> contents = folderContents();
        Map<String, Object> bigger = Map.of("generator", Map.of("w", new FloatTensor(new long[] {1000},
                new float[1000])), "epoch", 2);
        for (long space : new long[] {0, 10, 100, 2000, 4100}) {
            assertThatThrownBy(() -> TorchCheckpointWriter.write(file, bigger, space, false))
                    .as("disk full after %d bytes", space)
                    .isInstanceOf(UncheckedIOException.class)
                    .hasMessageContaining(file.toString())
                    .hasMessageContaining("No space left on device");
            assertThat(Files.readAllBytes(file)).isEqualTo(before);
            assertThat(folderContents()).isEqualTo(contents);
        }
        assertThat(((Map<?, ?>) TorchCheckpoint.read(file)).get("epoch")).isEqualTo(1L);
        // with room enough the same save replaces it
        TorchCheckpointWriter.write(file, bigger, 1 << 20, false);
        assertThat(((Map<?, ?>) TorchCheckpoint.read(file)).get("epoch")).isEqualTo(2L);
        assertThat(folderContents()).isEqualTo(contents);
    }

    @Test
    void aValueThatCannotBeSavedFailsBeforeTouchingTheFile() throws IOException {
        Path file = previousCheckpoint();
        byte[] before = Files.readAllBytes(file);
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("generator", Map.of("w", FloatTensor.of(3, 4)));
        tree.put("optimizer", Map.of("state", List.of(1, new Object[] {2, new Thread()})));
        assertThatThrownBy(() -> TorchCheckpointWriter.write(file, tree))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'optimizer/state/1/1'")
                .hasMessageContaining("java.lang.Thread");
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
        assertThat(folderContents()).containsExactly(file);

        // bytes and sets would need globals that torch.load(weights_only=True) refuses
        assertThatThrownBy(() -> TorchCheckpointWriter.write(file, Map.of("blob", new byte[] {1})))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'blob'");
        assertThatThrownBy(() -> TorchCheckpointWriter.write(file, Map.of("tags", Set.of("a"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'tags'");
        List<Object> cycle = new ArrayList<>();
        cycle.add(cycle);
        assertThatThrownBy(() -> TorchCheckpointWriter.write(file, Map.of("loop", cycle)))
                .hasMessageContaining("'loop/0' contains itself");
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            NDArray closed = manager.ones(new Shape(2));
            closed.close();
            assertThatThrownBy(() -> TorchCheckpointWriter.write(file, Map.of("sd", Map.of("w", closed))))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'sd/w'");
        }
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
        assertThat(folderContents()).containsExactly(file);
    }

    @Test
    void anUnwritablePlaceIsAClearError() throws IOException {
        Path notAFolder = temp.resolve("plain-file");
        Files.writeString(notAFolder, "x");
        Map<String, Object> tree = Map.of("w", FloatTensor.of(1));
        Path inside = notAFolder.resolve("model.pth");
        assertThatThrownBy(() -> TorchCheckpointWriter.write(inside, tree))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("cannot save checkpoint " + inside)
                .hasMessageContaining("Not a directory");
        Path missing = temp.resolve("no/such/folder/model.pth");
        assertThatThrownBy(() -> TorchCheckpointWriter.write(missing, tree))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining(missing.toString())
                .hasMessageContaining("the folder does not exist");
        assertThatThrownBy(() -> TorchCheckpointWriter.write(temp, tree))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("is a directory");
        assertThat(Files.readString(notAFolder)).isEqualTo("x");
    }

    @Test
    void recordsCheckTheirShape() {
        assertThatThrownBy(() -> new FloatTensor(new long[] {2, 2}, new float[3]))
                .hasMessageContaining("holds 4 elements, not 3");
        assertThatThrownBy(() -> new LongTensor(new long[] {-1}, new long[0])).hasMessageContaining("negative");
    }
}
