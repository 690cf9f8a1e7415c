package org.anivid.faces.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.anivid.core.BoundingBox;
import org.anivid.core.InvalidInputException;
import org.anivid.core.RgbImage;
import org.anivid.media.ImageFiles;

/**
 * The real anime pictures of the shared test data that have reference boxes, as {@link LabelledImage}s for the
 * validation report (read at run time from the test data folder, never copied into the repository).
 *
 * <p><b>These boxes are silver, not gold</b>: they are other detectors' outputs, not hand annotation
 * ({@code GROUND_TRUTH_faces.json}, {@code _note}), so a score against them measures agreement with those detectors:
 * <ul>
 *   <li>{@code images/hysts_tadne/input.jpg} — a 3072 × 3072 grid of 36 generated portraits with the 38 boxes of the
 *       hysts/anime-face-detector YOLOv3 ({@code silver_boxes_hysts_yolov3}, recovered from its drawn output, a few
 *       pixels too large). Tile (row 0, col 5) holds a second face that detector did not box: a detector that finds it
 *       is counted a false positive there. Origin {@code "silver:images/hysts_tadne/input.jpg"}.</li>
 *   <li>{@code images/talking_head_anime_3/*.png} — 512 × 512 portraits with one face each ({@code count_gt} 1); their
 *       boxes are the FaceBoxes-anime teacher's own outputs at confidence ≥ 0.5
 *       ({@code silver_boxes_anime_faceboxes_conf0.5}), so FaceBoxes scores itself there. The one portrait FaceBoxes
 *       found nothing on ({@code crypko_02.png}) is left out: its face has no box, and without one it would count as
 *       background. Origins {@code "silver:images/talking_head_anime_3/<name>"}.</li>
 * </ul>
 * {@link Style#AS_GIVEN} returns the boxes as the file has them. Neither style is the studio's face box (forehead
 * hairline to chin, ear to ear): the hysts boxes come closest; the FaceBoxes boxes are about 1.6 face widths wide.
 * {@link Style#STUDIO} maps the FaceBoxes boxes onto the studio's style with the correction the pseudo-labeller uses
 * ({@link TeacherBoxes#fromFaceBoxes}) and leaves the hysts boxes as they are, so that a detector trained on studio
 * boxes is not marked down at IoU 0.5 for a box style it was never taught.
 */
public final class RealReference {
    /** Which box style to return. */
    public enum Style { AS_GIVEN, STUDIO }

    /** Entry of the hysts grid in the ground-truth file. */
    public static final String HYSTS = "images/hysts_tadne/input.jpg";
    /** Folder of the one-face portraits. */
    public static final String PORTRAITS = "images/talking_head_anime_3/";
    private static final String FACEBOXES_SILVER = "silver_boxes_anime_faceboxes_conf0.5";
    private static final String HYSTS_SILVER = "silver_boxes_hysts_yolov3";

    private RealReference() {
    }

    /** The silver-labelled pictures with their boxes as the file gives them. */
    public static List<LabelledImage> load(Path testData) {
        return load(testData, Style.AS_GIVEN);
    }

    /**
     * The silver-labelled pictures: the hysts grid first, then the portraits with a box, in name order.
     *
     * @throws InvalidInputException naming the file when the ground truth or a picture is missing or malformed
     */
    public static List<LabelledImage> load(Path testData, Style style) {
        Path truthFile = testData.resolve("GROUND_TRUTH_faces.json");
        JsonNode truth;
        try {
            truth = new ObjectMapper().readTree(truthFile.toFile());
        } catch (IOException e) {
            throw new InvalidInputException(truthFile, "cannot read face ground truth: " + e.getMessage());
        }
        List<LabelledImage> out = new ArrayList<>();
        JsonNode hysts = truth.path(HYSTS).path(HYSTS_SILVER);
        if (!hysts.isArray() || hysts.isEmpty()) {
            throw new InvalidInputException(truthFile, "no " + HYSTS + " → " + HYSTS_SILVER + " boxes");
        }
        out.add(new LabelledImage(read(testData, HYSTS), boxes(truthFile, hysts, false), "silver:" + HYSTS)
                .clippedToImage(1));

        JsonNode silver = truth.path(FACEBOXES_SILVER);
        List<String> portraits = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : silver.properties()) {
            if (e.getKey().startsWith(PORTRAITS) && e.getValue().isArray() && !e.getValue().isEmpty()) {
                portraits.add(e.getKey());
            }
        }
        portraits.sort(null);
        for (String name : portraits) {
            out.add(new LabelledImage(read(testData, name), boxes(truthFile, silver.get(name), style == Style.STUDIO),
                    "silver:" + name).clippedToImage(1));
        }
        return out;
    }

    private static RgbImage read(Path testData, String name) {
        Path file = testData.resolve(name);
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException(file, "reference picture missing");
        }
        return ImageFiles.read(file);
    }

    private static List<BoundingBox> boxes(Path file, JsonNode list, boolean fromFaceBoxes) {
        List<BoundingBox> boxes = new ArrayList<>();
        for (JsonNode b : list) {
            if (!b.isArray() || b.size() < 4) {
                throw new InvalidInputException(file, "reference box " + b + " is not [x1, y1, x2, y2(, score)]");
            }
            BoundingBox box = new BoundingBox((float) b.get(0).asDouble(), (float) b.get(1).asDouble(),
                    (float) b.get(2).asDouble(), (float) b.get(3).asDouble());
            boxes.add(fromFaceBoxes ? TeacherBoxes.fromFaceBoxes(box) : box);
        }
        return boxes;
    }
}
