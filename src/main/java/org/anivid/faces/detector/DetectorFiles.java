package org.anivid.faces.detector;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.anivid.core.InvalidInputException;
import org.anivid.torch.FixedShapeBlock;

/**
 * A trained {@link AnimeFaceNet} on disk: the weights in DJL's own parameter format ({@code Block#saveParameters},
 * batch-norm running statistics included) in {@code NAME.params}, and beside it {@code NAME.json}, which says how to
 * rebuild the network (input size, strides, anchors, widths) and what it was trained on:
 *
 * <pre>
 * {"format": "anivid-face-detector", "version": 1, "architecture": "AnimeFaceNet",
 *  "input_size": 416, "strides": [8, 16, 32], "anchors": [[w, h, w, h], …], "widths": […], "depths": […],
 *  "neck": 64, "classes": ["face"], "parameters": 301234, "params_file": "NAME.params",
 *  "params_sha256": "…", "training": {…}}
 * </pre>
 *
 * Both files are written atomically (weights first; the sidecar's checksum ties them together). Reading checks the
 * checksum, every parameter's name and shape, and that nothing is left over, and reports any problem as an
 * {@link InvalidInputException} naming the file.
 */
public final class DetectorFiles {
    public static final String FORMAT = "anivid-face-detector";
    public static final int VERSION = 1;
    public static final String EXTENSION = ".params";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private DetectorFiles() {
    }

    /** A network read from disk with what its sidecar says. */
    /**
     * @param detectSize the long side pictures are scaled to when detecting, from the sidecar's {@code detect_size}
     *                   (0 when it has none: the training size). A model trained on small canvases with scale
     *                   augmentation finds small faces better at a larger size, as YOLOv5 models do.
     */
    public record Loaded(AnimeFaceNet net, DetectorConfig config, Map<String, Object> training, Path paramsFile,
                         int detectSize) {
    }

    /** {@code NAME.json} beside {@code NAME.params}. */
    public static Path sidecar(Path paramsFile) {
        String name = paramsFile.getFileName().toString();
        String base = name.endsWith(EXTENSION) ? name.substring(0, name.length() - EXTENSION.length()) : name;
        return paramsFile.resolveSibling(base + ".json");
    }

    /** Whether {@code file} looks like one of these models (a {@code .params} file, or its {@code .json}). */
    public static boolean isModelFile(Path file) {
        String name = file.getFileName().toString();
        if (name.endsWith(EXTENSION)) {
            return true;
        }
        if (name.endsWith(".json") && Files.isRegularFile(file)) {
            try {
                JsonNode root = JSON.readTree(file.toFile());
                return root != null && FORMAT.equals(root.path("format").asText());
            } catch (IOException e) {
                return false;
            }
        }
        return false;
    }

    /**
     * Writes the weights and the sidecar, each atomically.
     *
     * @param training free-form summary of the training run (data, epochs, metrics), stored under {@code training}
     */
    public static void save(AnimeFaceNet net, Map<String, Object> training, Path paramsFile) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            net.saveParameters(out);
        }
        byte[] params = bytes.toByteArray();
        AtomicFiles.write(paramsFile, params);
        Map<String, Object> sidecar = describe(net.config());
        sidecar.put("parameters", FixedShapeBlock.trainableParameterCount(net));
        sidecar.put("params_file", paramsFile.getFileName().toString());
        sidecar.put("params_sha256", sha256(params));
        sidecar.put("training", training == null ? Map.of() : training);
        AtomicFiles.write(sidecar(paramsFile), JSON.writeValueAsBytes(sidecar));
    }

    /**
     * Copies a model to a new name (weights first, then a sidecar that names the new weights file), each atomically:
     * a sidecar names its weights, so copying the two files by hand would leave the copy pointing at the original.
     *
     * @return the copy's {@code .params} file
     * @throws InvalidInputException when the source is not a readable model
     */
    public static Path copy(Path modelFile, Path targetParams) throws IOException {
        return copy(modelFile, targetParams, 0);
    }

    /**
     * As {@link #copy(Path, Path)}, recording {@code detectSize} (when above 0) as the copy's default detection size.
     */
    public static Path copy(Path modelFile, Path targetParams, int detectSize) throws IOException {
        if (detectSize != 0 && (detectSize < 64 || detectSize % 32 != 0)) {
            throw new IllegalArgumentException("detection size must be a multiple of 32 from 64, got " + detectSize);
        }
        Path json = sidecarOf(modelFile);
        Sidecar sidecar = parseSidecar(json);
        Path params = json.resolveSibling(sidecar.paramsFile);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(params);
        } catch (IOException e) {
            throw new InvalidInputException(params, "cannot read model weights: " + e.getMessage());
        }
        if (sidecar.sha256 != null && !sidecar.sha256.equals(sha256(bytes))) {
            throw new InvalidInputException(params, "weights do not match their sidecar " + json.getFileName());
        }
        com.fasterxml.jackson.databind.node.ObjectNode root = (com.fasterxml.jackson.databind.node.ObjectNode)
                JSON.readTree(json.toFile());
        root.put("params_file", targetParams.getFileName().toString());
        if (detectSize > 0) {
            root.put("detect_size", detectSize);
        }
        AtomicFiles.write(targetParams, bytes);
        AtomicFiles.write(sidecar(targetParams), JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
        return targetParams;
    }

    /** The architecture part of a sidecar. */
    static Map<String, Object> describe(DetectorConfig config) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", FORMAT);
        m.put("version", VERSION);
        m.put("architecture", "AnimeFaceNet");
        m.put("input_size", config.inputSize());
        m.put("strides", DetectorConfig.STRIDES);
        m.put("anchors", config.anchors());
        m.put("widths", config.widths());
        m.put("depths", config.depths());
        m.put("neck", config.neck());
        List<String> classes = new ArrayList<>();
        classes.add("face");
        for (int c = 1; c < config.classes(); c++) {
            classes.add("class" + c);
        }
        m.put("classes", classes);
        return m;
    }

    /** The network's shape as recorded in the sidecar of {@code modelFile} ({@code .params} or {@code .json}). */
    public static DetectorConfig readConfig(Path modelFile) {
        return parseSidecar(sidecarOf(modelFile)).config;
    }

    /**
     * Reads a model. The network's arrays belong to {@code manager}.
     *
     * @param modelFile the {@code .params} file or its {@code .json} sidecar
     * @throws InvalidInputException when either file is missing, unreadable, corrupt, or they do not belong together
     */
    public static Loaded load(Path modelFile, NDManager manager) {
        return load(modelFile, manager, 0);
    }

    /**
     * Reads a model to run (or train) at another input size: the anchors are rescaled with
     * {@link DetectorConfig#rescaled}.
     *
     * @param inputSize the new size, or 0 for the model's own
     */
    public static Loaded load(Path modelFile, NDManager manager, int inputSize) {
        Path json = sidecarOf(modelFile);
        Sidecar sidecar = parseSidecar(json);
        DetectorConfig config = inputSize > 0 && inputSize != sidecar.config.inputSize()
                ? sidecar.config.rescaled(inputSize) : sidecar.config;
        Path params = json.resolveSibling(sidecar.paramsFile);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(params);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(params, "model weights missing (named by " + json.getFileName() + ")");
        } catch (IOException e) {
            throw new InvalidInputException(params, "cannot read model weights: " + e.getMessage());
        }
        if (sidecar.sha256 != null && !sidecar.sha256.equals(sha256(bytes))) {
            throw new InvalidInputException(params, "weights do not match their sidecar " + json.getFileName()
                    + " (checksum differs: a corrupt or replaced file)");
        }
        AnimeFaceNet net = new AnimeFaceNet(config);
        Map<String, Shape> expected = new LinkedHashMap<>();
        for (var pair : net.getParameters()) {
            expected.put(pair.getKey(), pair.getValue().getShape());
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            net.loadParameters(manager, in);
            if (in.read() != -1) {
                throw new InvalidInputException(params, "weights file has data left over after the "
                        + expected.size() + " parameters of " + sidecar.config);
            }
        } catch (IOException | MalformedModelException | RuntimeException e) {
            if (e instanceof InvalidInputException iie) {
                throw iie;
            }
            throw new InvalidInputException(params, "not weights of the network its sidecar describes ("
                    + e.getClass().getSimpleName() + ": " + e.getMessage() + ")", e);
        }
        for (var pair : net.getParameters()) {
            Parameter p = pair.getValue();
            Shape want = expected.get(pair.getKey());
            if (!p.isInitialized() || !p.getArray().getShape().equals(want)) {
                throw new InvalidInputException(params, "parameter " + pair.getKey() + " has shape "
                        + (p.isInitialized() ? p.getArray().getShape() : "(missing)") + ", the sidecar's network needs "
                        + want);
            }
        }
        return new Loaded(net, config, sidecar.training, params, sidecar.detectSize);
    }

    private static Path sidecarOf(Path modelFile) {
        String name = modelFile.getFileName().toString();
        return name.endsWith(".json") ? modelFile : sidecar(modelFile);
    }

    private record Sidecar(DetectorConfig config, String paramsFile, String sha256, Map<String, Object> training,
                           int detectSize) {
    }

    private static Sidecar parseSidecar(Path json) {
        JsonNode root;
        try {
            root = JSON.readTree(json.toFile());
        } catch (java.io.FileNotFoundException e) {
            throw new InvalidInputException(json, "model sidecar missing (every .params model needs its .json)");
        } catch (IOException e) {
            throw new InvalidInputException(json, "model sidecar is not readable JSON: " + e.getMessage());
        }
        if (root == null || !root.isObject() || !FORMAT.equals(root.path("format").asText())) {
            throw new InvalidInputException(json, "not an " + FORMAT + " sidecar (no \"format\": \"" + FORMAT + "\")");
        }
        if (root.path("version").asInt(-1) != VERSION) {
            throw new InvalidInputException(json, "unsupported " + FORMAT + " version " + root.path("version"));
        }
        try {
            int[] strides = JSON.treeToValue(root.get("strides"), int[].class);
            if (!java.util.Arrays.equals(strides, DetectorConfig.STRIDES)) {
                throw new IllegalArgumentException("strides " + java.util.Arrays.toString(strides)
                        + " (this version runs " + java.util.Arrays.toString(DetectorConfig.STRIDES) + ")");
            }
            DetectorConfig config = new DetectorConfig(required(root, "input_size").asInt(),
                    JSON.treeToValue(required(root, "widths"), int[].class),
                    JSON.treeToValue(required(root, "depths"), int[].class), required(root, "neck").asInt(),
                    JSON.treeToValue(required(root, "anchors"), float[][].class), required(root, "classes").size());
            String paramsFile = root.hasNonNull("params_file") ? root.get("params_file").asText()
                    : json.getFileName().toString().replaceFirst("\\.json$", EXTENSION);
            if (paramsFile.contains("/") || paramsFile.contains("\\")) {
                throw new IllegalArgumentException("params_file must name a file beside the sidecar: " + paramsFile);
            }
            String sha = root.hasNonNull("params_sha256") ? root.get("params_sha256").asText() : null;
            Map<String, Object> training = root.has("training")
                    ? JSON.convertValue(root.get("training"), new TypeReference<Map<String, Object>>() { })
                    : Map.of();
            int detectSize = root.path("detect_size").asInt(0);
            if (root.has("detect_size") && (detectSize < 64 || detectSize % 32 != 0)) {
                throw new IllegalArgumentException("detect_size must be a multiple of 32 from 64, got "
                        + root.get("detect_size"));
            }
            return new Sidecar(config, paramsFile, sha, training, detectSize);
        } catch (IOException | IllegalArgumentException | NullPointerException e) {
            throw new InvalidInputException(json, "model sidecar is malformed: " + e.getMessage());
        }
    }

    private static JsonNode required(JsonNode root, String key) {
        JsonNode v = root.get(key);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException("missing \"" + key + "\"");
        }
        return v;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
