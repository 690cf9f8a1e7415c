package org.anivid.faces.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.anivid.core.BoundingBox;
import org.anivid.core.InvalidInputException;
import org.anivid.core.RgbImage;
import org.anivid.media.ImageFiles;
import org.anivid.media.PngFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A labelled set on disk: lossless PNG pictures in {@code images/} and one COCO annotation file
 * {@code annotations.json} (one category, {@code {"id": 1, "name": "face"}}; {@code bbox} is {@code [x, y, w, h]};
 * each image also carries its {@code origin}, which COCO tools ignore). So a set can be looked at with any image viewer
 * and scored with {@code ./anivid eval map --gt DIR/annotations.json --pred PRED} (predictions from
 * {@code ./anivid faces DIR/images --json} find their images by file name).
 *
 * <p>{@link #write} builds the folder beside its destination and moves it into place, so a reader sees either the old
 * set or the whole new one, never a half-written folder.
 */
public final class LabelledFolder {
    private static final Logger LOG = LoggerFactory.getLogger(LabelledFolder.class);
    /** The COCO annotation file inside the folder. */
    public static final String ANNOTATIONS = "annotations.json";
    /** The folder of pictures inside the folder. */
    public static final String IMAGES = "images";
    /** Written into {@code info.format}. */
    public static final String FORMAT = "anivid-labelled-faces/1";
    private static final long FACE_CATEGORY = 1;
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private LabelledFolder() {
    }

    /**
     * Writes the pictures as {@code images/000000.png …} and their boxes as {@code annotations.json}, replacing a
     * labelled folder that is already there.
     *
     * @throws IllegalArgumentException if a box is not finite, degenerate or outside its picture (clip first, see
     *                                  {@link LabelledImage#clippedToImage})
     * @throws InvalidInputException    if {@code dir} exists and is something other than a labelled folder
     */
    public static void write(Path dir, List<LabelledImage> images) {
        for (LabelledImage image : images) {
            for (BoundingBox b : image.boxes()) {
                String problem = problem(b, image.image().width(), image.image().height());
                if (problem != null) {
                    throw new IllegalArgumentException(image.origin() + ": " + problem);
                }
            }
        }
        Path target = dir.toAbsolutePath().normalize();
        if (Files.exists(target) && !isReplaceable(target)) {
            throw new InvalidInputException(dir, "exists and is not a labelled folder (no " + ANNOTATIONS
                    + "); not replacing it");
        }
        Path parent = target.getParent();
        Path partial = null;
        try {
            Files.createDirectories(parent);
            partial = Files.createTempDirectory(parent, "." + target.getFileName() + ".partial-");
            Files.createDirectories(partial.resolve(IMAGES));
            ObjectNode root = MAPPER.createObjectNode();
            ObjectNode info = root.putObject("info");
            info.put("format", FORMAT);
            info.put("description", "AniVid labelled anime faces: boxes from the forehead hairline to the chin, "
                    + "ear to ear");
            ArrayNode imageList = root.putArray("images");
            ArrayNode annotations = root.putArray("annotations");
            long annotationId = 1;
            for (int i = 0; i < images.size(); i++) {
                LabelledImage image = images.get(i);
                String name = IMAGES + "/" + String.format("%06d.png", i);
                PngFiles.write(image.image(), partial.resolve(name));
                ObjectNode entry = imageList.addObject();
                entry.put("id", i + 1);
                entry.put("file_name", name);
                entry.put("width", image.image().width());
                entry.put("height", image.image().height());
                entry.put("origin", image.origin());
                for (BoundingBox b : image.boxes()) {
                    ObjectNode a = annotations.addObject();
                    a.put("id", annotationId++);
                    a.put("image_id", i + 1);
                    a.put("category_id", FACE_CATEGORY);
                    // Width and height as the exact double difference, so that x + w gives back x2 to the bit.
                    double w = (double) b.x2() - b.x1();
                    double h = (double) b.y2() - b.y1();
                    a.putArray("bbox").add(b.x1()).add(b.y1()).add(w).add(h);
                    a.put("area", w * h);
                    a.put("iscrowd", 0);
                }
            }
            ObjectNode face = root.putArray("categories").addObject();
            face.put("id", FACE_CATEGORY);
            face.put("name", "face");
            face.put("supercategory", "face");
            Files.writeString(partial.resolve(ANNOTATIONS), MAPPER.writeValueAsString(root) + "\n",
                    StandardCharsets.UTF_8);
            if (Files.exists(target)) {
                Path old = parent.resolve("." + target.getFileName() + ".old-" + System.nanoTime());
                Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
                Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
                partial = null;
                deleteTree(old);
            } else {
                Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
                partial = null;
            }
            LOG.info("labelled folder {}: {} pictures, {} boxes", target, images.size(), annotationId - 1);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write labelled folder " + dir + ": " + e.getMessage(), e);
        } finally {
            if (partial != null) {
                deleteQuietly(partial);
            }
        }
    }

    /**
     * Reads a labelled folder written by {@link #write}, or any COCO annotation file beside its pictures (then the
     * category named "face", or the only category, is read; pictures without an {@code origin} get
     * {@code "file:<file_name>"}). Pictures come in the order of the file's image list.
     *
     * @throws InvalidInputException naming the file and the entry, for a missing or unreadable file, a picture whose
     *                               size differs from the annotation, or a box that is degenerate or outside its picture
     */
    public static List<LabelledImage> read(Path dir) {
        Path file = dir.resolve(ANNOTATIONS);
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException(dir, "not a labelled folder: no " + ANNOTATIONS);
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new InvalidInputException(file, "not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new InvalidInputException(file, "cannot read: " + e.getMessage());
        }
        if (root == null || !root.path("images").isArray()) {
            throw new InvalidInputException(file, "not a COCO annotation file: no 'images' list");
        }
        long category = faceCategory(file, root);
        JsonNode imageList = root.get("images");
        Map<Long, Integer> indexOfId = new HashMap<>();
        List<List<BoundingBox>> boxes = new ArrayList<>();
        for (int i = 0; i < imageList.size(); i++) {
            JsonNode id = imageList.get(i).get("id");
            if (id == null || !id.canConvertToLong() || indexOfId.putIfAbsent(id.asLong(), i) != null) {
                throw new InvalidInputException(file, "images[" + i + "]: missing or repeated integer id");
            }
            boxes.add(new ArrayList<>());
        }
        JsonNode annotations = root.path("annotations");
        for (int i = 0; i < annotations.size(); i++) {
            JsonNode a = annotations.get(i);
            String where = "annotations[" + i + "]";
            if (a.path("category_id").asLong(-1) != category || a.path("iscrowd").asInt(0) != 0) {
                continue;
            }
            Integer index = indexOfId.get(a.path("image_id").asLong(Long.MIN_VALUE));
            if (index == null) {
                throw new InvalidInputException(file, where + ": image_id " + a.get("image_id") + " is not in 'images'");
            }
            JsonNode bbox = a.get("bbox");
            if (bbox == null || !bbox.isArray() || bbox.size() != 4 || !allNumbers(bbox)) {
                throw new InvalidInputException(file, where + ": bbox must be 4 numbers [x, y, w, h]");
            }
            float x1 = (float) bbox.get(0).asDouble();
            float y1 = (float) bbox.get(1).asDouble();
            boxes.get(index).add(new BoundingBox(x1, y1, (float) (x1 + bbox.get(2).asDouble()),
                    (float) (y1 + bbox.get(3).asDouble())));
        }
        List<LabelledImage> out = new ArrayList<>();
        for (int i = 0; i < imageList.size(); i++) {
            JsonNode entry = imageList.get(i);
            String where = "images[" + i + "]";
            String name = entry.path("file_name").asText("");
            if (name.isEmpty()) {
                throw new InvalidInputException(file, where + ": no file_name");
            }
            Path picture = dir.resolve(name).normalize();
            if (!picture.startsWith(dir.normalize())) {
                throw new InvalidInputException(file, where + ": file_name " + name + " points outside the folder");
            }
            RgbImage image = ImageFiles.read(picture);
            if (entry.has("width") && entry.has("height") && (entry.get("width").asInt() != image.width()
                    || entry.get("height").asInt() != image.height())) {
                throw new InvalidInputException(picture, "is " + image.width() + "x" + image.height()
                        + " but " + ANNOTATIONS + " says " + entry.get("width") + "x" + entry.get("height"));
            }
            for (BoundingBox b : boxes.get(i)) {
                String problem = problem(b, image.width(), image.height());
                if (problem != null) {
                    throw new InvalidInputException(file, "box on " + name + ": " + problem);
                }
            }
            String origin = entry.path("origin").asText("");
            out.add(new LabelledImage(image, boxes.get(i), origin.isEmpty() ? "file:" + name : origin));
        }
        return out;
    }

    /** Half a pixel of slack at the border: boxes of other tools are often rounded outwards. */
    private static final float SLACK = 0.5f;

    /** What is wrong with a box on a picture of this size, or null. */
    static String problem(BoundingBox b, int width, int height) {
        String text = "[" + b.x1() + ", " + b.y1() + ", " + b.x2() + ", " + b.y2() + "]";
        if (!Float.isFinite(b.x1()) || !Float.isFinite(b.y1()) || !Float.isFinite(b.x2()) || !Float.isFinite(b.y2())) {
            return "box " + text + " is not finite";
        }
        if (!(b.x2() > b.x1() && b.y2() > b.y1())) {
            return "box " + text + " has no area";
        }
        if (b.x1() < -SLACK || b.y1() < -SLACK || b.x2() > width + SLACK || b.y2() > height + SLACK) {
            return "box " + text + " lies outside the " + width + "x" + height + " picture";
        }
        return null;
    }

    private static long faceCategory(Path file, JsonNode root) {
        JsonNode categories = root.path("categories");
        if (!categories.isArray() || categories.isEmpty()) {
            return FACE_CATEGORY;
        }
        for (JsonNode c : categories) {
            if ("face".equalsIgnoreCase(c.path("name").asText())) {
                return c.path("id").asLong();
            }
        }
        if (categories.size() == 1) {
            return categories.get(0).path("id").asLong();
        }
        throw new InvalidInputException(file, "no category named 'face' among " + categories.size() + " categories");
    }

    private static boolean allNumbers(JsonNode array) {
        for (JsonNode n : array) {
            if (!n.isNumber()) {
                return false;
            }
        }
        return true;
    }

    /** An empty folder, or one holding a labelled set (which then may be replaced as a whole). */
    private static boolean isReplaceable(Path dir) {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        if (Files.isRegularFile(dir.resolve(ANNOTATIONS))) {
            return true;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static void deleteQuietly(Path dir) {
        try {
            deleteTree(dir);
        } catch (IOException e) {
            LOG.warn("cannot remove the unfinished folder {}: {}", dir, e.getMessage());
        }
    }
}
