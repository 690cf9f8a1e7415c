package org.anivid.torch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reads a checkpoint written by {@link TorchCheckpointWriter} with the machine's Python (numpy, no PyTorch) the way
 * {@code torch.load(weights_only=True)} reads it: {@code zipfile} (which checks every CRC), an unpickler that allows
 * only the globals PyTorch's weights-only unpickler allows, persistent ids resolved to the {@code data/<key>} records
 * and tensors rebuilt from storage, offset, shape and stride. Skipped where there is no python3 with numpy.
 */
class TorchCheckpointWriterPythonTest {
    @TempDir
    Path temp;

    private static final String SCRIPT = """
            import collections, json, struct, sys, zipfile, pickle
            import numpy as np

            DTYPES = {"FloatStorage": np.float32, "DoubleStorage": np.float64, "HalfStorage": np.float16,
                      "LongStorage": np.int64, "IntStorage": np.int32, "CharStorage": np.int8,
                      "ByteStorage": np.uint8, "BoolStorage": np.bool_}

            class StorageType:
                def __init__(self, name): self.name = name

            class Tensor:
                def __init__(self, array): self.array = array

            def rebuild_tensor_v2(storage, offset, size, stride, requires_grad, hooks, metadata=None):
                assert isinstance(hooks, collections.OrderedDict) and not hooks and requires_grad is False
                itemsize = storage.itemsize
                return Tensor(np.lib.stride_tricks.as_strided(storage[offset:], shape=size,
                                                              strides=[s * itemsize for s in stride]).copy())

            # what every torch.load(weights_only=True) lets through (storage classes below), and nothing else
            ALLOWED = {("torch._utils", "_rebuild_tensor_v2"): rebuild_tensor_v2,
                       ("collections", "OrderedDict"): collections.OrderedDict}

            path = sys.argv[1]
            archive = zipfile.ZipFile(path)
            assert archive.testzip() is None, "bad CRC"
            names = archive.namelist()
            prefix = names[0].split("/")[0] + "/"
            assert names[0] == prefix + "data.pkl", names
            assert archive.read(prefix + "version") == b"3\\n"
            assert archive.read(prefix + "byteorder") == b"little"
            raw = open(path, "rb").read()
            for info in archive.infolist():
                assert info.compress_type == zipfile.ZIP_STORED, info.filename
                name_length, extra_length = struct.unpack("<HH", raw[info.header_offset + 26:info.header_offset + 30])
                data = info.header_offset + 30 + name_length + extra_length
                assert data % 64 == 0, (info.filename, data)

            class Unpickler(pickle.Unpickler):
                def find_class(self, module, name):
                    if module == "torch" and name in DTYPES:
                        return StorageType(name)
                    if (module, name) not in ALLOWED:
                        raise pickle.UnpicklingError("global not allowed: %s.%s" % (module, name))
                    return ALLOWED[(module, name)]

                def persistent_load(self, pid):
                    typename, storage_type, key, location, numel = pid
                    assert typename == "storage" and location == "cpu", pid
                    array = np.frombuffer(archive.read(prefix + "data/" + key), dtype=DTYPES[storage_type.name])
                    assert array.size == numel, (key, array.size, numel)
                    return array

            with archive.open(prefix + "data.pkl") as f:
                tree = Unpickler(f).load()

            def describe(value):
                if isinstance(value, Tensor):
                    return {"tensor": str(value.array.dtype), "shape": list(value.array.shape),
                            "values": [describe(v) for v in value.array.reshape(-1).tolist()]}
                if isinstance(value, collections.OrderedDict):
                    return {"ordered_dict": [[describe(k), describe(v)] for k, v in value.items()]}
                if isinstance(value, dict):
                    return {"dict": [[describe(k), describe(v)] for k, v in value.items()]}
                if isinstance(value, tuple):
                    return {"tuple": [describe(v) for v in value]}
                if isinstance(value, list):
                    return [describe(v) for v in value]
                if isinstance(value, bool) or value is None:
                    return value
                if isinstance(value, int):
                    return {"int": str(value)}
                if isinstance(value, float):
                    return {"float": repr(value)}
                return value

            print(json.dumps(describe(tree)))
            """;

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void pythonReadsWhatJavaWrote() throws IOException, InterruptedException {
        Path script = temp.resolve("read_checkpoint.py");
        Files.writeString(script, SCRIPT);
        Path file = temp.resolve("sample.pth");
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            TorchCheckpointWriter.write(file, TorchCheckpointWriterTest.sample(manager));
        }
        JsonNode tree = runPython(script, file);
        JsonNode root = tree.get("dict");
        assertThat(root).as("top level is a plain dict").isNotNull();
        assertThat(key(root, 0)).isEqualTo("kp_detector");

        JsonNode kp = value(root, "kp_detector").get("ordered_dict");
        assertThat(kp).as("a state dict is an OrderedDict").isNotNull();
        JsonNode weight = value(kp, "conv.weight");
        assertThat(weight.get("tensor").asText()).isEqualTo("float32");
        assertThat(weight.get("shape").toString()).isEqualTo("[2,3,2,2]");
        for (int i = 0; i < 24; i++) {
            assertThat(number(weight.get("values").get(i))).isEqualTo(i * 0.25 - 1);
        }
        assertThat(number(value(kp, "norm.running_mean").get("values").get(1))).isEqualTo((double) Float.MAX_VALUE);
        JsonNode counter = value(kp, "norm.num_batches_tracked");
        assertThat(counter.get("tensor").asText()).isEqualTo("int64");
        assertThat(counter.get("shape")).isEmpty();
        assertThat(counter.get("values").get(0).get("int").asText()).isEqualTo("7");

        JsonNode generator = value(root, "generator").get("ordered_dict");
        JsonNode transposed = value(generator, "final.weight");
        assertThat(transposed.get("shape").toString()).isEqualTo("[3,2]");
        List<Double> values = new ArrayList<>();
        transposed.get("values").forEach(v -> values.add(number(v)));
        assertThat(values).containsExactly(0.0, 3.0, 1.0, 4.0, 2.0, 5.0);
        assertThat(value(generator, "empty").get("shape").toString()).isEqualTo("[0,3]");
        assertThat(value(generator, "ids").get("values").get(0).get("int").asText())
                .isEqualTo(Long.toString(-(1L << 62)));

        JsonNode optimizer = value(root, "optimizer").get("dict");
        JsonNode state = value(optimizer, "state").get("dict");
        assertThat(state.get(0).get(0).get("int").asText()).as("int key").isEqualTo("0");
        JsonNode group = value(optimizer, "param_groups").get(0).get("dict");
        assertThat(value(group, "lr").get("float").asText()).isEqualTo("0.0002");
        assertThat(value(group, "betas").get("tuple").toString())
                .isEqualTo("[{\"float\":\"0.5\"},{\"float\":\"0.999\"}]");

        assertThat(value(root, "epoch").get("int").asText()).isEqualTo("7");
        List<String> ints = new ArrayList<>();
        value(root, "ints").forEach(v -> ints.add(v.get("int").asText()));
        assertThat(ints).containsExactly("0", "255", "256", "65535", "65536", "-1", "-2147483648",
                "9223372036854775807", "-9223372036854775808", "-123456789012345678901234567890");
        assertThat(value(root, "floats").toString())
                .isEqualTo("[{\"float\":\"0.1\"},{\"float\":\"-2.5\"},{\"float\":\"inf\"},{\"float\":\"1e-300\"}]");
        assertThat(value(root, "text").asText()).isEqualTo("Ünïcode ✓ and a \"quote\"\nline");
        assertThat(value(root, "flags").toString()).isEqualTo("[true,false,null]");
        assertThat(value(root, "matrix").get("values").toString()).contains("4.0");
        assertThat(value(root, "empty_dict").toString()).isEqualTo("{\"dict\":[]}");
    }

    @Test
    void pythonReadsZip64Records() throws IOException, InterruptedException {
        Path script = temp.resolve("read_checkpoint.py");
        Files.writeString(script, SCRIPT);
        Path file = temp.resolve("zip64.pth");
        TorchCheckpointWriter.write(file, java.util.Map.of("w", TorchCheckpointWriter.FloatTensor.of(1.5f, -2f)),
                Long.MAX_VALUE, true);
        JsonNode w = value(runPython(script, file).get("ordered_dict"), "w");
        assertThat(w.get("values").toString()).isEqualTo("[{\"float\":\"1.5\"},{\"float\":\"-2.0\"}]");
    }

    private static JsonNode runPython(Path script, Path checkpoint) throws IOException, InterruptedException {
        assumeTrue(pythonWithNumpy(), "python3 with numpy not available");
        Process process = new ProcessBuilder("python3", script.toString(), checkpoint.toString())
                .redirectErrorStream(false).start();
        byte[] stdout = process.getInputStream().readAllBytes();
        byte[] stderr = process.getErrorStream().readAllBytes();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(new String(stderr, StandardCharsets.UTF_8)).isZero();
        return JSON.readTree(stdout);
    }

    private static boolean pythonWithNumpy() {
        try {
            Process check = new ProcessBuilder("python3", "-c", "import numpy").redirectErrorStream(true).start();
            check.getInputStream().readAllBytes();
            return check.waitFor(30, TimeUnit.SECONDS) && check.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String key(JsonNode pairs, int index) {
        return pairs.get(index).get(0).asText();
    }

    /** The value of a String key in a [[key, value], ...] list. */
    private static JsonNode value(JsonNode pairs, String key) {
        for (JsonNode pair : pairs) {
            if (pair.get(0).isTextual() && pair.get(0).asText().equals(key)) {
                return pair.get(1);
            }
        }
        throw new AssertionError("no key " + key + " in " + pairs);
    }

    private static double number(JsonNode described) {
        return Double.parseDouble(described.get("float").asText());
    }
}
