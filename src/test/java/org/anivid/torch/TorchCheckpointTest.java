package org.anivid.torch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import net.razorvine.pickle.Unpickler;
import org.anivid.core.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Reads the fixtures that {@code src/test/resources/torch/make_fixtures.py} writes (torch.save's two formats,
 * emulated without PyTorch) and checks every tensor against the values the script recorded in expected.json.
 */
class TorchCheckpointTest {
    @TempDir
    Path temp;

    static Path fixture(String name) {
        try {
            return Path.of(TorchCheckpointTest.class.getResource("/torch/" + name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("fixture " + name + " missing: run make_fixtures.py", e);
        }
    }

    static JsonNode expected() throws IOException {
        return new ObjectMapper().readTree(fixture("expected.json").toFile());
    }

    /** Follows a path like "optimizer/state/0/exp_avg" through maps (String or Long keys) and lists. */
    static Object at(Object tree, String path) {
        Object node = tree;
        for (String part : path.split("/")) {
            if (node instanceof Map<?, ?> map) {
                node = map.containsKey(part) ? map.get(part) : map.get(Long.parseLong(part));
            } else if (node instanceof List<?> list) {
                node = list.get(Integer.parseInt(part));
            } else {
                throw new AssertionError("no " + part + " in " + path);
            }
        }
        return node;
    }

    static void assertTensorMatches(String name, TorchTensor tensor, JsonNode expected) {
        assertThat(tensor.dtype()).as(name).hasToString(expected.get("dtype").asText());
        assertThat(tensor.shape()).as(name + " shape").containsExactly(longs(expected.get("shape")));
        assertThat(tensor.stride()).as(name + " stride").containsExactly(longs(expected.get("stride")));
        assertThat(tensor.storageOffset()).as(name + " offset").isEqualTo(expected.get("offset").asLong());
        JsonNode values = expected.get("values");
        assertThat(tensor.numel()).as(name + " numel").isEqualTo(values.size());
        if (tensor.dtype().isFloatingPoint()) {
            double[] want = new double[values.size()];
            for (int i = 0; i < want.length; i++) {
                JsonNode v = values.get(i);
                want[i] = v.isTextual() ? Double.parseDouble(v.asText().replace("inf", "Infinity")) : v.asDouble();
            }
            assertThat(tensor.toDoubleArray()).as(name + " values").containsExactly(want);
            float[] wantFloats = new float[want.length];
            for (int i = 0; i < want.length; i++) {
                wantFloats[i] = (float) want[i];
            }
            assertThat(tensor.toFloatArray()).as(name + " floats").containsExactly(wantFloats);
        } else {
            assertThat(tensor.toLongArray()).as(name + " values").containsExactly(longs(values));
        }
        ByteBuffer bytes = tensor.contiguousBytes();
        assertThat(bytes.order()).isEqualTo(ByteOrder.LITTLE_ENDIAN);
        assertThat(bytes.remaining()).isEqualTo((int) tensor.numel() * tensor.dtype().elementSize());
    }

    @SuppressWarnings("unchecked")
    static Map<Object, Object> map(Object value) {
        return (Map<Object, Object>) value;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object value) {
        return (List<Object>) value;
    }

    @SuppressWarnings("unchecked")
    static Set<Object> set(Object value) {
        return (Set<Object>) value;
    }

    static long[] longs(JsonNode array) {
        long[] out = new long[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asLong();
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"zip", "legacy"})
    void readsEveryTensorOfBothFormats(String format) throws IOException {
        Object tree = TorchCheckpoint.read(fixture("mixed-" + format + ".pt"));
        JsonNode tensors = expected().get("mixed").get(format);
        for (Map.Entry<String, JsonNode> entry : tensors.properties()) {
            Object value = at(tree, entry.getKey());
            assertThat(value).as(entry.getKey()).isInstanceOf(TorchTensor.class);
            assertTensorMatches(format + " " + entry.getKey(), (TorchTensor) value, entry.getValue());
        }
        assertThat(tensors.size()).isGreaterThanOrEqualTo(21);
    }

    @ParameterizedTest
    @ValueSource(strings = {"zip", "legacy"})
    void keepsContainersAndPlainValues(String format) throws IOException {
        Object tree = TorchCheckpoint.read(fixture("mixed-" + format + ".pt"));
        assertThat(tree).isInstanceOf(Map.class);
        Map<Object, Object> top = map(tree);
        List<String> expectedKeys = new ArrayList<>();
        expected().get("mixed").get("top_level_keys").forEach(k -> expectedKeys.add(k.asText()));
        assertThat(new ArrayList<Object>(top.keySet())).containsExactlyElementsOf(expectedKeys);
        assertThat(top.get("epoch")).isEqualTo(99L);

        List<Object> list = list(top.get("list"));
        assertThat(list.subList(0, 5)).containsExactly(1L, 2.5, "three", null, true);
        assertThat(list.get(5)).isInstanceOf(TorchTensor.class);
        assertThat(list(top.get("tuple"))).containsExactly(1L, "x");
        assertThat(new ArrayList<Object>(set(top.get("tags")))).containsExactly("anime");
        assertThat((byte[]) top.get("blob")).containsExactly(0, 1, 'a', 'b', 'c');
        assertThat(new ArrayList<Object>(map(top.get("ordered")).keySet())).containsExactly("z", "a", "m");
        assertThat(new ArrayList<Object>(map(top.get("ordered")).values())).containsExactly(1L, 2L, 3L);

        Map<Object, Object> optimizer = map(top.get("optimizer"));
        Map<Object, Object> state = map(optimizer.get("state"));
        assertThat(new ArrayList<Object>(state.keySet())).containsExactly(0L);
        assertThat(at(tree, "optimizer/state/0/step")).isEqualTo(3L);
        Map<Object, Object> group = map(list(optimizer.get("param_groups")).get(0));
        assertThat(group.get("lr")).isEqualTo(0.0002);
        assertThat(list(group.get("betas"))).containsExactly(0.5, 0.999);
        assertThat(list(group.get("params"))).containsExactly(0L, 1L);

        TorchTensor parameter = (TorchTensor) at(tree, "generator/final.weight");
        assertThat(parameter.requiresGrad()).isTrue();
        assertThat(((TorchTensor) at(tree, "kp_detector/conv.weight")).requiresGrad()).isFalse();
        assertThatThrownBy(() -> top.put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"zip", "legacy"})
    void viewsShareOneStorage(String format) throws IOException {
        Object tree = TorchCheckpoint.read(fixture("mixed-" + format + ".pt"));
        for (JsonNode group : expected().get("mixed").get("shared_storage")) {
            TorchTensor first = (TorchTensor) at(tree, group.get(0).asText());
            for (JsonNode other : group) {
                TorchTensor tensor = (TorchTensor) at(tree, other.asText());
                assertThat(tensor.storageKey()).isEqualTo(first.storageKey());
                assertThat(tensor.storage()).isSameAs(first.storage()); // mapped once, not once per tensor
            }
        }
        TorchTensor transposed = (TorchTensor) at(tree, "tensors/f32_transposed");
        assertThat(transposed.isContiguous()).isFalse();
        assertThat(((TorchTensor) at(tree, "tensors/f32_row")).isContiguous()).isTrue();
        assertThat(((TorchTensor) at(tree, "tensors/f32")).storage())
                .isNotSameAs(((TorchTensor) at(tree, "kp_detector/conv.weight")).storage());
    }

    @Test
    void convertsBetweenDtypesAndScalars() {
        Object tree = TorchCheckpoint.read(fixture("mixed-zip.pt"));
        TorchTensor scalar = (TorchTensor) at(tree, "tensors/scalar");
        assertThat(scalar.rank()).isZero();
        assertThat(scalar.numel()).isOne();
        assertThat(scalar.doubleValue()).isEqualTo(3.25);
        assertThat(scalar.longValue()).isEqualTo(3L);
        assertThat(((TorchTensor) at(tree, "kp_detector/norm.num_batches_tracked")).longValue()).isEqualTo(7L);
        assertThat(((TorchTensor) at(tree, "tensors/i32")).toIntArray()).containsExactly(Integer.MIN_VALUE,
                Integer.MAX_VALUE, 0, 5);
        assertThat(((TorchTensor) at(tree, "tensors/u8")).toIntArray()).containsExactly(0, 128, 255);
        assertThat(((TorchTensor) at(tree, "tensors/bool")).toFloatArray()).containsExactly(1, 0, 1, 1);
        assertThatThrownBy(() -> ((TorchTensor) at(tree, "tensors/i64")).toIntArray())
                .isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> ((TorchTensor) at(tree, "tensors/f32")).doubleValue())
                .isInstanceOf(IllegalStateException.class);
        TorchTensor empty = (TorchTensor) at(tree, "tensors/empty");
        assertThat(empty.numel()).isZero();
        assertThat(empty.toFloatArray()).isEmpty();
    }

    @Test
    void halfPrecisionConversionIsExact() {
        assertThat(TorchTensor.halfToFloat((short) 0x3c00)).isEqualTo(1.0f);
        assertThat(TorchTensor.halfToFloat((short) 0xc000)).isEqualTo(-2.0f);
        assertThat(TorchTensor.halfToFloat((short) 0x7bff)).isEqualTo(65504f);
        assertThat(TorchTensor.halfToFloat((short) 0x0001)).isEqualTo(0x1p-24f);
        assertThat(TorchTensor.halfToFloat((short) 0x03ff)).isEqualTo(1023 * 0x1p-24f);
        assertThat(TorchTensor.halfToFloat((short) 0x0400)).isEqualTo(0x1p-14f);
        assertThat(TorchTensor.halfToFloat((short) 0xfc00)).isEqualTo(Float.NEGATIVE_INFINITY);
        assertThat(TorchTensor.halfToFloat((short) 0x7e00)).isNaN();
        assertThat(Float.floatToIntBits(TorchTensor.halfToFloat((short) 0x8000))).isEqualTo(0x80000000);
        assertThat(TorchTensor.bfloat16ToFloat((short) 0x3f80)).isEqualTo(1.0f);
    }

    @Test
    void readsStateDictsByPath() {
        Map<String, TorchTensor> kp = TorchCheckpoint.readStateDict(fixture("mixed-legacy.pt"), "kp_detector");
        assertThat(kp.keySet()).containsExactly("conv.weight", "conv.bias", "norm.weight", "norm.num_batches_tracked");
        assertThat(TorchCheckpoint.readStateDict(fixture("mixed-zip.pt"), "kp_detector").keySet())
                .containsExactlyElementsOf(kp.keySet());
        // "0" finds the int key 0; the dict there holds a number beside its tensor, so it is no state dict
        assertThatThrownBy(() -> TorchCheckpoint.readStateDict(fixture("mixed-zip.pt"), "optimizer", "state", "0"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageEndingWith("'optimizer/state/0' is not a state dict: its entry 'step' holds a Long, "
                        + "not a tensor");
        assertThat(TorchCheckpoint.isStateDict(TorchCheckpoint.read(fixture("djl-tiny.pt")))).isTrue();
    }

    @Test
    void unwrapsStateDictKeyAndStripsDataParallelPrefix() {
        Map<String, TorchTensor> plain = TorchCheckpoint.readStateDict(fixture("djl-tiny.pt"));
        Map<String, TorchTensor> parallel = TorchCheckpoint.readStateDict(fixture("dataparallel.pt"));
        assertThat(parallel.keySet()).containsExactlyElementsOf(plain.keySet()).contains("bn1.running_var");
        assertThat(parallel.get("conv1.weight").toFloatArray())
                .containsExactly(plain.get("conv1.weight").toFloatArray());
    }

    @Test
    void missingKeysAreNamedWithTheKeysThatExist() {
        Path file = fixture("mixed-zip.pt");
        assertThatThrownBy(() -> TorchCheckpoint.readStateDict(file, "discriminator"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(file + ": has no key 'discriminator' at the top level; keys: kp_detector, "
                        + "generator, tensors, optimizer, list, tuple, tags, blob, ordered, epoch");
        assertThatThrownBy(() -> TorchCheckpoint.readStateDict(file, "generator", "first"))
                .hasMessageContaining("has no key 'first' at 'generator'; keys: first.weight, first.bias, "
                        + "final.weight");
        assertThatThrownBy(() -> TorchCheckpoint.readStateDict(file, "epoch", "x"))
                .hasMessageContaining("'epoch' is a Long, not a dict");
        assertThatThrownBy(() -> TorchCheckpoint.readStateDict(file))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("holds no state dict at the top level; name one of its keys: kp_detector");
        assertThatThrownBy(() -> TorchCheckpoint.readStateDict(file, "optimizer"))
                .hasMessageContaining("'optimizer' is not a state dict: its entry 'state' holds a dict, not a tensor");
    }

    @ParameterizedTest
    @ValueSource(strings = {"evil-zip.pt", "evil-legacy.pt"})
    void refusesGlobalsThatRunCode(String name) {
        // Razorvine's static registry is global: a constructor registered there must not open the door.
        AtomicBoolean called = new AtomicBoolean();
        Unpickler.registerConstructor("os", "system", args -> {
            called.set(true);
            return 0;
        });
        Path file = fixture(name);
        assertThatThrownBy(() -> TorchCheckpoint.read(file))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(file + ": refuses to load global os.system (not a tensor or container)");
        assertThatThrownBy(() -> TorchCheckpoint.readStateDict(file)).isInstanceOf(InvalidInputException.class);
        assertThat(called).isFalse();
    }

    /** A zip-format checkpoint whose data.pkl is {@code pickle}, written by java.util.zip (deflated). */
    private Path zipCheckpoint(String name, byte[] pickle, String... otherEntries) throws IOException {
        Path file = temp.resolve(name);
        try (var out = new ZipOutputStream(Files.newOutputStream(file))) {
            out.putNextEntry(new ZipEntry("archive/data.pkl"));
            out.write(pickle);
            for (String entry : otherEntries) {
                out.putNextEntry(new ZipEntry(entry));
            }
        }
        return file;
    }

    private static byte[] bytes(String latin1) {
        return latin1.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void refusesEveryWayOfReachingCode() throws IOException {
        // protocol 4: STACK_GLOBAL builtins.eval, called with one string
        Path eval = zipCheckpoint("eval.pt", bytes("\u0080\u0004\u008c\u0008builtins\u008c\u0004eval\u0093"
                + "\u008c\u000bprint('hi')\u0085R."));
        assertThatThrownBy(() -> TorchCheckpoint.read(eval))
                .hasMessage(eval + ": refuses to load global builtins.eval (not a tensor or container)");
        // protocol 0: INST names a class and instantiates it in one opcode
        Path inst = zipCheckpoint("inst.pt", bytes("(S'echo hi'\nios\nsystem\n."));
        assertThatThrownBy(() -> TorchCheckpoint.read(inst))
                .hasMessage(inst + ": refuses to load global os.system (not a tensor or container)");
        // an allowed global that is not callable: a storage class
        Path storageCall = zipCheckpoint("storage.pt", bytes("\u0080\u0002ctorch\nFloatStorage\n)R."));
        assertThatThrownBy(() -> TorchCheckpoint.read(storageCall))
                .hasMessage(storageCall + ": refuses to call torch.FloatStorage (not a tensor or container)");
        // BUILD on something that is no dict or tensor (here: a list)
        Path build = zipCheckpoint("build.pt", bytes("\u0080\u0002]}b."));
        assertThatThrownBy(() -> TorchCheckpoint.read(build)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("refuses to set the state of ArrayList");
        // a TorchScript archive: its code/ folder is Python source that only torch.jit can run
        Path script = zipCheckpoint("script.pt", bytes("\u0080\u0002}."), "archive/code/__torch__/model.py");
        assertThatThrownBy(() -> TorchCheckpoint.read(script))
                .hasMessageContaining("is a TorchScript archive (torch.jit.save)");
        // and a well-formed protocol 4 pickle of plain values reads
        Path plain = zipCheckpoint("plain.pt", bytes("\u0080\u0004\u0095\n\u0000\u0000\u0000\u0000\u0000\u0000"
                + "\u0000}\u0094\u008c\u0001a\u0094K\u0001s."));
        assertThat(map(TorchCheckpoint.read(plain))).containsEntry("a", 1L);
    }

    @ParameterizedTest
    @ValueSource(strings = {"truncated-zip.pt", "truncated-legacy.pt"})
    void truncatedFilesAreReported(String name) {
        Path file = fixture(name);
        assertThatThrownBy(() -> TorchCheckpoint.read(file))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(file + ": truncated");
    }

    @Test
    void truncatedStorageDataIsReported() throws IOException {
        byte[] whole = Files.readAllBytes(fixture("mixed-legacy.pt"));
        Path cut = temp.resolve("cut.pt");
        Files.write(cut, Arrays.copyOf(whole, whole.length - 3));
        assertThatThrownBy(() -> TorchCheckpoint.read(cut))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(cut + ": truncated or damaged checkpoint: needs bytes up to");
    }

    @Test
    void filesThatAreNoCheckpointsAreNamed() throws IOException {
        Path text = fixture("not-a-checkpoint.pth");
        assertThatThrownBy(() -> TorchCheckpoint.read(text))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(text + ": is not a PyTorch checkpoint (a text file)");

        Path empty = Files.createFile(temp.resolve("empty.pth"));
        assertThatThrownBy(() -> TorchCheckpoint.read(empty))
                .hasMessage(empty + ": is empty, not a PyTorch checkpoint");

        Path jpeg = Files.write(temp.resolve("face.pth"),
                new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xe0, 0, 16});
        assertThatThrownBy(() -> TorchCheckpoint.read(jpeg))
                .hasMessage(jpeg + ": is not a PyTorch checkpoint (a JPEG image)");

        Path missing = temp.resolve("missing.pth");
        assertThatThrownBy(() -> TorchCheckpoint.read(missing)).hasMessage(missing + ": no such file");
        assertThatThrownBy(() -> TorchCheckpoint.read(temp)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("is a directory");

        // a plain pickle (protocol 2 of the int 1) is not a torch.save file
        Path pickle = Files.write(temp.resolve("plain.pkl"), new byte[] {(byte) 0x80, 2, 'K', 1, '.'});
        assertThatThrownBy(() -> TorchCheckpoint.read(pickle))
                .hasMessage(pickle + ": is a pickle but not a torch.save checkpoint (no magic number)");

        // a zip archive that is not a checkpoint
        Path zip = temp.resolve("other.zip");
        try (var out = new ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new ZipEntry("readme.txt"));
            out.write("hello".getBytes(StandardCharsets.UTF_8));
        }
        assertThatThrownBy(() -> TorchCheckpoint.read(zip))
                .hasMessage(zip + ": is a zip archive without data.pkl, not a PyTorch checkpoint");
    }

    @Test
    void readsDeflatedZipArchives() throws IOException {
        // an archive re-zipped with compression (not what torch writes) still reads
        Path source = fixture("mixed-zip.pt");
        Path deflated = temp.resolve("deflated.pt");
        try (var in = new ZipFile(source.toFile());
                var out = new ZipOutputStream(Files.newOutputStream(deflated))) {
            for (var entries = in.entries(); entries.hasMoreElements(); ) {
                var entry = entries.nextElement();
                out.putNextEntry(new ZipEntry(entry.getName()));
                in.getInputStream(entry).transferTo(out);
            }
        }
        Object tree = TorchCheckpoint.read(deflated);
        JsonNode tensors = expected().get("mixed").get("zip");
        for (Map.Entry<String, JsonNode> entry : tensors.properties()) {
            assertTensorMatches(entry.getKey(), (TorchTensor) at(tree, entry.getKey()), entry.getValue());
        }
    }
}
