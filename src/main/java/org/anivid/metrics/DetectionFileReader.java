package org.anivid.metrics;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.anivid.core.InvalidInputException;
import org.anivid.metrics.DetectionGroundTruth.Category;
import org.anivid.metrics.DetectionGroundTruth.GroundTruthBox;
import org.anivid.metrics.DetectionGroundTruth.Image;

/**
 * Reads ground truth and predictions for {@link CocoEvaluator}; the format is told by the content.
 *
 * <p><b>Ground truth</b>, either
 * <ul>
 *   <li>a COCO annotation file {@code {"images":[{"id","file_name",…}], "annotations":[{"image_id","category_id",
 *       "bbox":[x,y,w,h],"area","iscrowd"}], "categories":[{"id","name"}]}} (format {@code coco}). Images are
 *       evaluated in id order as pycocotools does; a missing {@code area} is w·h, a missing {@code iscrowd} 0. With
 *       no {@code categories} list the category ids of the annotations are evaluated (pycocotools would evaluate
 *       nothing); annotations of ids not in a given list are left out, as pycocotools does; or</li>
 *   <li>the output of {@code ./anivid faces --json}, {@code {"results":[{"file","frame","boxes":[[x1,y1,x2,y2(,score)],
 *       …]}]}} (format {@code anivid-faces}): corners in source pixels (DESIGN.md §3), any score ignored, one
 *       category "face", images in file order.</li>
 * </ul>
 *
 * <p><b>Predictions</b>, either
 * <ul>
 *   <li>COCO results, a top-level array {@code [{"image_id","category_id","bbox":[x,y,w,h],"score"}]} (format
 *       {@code coco-results}); every image id must be an image of a COCO ground truth (as pycocotools'
 *       {@code loadRes} demands). An empty array is no detections; or</li>
 *   <li>{@code ./anivid faces --json} output (format {@code anivid-faces}), boxes {@code [x1,y1,x2,y2,score]}. Each
 *       result is put on the ground-truth image whose path shares the most trailing path segments with its
 *       {@code file} — at least the file name — so {@code /data/set/imgs/1.jpg} finds {@code imgs/1.jpg} and
 *       {@code 1.jpg} finds {@code imgs/1.jpg} (when no other {@code 1.jpg} exists). A video frame {@code i > 0} is
 *       the image named {@code <file>#<i>}; frame 0 is the file itself. With a COCO ground truth of several
 *       categories the boxes go to the category named "face".</li>
 * </ul>
 *
 * <p>Anything else, or a malformed value (a bbox without 4 numbers, a negative width, an unknown image), is an
 * {@link InvalidInputException} naming the file and the entry.
 */
public final class DetectionFileReader {
    /** Format name of COCO annotation files. */
    public static final String COCO = "coco";
    /** Format name of COCO results files. */
    public static final String COCO_RESULTS = "coco-results";
    /** Format name of {@code ./anivid faces --json} output. */
    public static final String ANIVID_FACES = "anivid-faces";

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final long FACE_CATEGORY = 1;

    private DetectionFileReader() {
    }

    /**
     * A ground truth as read, with the format it was read as and notes about parts that do not count.
     *
     * @param imageIds COCO image id (Long or String) → image index; empty for the faces format
     */
    public record GroundTruthFile(Path file, String format, DetectionGroundTruth groundTruth,
            Map<Object, Integer> imageIds, List<String> warnings) {
        public GroundTruthFile {
            imageIds = Map.copyOf(imageIds);
            warnings = List.copyOf(warnings);
        }
    }

    /** Predictions as read, with the format they were read as. */
    public record PredictionsFile(Path file, String format, List<PredictedBox> predictions) {
        public PredictionsFile {
            predictions = List.copyOf(predictions);
        }
    }

    /** Reads a ground-truth file (COCO annotations or {@code anivid faces} output). */
    public static GroundTruthFile readGroundTruth(Path file) {
        JsonNode root = readJson(file);
        if (root.isObject() && root.get("images") != null && root.get("images").isArray()) {
            return readCocoGroundTruth(file, root);
        }
        if (root.isObject() && root.get("results") != null && root.get("results").isArray()) {
            return readFacesGroundTruth(file, root);
        }
        if (root.isArray()) {
            throw new InvalidInputException(file, "this is a list (COCO results?), not ground truth: expected a COCO "
                    + "annotation file {images, annotations, categories} or './anivid faces --json' output {results}");
        }
        throw new InvalidInputException(file, "not detection ground truth: expected a COCO annotation file "
                + "{images, annotations, categories} or './anivid faces --json' output {results}"
                + (root.isObject() ? ", found keys {" + keys(root) + "}" : ""));
    }

    /** Reads predictions (COCO results or {@code anivid faces} output) on the images of a ground truth. */
    public static PredictionsFile readPredictions(Path file, GroundTruthFile groundTruth) {
        JsonNode root = readJson(file);
        if (root.isArray()) {
            if (!groundTruth.format().equals(COCO)) {
                throw new InvalidInputException(file, "COCO results name images by id; the ground truth "
                        + groundTruth.file() + " has no image ids (use a COCO annotation file)");
            }
            return new PredictionsFile(file, COCO_RESULTS, readCocoResults(file, root, groundTruth));
        }
        if (root.isObject() && root.get("results") != null && root.get("results").isArray()) {
            return new PredictionsFile(file, ANIVID_FACES, readFacesPredictions(file, root, groundTruth));
        }
        throw new InvalidInputException(file, "not detections: expected a COCO results list "
                + "[{image_id, category_id, bbox, score}] or './anivid faces --json' output {results}"
                + (root.isObject() ? ", found keys {" + keys(root) + "}" : ""));
    }

    private static GroundTruthFile readCocoGroundTruth(Path file, JsonNode root) {
        List<String> warnings = new ArrayList<>();
        // Images in id order: pycocotools evaluates sorted(imgIds), which breaks ties between equal scores.
        Map<Object, JsonNode> imagesById = new TreeMap<>(ID_ORDER);
        JsonNode images = root.get("images");
        for (int i = 0; i < images.size(); i++) {
            JsonNode image = images.get(i);
            String where = "images[" + i + "]";
            if (!image.isObject()) {
                throw new InvalidInputException(file, where + " is not an object");
            }
            Object id = id(file, where, image.get("id"));
            if (imagesById.put(id, image) != null) {
                throw new InvalidInputException(file, where + ": image id " + id + " appears twice");
            }
        }
        List<Image> imageList = new ArrayList<>();
        Map<Object, Integer> imageIndex = new HashMap<>();
        for (Map.Entry<Object, JsonNode> e : imagesById.entrySet()) {
            JsonNode name = e.getValue().get("file_name");
            imageIndex.put(e.getKey(), imageList.size());
            imageList.add(new Image(String.valueOf(e.getKey()), name != null && name.isTextual() ? name.asText() : null));
        }

        JsonNode annotations = root.get("annotations");
        if (annotations != null && !annotations.isArray()) {
            throw new InvalidInputException(file, "'annotations' must be a list");
        }
        List<GroundTruthBox> boxes = new ArrayList<>();
        java.util.TreeSet<Long> annotationCategories = new java.util.TreeSet<>();
        int ignoreFlags = 0;
        int count = annotations == null ? 0 : annotations.size();
        for (int i = 0; i < count; i++) {
            JsonNode a = annotations.get(i);
            String where = "annotations[" + i + "]";
            if (!a.isObject()) {
                throw new InvalidInputException(file, where + " is not an object");
            }
            Object imageId = id(file, where + ".image_id", a.get("image_id"));
            Integer index = imageIndex.get(imageId);
            if (index == null) {
                throw new InvalidInputException(file, where + ": image_id " + imageId + " is not in 'images'");
            }
            long category = integer(file, where + ".category_id", a.get("category_id"));
            CocoBox box = xywh(file, where, a.get("bbox"));
            double area = a.has("area") ? number(file, where + ".area", a.get("area")) : box.area();
            boolean crowd = flag(file, where + ".iscrowd", a.get("iscrowd"));
            if (!crowd && flag(file, where + ".ignore", a.get("ignore"))) {
                ignoreFlags++;
            }
            annotationCategories.add(category);
            boxes.add(new GroundTruthBox(index, category, box, area, crowd));
        }
        if (ignoreFlags > 0) {
            warnings.add(ignoreFlags + " ground-truth boxes have 'ignore' set without 'iscrowd': pycocotools (bbox) "
                    + "overwrites 'ignore' with 'iscrowd', so they count as boxes to find");
        }

        List<Category> categories = new ArrayList<>();
        JsonNode cats = root.get("categories");
        if (cats != null && !cats.isArray()) {
            throw new InvalidInputException(file, "'categories' must be a list");
        }
        if (cats == null || cats.isEmpty()) {
            if (!annotationCategories.isEmpty()) {
                warnings.add("no 'categories' list: evaluating the category ids of the annotations "
                        + annotationCategories);
            }
            annotationCategories.forEach(id -> categories.add(new Category(id, "")));
        } else {
            TreeMap<Long, String> byId = new TreeMap<>();
            for (int i = 0; i < cats.size(); i++) {
                JsonNode c = cats.get(i);
                String where = "categories[" + i + "]";
                if (!c.isObject()) {
                    throw new InvalidInputException(file, where + " is not an object");
                }
                long id = integer(file, where + ".id", c.get("id"));
                JsonNode name = c.get("name");
                if (byId.put(id, name == null || name.isNull() ? "" : name.asText()) != null) {
                    throw new InvalidInputException(file, where + ": category id " + id + " appears twice");
                }
            }
            byId.forEach((id, name) -> categories.add(new Category(id, name)));
        }
        return new GroundTruthFile(file, COCO, new DetectionGroundTruth(imageList, categories, boxes), imageIndex,
                warnings);
    }

    private static GroundTruthFile readFacesGroundTruth(Path file, JsonNode root) {
        JsonNode results = root.get("results");
        List<Image> images = new ArrayList<>();
        List<GroundTruthBox> boxes = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < results.size(); i++) {
            FacesResult r = facesResult(file, results.get(i), i);
            Integer previous = seen.put(r.key(), i);
            if (previous != null) {
                throw new InvalidInputException(file, "results[" + previous + "] and results[" + i
                        + "] are the same image " + r.key());
            }
            int index = images.size();
            images.add(new Image(r.key(), r.key()));
            for (int b = 0; b < r.boxes().size(); b++) {
                JsonNode box = r.boxes().get(b);
                CocoBox c = corners(file, "results[" + i + "].boxes[" + b + "]", box, false);
                boxes.add(new GroundTruthBox(index, FACE_CATEGORY, c, c.area(), false));
            }
        }
        DetectionGroundTruth gt = new DetectionGroundTruth(images, List.of(new Category(FACE_CATEGORY, "face")),
                boxes);
        return new GroundTruthFile(file, ANIVID_FACES, gt, Map.of(), List.of());
    }

    private static List<PredictedBox> readCocoResults(Path file, JsonNode root, GroundTruthFile gt) {
        List<PredictedBox> predictions = new ArrayList<>();
        for (int i = 0; i < root.size(); i++) {
            JsonNode d = root.get(i);
            String where = "[" + i + "]";
            if (!d.isObject()) {
                throw new InvalidInputException(file, where + " is not an object");
            }
            Object imageId = id(file, where + ".image_id", d.get("image_id"));
            Integer index = gt.imageIds().get(imageId);
            if (index == null) {
                throw new InvalidInputException(file, where + ": image_id " + imageId + " is not an image of the "
                        + "ground truth " + gt.file());
            }
            long category = integer(file, where + ".category_id", d.get("category_id"));
            CocoBox box = xywh(file, where, d.get("bbox"));
            double score = number(file, where + ".score", d.get("score"));
            predictions.add(new PredictedBox(index, category, box, score));
        }
        return predictions;
    }

    private static List<PredictedBox> readFacesPredictions(Path file, JsonNode root, GroundTruthFile gt) {
        long category = faceCategory(file, gt);
        GroundTruthPaths paths = new GroundTruthPaths(gt.groundTruth().images());
        JsonNode results = root.get("results");
        Map<Integer, Integer> resultOfImage = new HashMap<>();
        List<PredictedBox> predictions = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            FacesResult r = facesResult(file, results.get(i), i);
            int index = paths.find(file, "results[" + i + "]", r.key(), gt.file());
            Integer previous = resultOfImage.put(index, i);
            if (previous != null) {
                throw new InvalidInputException(file, "results[" + previous + "] and results[" + i
                        + "] both fall on the ground-truth image " + gt.groundTruth().images().get(index).fileName());
            }
            for (int b = 0; b < r.boxes().size(); b++) {
                String where = "results[" + i + "].boxes[" + b + "]";
                JsonNode box = r.boxes().get(b);
                CocoBox c = corners(file, where, box, true);
                predictions.add(new PredictedBox(index, category, c, number(file, where + "[4]", box.get(4))));
            }
        }
        return predictions;
    }

    /** The category that face boxes (which carry none) belong to. */
    private static long faceCategory(Path file, GroundTruthFile gt) {
        List<Category> categories = gt.groundTruth().categories();
        if (categories.size() == 1) {
            return categories.get(0).id();
        }
        List<Category> faces = categories.stream().filter(c -> c.name().equalsIgnoreCase("face")).toList();
        if (faces.size() == 1) {
            return faces.get(0).id();
        }
        throw new InvalidInputException(file, "face boxes carry no category and the ground truth " + gt.file()
                + " has " + categories.size() + " categories, not exactly one named 'face'");
    }

    /** One entry of {@code ./anivid faces --json}; {@code key} is the file, or {@code file#frame} after frame 0. */
    private record FacesResult(String key, JsonNode boxes) {
    }

    private static FacesResult facesResult(Path file, JsonNode r, int i) {
        String where = "results[" + i + "]";
        if (!r.isObject()) {
            throw new InvalidInputException(file, where + " is not an object");
        }
        JsonNode name = r.get("file");
        if (name == null || !name.isTextual() || name.asText().isBlank()) {
            throw new InvalidInputException(file, where + ": 'file' must be a path");
        }
        long frame = r.has("frame") ? integer(file, where + ".frame", r.get("frame")) : 0;
        if (frame < 0) {
            throw new InvalidInputException(file, where + ": negative frame " + frame);
        }
        JsonNode boxes = r.get("boxes");
        if (boxes == null || !boxes.isArray()) {
            throw new InvalidInputException(file, where + ": 'boxes' must be a list");
        }
        return new FacesResult(frame > 0 ? name.asText() + "#" + frame : name.asText(), boxes);
    }

    /**
     * Finds ground-truth images by path: the image sharing the most trailing path segments (at least the file
     * name) with a given path, so either path may be the longer one.
     */
    static final class GroundTruthPaths {
        private final List<List<String>> segments = new ArrayList<>();
        private final Map<String, List<Integer>> byFileName = new HashMap<>();
        private final List<Image> images;

        GroundTruthPaths(List<Image> images) {
            this.images = images;
            for (int i = 0; i < images.size(); i++) {
                List<String> s = segments(images.get(i).fileName());
                segments.add(s);
                if (!s.isEmpty()) {
                    byFileName.computeIfAbsent(s.get(s.size() - 1), k -> new ArrayList<>()).add(i);
                }
            }
        }

        int find(Path file, String where, String path, Path groundTruthFile) {
            List<String> wanted = segments(path);
            List<Integer> candidates = wanted.isEmpty() ? List.of()
                    : byFileName.getOrDefault(wanted.get(wanted.size() - 1), List.of());
            if (candidates.isEmpty()) {
                throw new InvalidInputException(file, where + ": " + path + " is not an image of the ground truth "
                        + groundTruthFile);
            }
            int bestShared = 0;
            List<Integer> best = new ArrayList<>();
            for (int c : candidates) {
                int shared = sharedTail(wanted, segments.get(c));
                if (shared > bestShared) {
                    bestShared = shared;
                    best.clear();
                }
                if (shared == bestShared) {
                    best.add(c);
                }
            }
            if (best.size() > 1) {
                throw new InvalidInputException(file, where + ": " + path + " fits several images of the ground "
                        + "truth (" + String.join(", ", best.stream().limit(3).map(b -> images.get(b).fileName())
                        .toList()) + (best.size() > 3 ? ", …" : "") + "); give a longer path");
            }
            return best.get(0);
        }

        private static int sharedTail(List<String> a, List<String> b) {
            int n = 0;
            while (n < a.size() && n < b.size() && a.get(a.size() - 1 - n).equals(b.get(b.size() - 1 - n))) {
                n++;
            }
            return n;
        }

        static List<String> segments(String path) {
            if (path == null) {
                return List.of();
            }
            List<String> s = new ArrayList<>();
            for (String part : path.split("[/\\\\]+")) {
                if (!part.isEmpty() && !part.equals(".")) {
                    s.add(part);
                }
            }
            return s;
        }
    }

    /** Integer ids first (numerically), then text ids — the order pycocotools sorts integer ids in. */
    private static final Comparator<Object> ID_ORDER = (a, b) -> {
        if (a instanceof Long x && b instanceof Long y) {
            return Long.compare(x, y);
        }
        if (a instanceof Long) {
            return -1;
        }
        if (b instanceof Long) {
            return 1;
        }
        return ((String) a).compareTo((String) b);
    };

    /** An image id: an integer (1 and 1.0 are the same, as in Python) or a string. */
    private static Object id(Path file, String where, JsonNode node) {
        if (node != null && node.isNumber() && node.canConvertToExactIntegral() && node.canConvertToLong()) {
            return node.asLong();
        }
        if (node != null && node.isTextual()) {
            return node.asText();
        }
        throw new InvalidInputException(file, where + " must be an integer or a string"
                + (node == null ? " (missing)" : ", got " + shortText(node)));
    }

    private static long integer(Path file, String where, JsonNode node) {
        if (node != null && node.isNumber() && node.canConvertToExactIntegral() && node.canConvertToLong()) {
            return node.asLong();
        }
        throw new InvalidInputException(file, where + " must be an integer"
                + (node == null ? " (missing)" : ", got " + shortText(node)));
    }

    private static double number(Path file, String where, JsonNode node) {
        if (node != null && node.isNumber() && Double.isFinite(node.asDouble())) {
            return node.asDouble();
        }
        throw new InvalidInputException(file, where + " must be a number"
                + (node == null ? " (missing)" : ", got " + shortText(node)));
    }

    /** COCO {@code iscrowd} / {@code ignore}: absent is false; pycocotools tests the value's truth. */
    private static boolean flag(Path file, String where, JsonNode node) {
        if (node == null || node.isNull()) {
            return false;
        }
        if (node.isBoolean()) {
            return node.asBoolean();
        }
        if (node.isNumber()) {
            return node.asDouble() != 0;
        }
        throw new InvalidInputException(file, where + " must be 0 or 1, got " + shortText(node));
    }

    /** A COCO {@code bbox} {@code [x, y, w, h]}. */
    private static CocoBox xywh(Path file, String where, JsonNode bbox) {
        double[] v = numbers(file, where + ".bbox", bbox, 4, 4, "[x, y, width, height]");
        if (v[2] < 0 || v[3] < 0) {
            throw new InvalidInputException(file, where + ".bbox has a negative " + (v[2] < 0 ? "width" : "height")
                    + " " + shortText(bbox) + " (COCO boxes are [x, y, width, height])");
        }
        return new CocoBox(v[0], v[1], v[2], v[3]);
    }

    /** A project box {@code [x1, y1, x2, y2(, score)]} (DESIGN.md §3). */
    private static CocoBox corners(Path file, String where, JsonNode box, boolean needScore) {
        double[] v = numbers(file, where, box, needScore ? 5 : 4, 5,
                needScore ? "[x1, y1, x2, y2, score]" : "[x1, y1, x2, y2]");
        if (v[2] < v[0] || v[3] < v[1]) {
            throw new InvalidInputException(file, where + " has a negative " + (v[2] < v[0] ? "width" : "height")
                    + " " + shortText(box) + " (boxes are [x1, y1, x2, y2])");
        }
        return CocoBox.fromCorners(v[0], v[1], v[2], v[3]);
    }

    private static double[] numbers(Path file, String where, JsonNode node, int min, int max, String shape) {
        if (node == null || !node.isArray() || node.size() < min || node.size() > max) {
            String got = node == null ? "missing" : node.isArray() ? node.size() + " numbers" : shortText(node);
            throw new InvalidInputException(file, where + " must be " + shape + ", got " + got);
        }
        double[] v = new double[node.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = number(file, where + "[" + i + "]", node.get(i));
        }
        return v;
    }

    private static String shortText(JsonNode node) {
        String s = node.toString();
        return s.length() > 60 ? s.substring(0, 57) + "…" : s;
    }

    private static JsonNode readJson(Path file) {
        if (!Files.exists(file)) {
            throw new InvalidInputException(file, "file not found");
        }
        if (Files.isDirectory(file)) {
            throw new InvalidInputException(file, "is a folder, not a JSON file");
        }
        JsonNode root;
        try {
            if (Files.size(file) == 0) {
                throw new InvalidInputException(file, "file is empty");
            }
            root = MAPPER.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            // Jackson's message ends in a source description that says nothing to a user; keep its first clause.
            String reason = String.valueOf(e.getOriginalMessage()).lines().findFirst().orElse("")
                    .replaceAll("\\s*\\(start marker at \\[Source.*$", "").replaceAll("\\s*at \\[Source.*$", "");
            throw new InvalidInputException(file, "not valid JSON" + where + ": " + reason, e);
        } catch (IOException e) {
            throw new InvalidInputException(file, "cannot read: " + e.getMessage(), e);
        }
        if (root == null || root.isMissingNode()) {
            throw new InvalidInputException(file, "file is empty");
        }
        return root;
    }

    /** For messages: the first few keys of an object. */
    private static String keys(JsonNode node) {
        List<String> keys = new ArrayList<>();
        node.fieldNames().forEachRemaining(keys::add);
        String shown = String.join(", ", keys.subList(0, Math.min(5, keys.size())));
        return keys.size() > 5 ? shown + ", …" : shown;
    }
}
