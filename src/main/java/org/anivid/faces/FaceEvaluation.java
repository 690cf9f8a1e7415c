package org.anivid.faces;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.anivid.core.BoundingBox;
import org.anivid.core.InvalidInputException;
import org.anivid.core.RgbImage;
import org.anivid.faces.track.Detection;
import org.anivid.jobs.JobContext;
import org.anivid.media.ImageFiles;
import org.anivid.metrics.CocoBox;
import org.anivid.metrics.CocoEvaluator;
import org.anivid.metrics.DetectionGroundTruth;
import org.anivid.metrics.MapEvaluation;
import org.anivid.metrics.PredictedBox;

/**
 * The detectors measured the way the paper's Table 1 measures YOLOv5x (COCO mAP@0.5, mAP@[.5:.05:.95], precision
 * and recall at the confidence), on the shared pictures with reference boxes ({@code GROUND_TRUTH_faces.json}:
 * entries with {@code silver_boxes_*} are the boxes, entries with {@code count_gt} the number of faces per picture).
 * Reference boxes come from another detector, so their style differs (they are a little large; FaceBoxes trims
 * the hair): the strict IoU thresholds understate every model, and recall at IoU 0.3 is reported beside them.
 */
public final class FaceEvaluation {
    private FaceEvaluation() {
    }

    /** One model's row of the table. */
    public record Row(String model, MapEvaluation map, double recallAtIou30, int countImages, int countCorrect,
                      double seconds) {
        public Map<String, Object> toJson() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("model", model);
            json.put("map50", map.map50());
            json.put("map50_95", map.map50To95());
            json.put("precision", Double.isNaN(map.precision()) ? null : map.precision());
            json.put("recall", map.recall());
            json.put("recall_iou30", recallAtIou30);
            json.put("gt_boxes", map.gtBoxes());
            json.put("detections", map.detections());
            json.put("count_images", countImages);
            json.put("count_correct", countCorrect);
            json.put("seconds", seconds);
            return json;
        }
    }

    /** Reference boxes and face counts read from a ground-truth file. */
    record Reference(List<Path> boxImages, List<List<BoundingBox>> boxes, List<Path> countImages, List<Integer> counts) {
    }

    static Reference read(Path groundTruth) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(groundTruth.toFile());
        } catch (IOException e) {
            throw new InvalidInputException(groundTruth, "not readable JSON: " + e.getMessage());
        }
        Path dir = groundTruth.toAbsolutePath().getParent();
        List<Path> boxImages = new ArrayList<>();
        List<List<BoundingBox>> boxes = new ArrayList<>();
        List<Path> countImages = new ArrayList<>();
        List<Integer> counts = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (entry.getKey().startsWith("_") || !entry.getValue().isObject()) {
                continue;
            }
            JsonNode value = entry.getValue();
            for (Iterator<String> names = value.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (name.startsWith("silver_boxes_") && value.get(name).isArray()) {
                    List<BoundingBox> list = new ArrayList<>();
                    for (JsonNode b : value.get(name)) {
                        list.add(new BoundingBox(b.get(0).floatValue(), b.get(1).floatValue(), b.get(2).floatValue(),
                                b.get(3).floatValue()));
                    }
                    boxImages.add(dir.resolve(entry.getKey()));
                    boxes.add(list);
                }
            }
            if (value.has("count_gt")) {
                for (Path p : expand(dir, entry.getKey())) {
                    countImages.add(p);
                    counts.add(value.get("count_gt").asInt());
                }
            }
        }
        if (boxImages.isEmpty() && countImages.isEmpty()) {
            throw new InvalidInputException(groundTruth, "holds no silver_boxes_* or count_gt entries");
        }
        return new Reference(boxImages, boxes, countImages, counts);
    }

    /** {@code folder/*.png} style keys name several pictures. */
    private static List<Path> expand(Path dir, String key) {
        Path path = dir.resolve(key);
        if (!key.contains("*")) {
            return List.of(path);
        }
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(path.getParent(), path.getFileName().toString())) {
            files.forEach(out::add);
        } catch (IOException e) {
            throw new InvalidInputException(path.getParent(), "cannot list: " + e.getMessage());
        }
        out.sort(null);
        return out;
    }

    public static List<Row> evaluate(Path groundTruth, List<String> models, double conf, JobContext ctx) {
        Reference ref = read(groundTruth);
        List<RgbImage> boxPictures = new ArrayList<>();
        for (Path p : ref.boxImages()) {
            boxPictures.add(ImageFiles.read(p));
        }
        List<RgbImage> countPictures = new ArrayList<>();
        for (Path p : ref.countImages()) {
            countPictures.add(ImageFiles.read(p));
        }
        List<Row> rows = new ArrayList<>();
        int step = 0;
        int steps = models.size() * (ref.boxImages().size() + ref.countImages().size());
        for (String model : models) {
            ctx.message("evaluating " + model);
            try (FaceDetector detector = FaceModels.open(model)) {
                long t0 = System.nanoTime();
                Scored scored = score(detector, boxPictures, ref.boxes(), conf,
                        ctx.phase((double) step / steps, (double) (step + boxPictures.size()) / steps));
                step += boxPictures.size();
                int correct = 0;
                for (int i = 0; i < ref.countImages().size(); i++) {
                    ctx.checkCancelled();
                    long faces = detector.detect(countPictures.get(i)).stream()
                            .filter(d -> d.score() >= conf).count();
                    if (faces == ref.counts().get(i)) {
                        correct++;
                    }
                    ctx.progress(++step, steps);
                }
                rows.add(new Row(model, scored.map(), scored.recallAtIou30(), ref.countImages().size(), correct,
                        (System.nanoTime() - t0) / 1e9));
            }
        }
        return rows;
    }

    /**
     * The models on labelled pictures given in memory (the generated validation split of the studio's own detector),
     * with the same measures; there are no count pictures, so the table's count column reads "–".
     */
    public static List<Row> evaluate(List<RgbImage> pictures, List<List<BoundingBox>> boxes, List<String> models,
                                     double conf, JobContext ctx) {
        List<Row> rows = new ArrayList<>();
        for (int m = 0; m < models.size(); m++) {
            String model = models.get(m);
            ctx.message("evaluating " + model);
            try (FaceDetector detector = FaceModels.open(model)) {
                long t0 = System.nanoTime();
                Scored scored = score(detector, pictures, boxes, conf,
                        ctx.phase((double) m / models.size(), (m + 1.0) / models.size()));
                rows.add(new Row(model, scored.map(), scored.recallAtIou30(), 0, 0, (System.nanoTime() - t0) / 1e9));
            }
        }
        return rows;
    }

    private record Scored(MapEvaluation map, double recallAtIou30) {
    }

    /** COCO evaluation of one detector on pictures with reference boxes, plus recall at IoU 0.3. */
    private static Scored score(FaceDetector detector, List<RgbImage> pictures, List<List<BoundingBox>> boxes,
                                double conf, JobContext ctx) {
        List<List<Detection>> found = new ArrayList<>(pictures.size());
        int matched30 = 0;
        int total = 0;
        for (int i = 0; i < pictures.size(); i++) {
            ctx.checkCancelled();
            List<Detection> detections = detector.detect(pictures.get(i));
            found.add(detections);
            for (BoundingBox b : boxes.get(i)) {
                total++;
                if (detections.stream().anyMatch(d -> d.score() >= conf && d.box().iou(b) >= 0.3f)) {
                    matched30++;
                }
            }
            ctx.progress(i + 1, pictures.size());
        }
        return new Scored(cocoMap(boxes, found, conf), total == 0 ? Double.NaN : (double) matched30 / total);
    }

    /**
     * COCO evaluation of detections against true boxes, picture by picture (one category: face), with precision and
     * recall at confidence {@code conf} and IoU 0.5: the one conversion that every face mAP in the studio goes through.
     */
    public static MapEvaluation cocoMap(List<List<BoundingBox>> truth, List<List<Detection>> found, double conf) {
        if (truth.size() != found.size()) {
            throw new IllegalArgumentException(truth.size() + " pictures of truth, " + found.size() + " of detections");
        }
        List<DetectionGroundTruth.Image> images = new ArrayList<>();
        List<DetectionGroundTruth.GroundTruthBox> gt = new ArrayList<>();
        List<PredictedBox> predicted = new ArrayList<>();
        for (int i = 0; i < truth.size(); i++) {
            images.add(new DetectionGroundTruth.Image(Integer.toString(i), null));
            for (BoundingBox b : truth.get(i)) {
                CocoBox box = CocoBox.fromCorners(b.x1(), b.y1(), b.x2(), b.y2());
                gt.add(new DetectionGroundTruth.GroundTruthBox(i, 1, box, box.area(), false));
            }
            for (Detection d : found.get(i)) {
                BoundingBox b = d.box();
                predicted.add(new PredictedBox(i, 1, CocoBox.fromCorners(b.x1(), b.y1(), b.x2(), b.y2()), d.score()));
            }
        }
        return CocoEvaluator.evaluate(new DetectionGroundTruth(images,
                List.of(new DetectionGroundTruth.Category(1, "face")), gt), predicted, conf,
                org.anivid.metrics.DetectionMap.DEFAULT_IOU);
    }

    /** The rows as the paper's Table 1 (values in %), plus the extra columns. */
    public static String table(List<Row> rows, double conf) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("%-18s %9s %17s %10s %8s %12s %14s%n", "Model", "mAP@0.5", "mAP@[.5:.05:.95]",
                "Precision", "Recall", "Recall@IoU.3", "exact count"));
        for (Row r : rows) {
            sb.append(String.format("%-18s %9.2f %17.2f %10s %8.2f %12.2f %14s%n", r.model(), 100 * r.map().map50(),
                    100 * r.map().map50To95(), Double.isNaN(r.map().precision()) ? "–"
                            : String.format("%.2f", 100 * r.map().precision()), 100 * r.map().recall(),
                    100 * r.recallAtIou30(), r.countImages() == 0 ? "–" : r.countCorrect() + "/" + r.countImages()));
        }
        sb.append(String.format("Values in %%. COCO definition (101-point AP); precision/recall at confidence %.2f, "
                + "IoU 0.5; reference boxes from another detector.%n", conf));
        return sb.toString();
    }
}
