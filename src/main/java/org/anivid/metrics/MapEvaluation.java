package org.anivid.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The result of a detection mAP evaluation ({@code ./anivid eval map}).
 *
 * <p>AP values follow {@link #DEFINITION}; a value is {@code NaN} (JSON {@code null}) where it is undefined — no
 * ground-truth box to find (pycocotools reports -1 there), or no detection at the confidence threshold for
 * {@link #precision()}. {@link #warnings()} says why.
 *
 * @param map50              AP at IoU 0.5, averaged over the categories that have ground truth
 * @param map75              AP at IoU 0.75
 * @param map50To95          AP averaged over IoU .50:.05:.95 (the COCO "mAP")
 * @param conf               confidence threshold of {@link #precision()} and {@link #recall()}
 * @param iou                IoU threshold of {@link #precision()} and {@link #recall()}
 * @param precision          TP / (TP + FP) among detections with score ≥ conf, matched at IoU ≥ iou
 * @param recall             TP / (ground-truth boxes) at the same point
 * @param images             images of the ground truth
 * @param gtBoxes            ground-truth boxes to find (crowd boxes excluded) in the evaluated categories
 * @param gtIgnored          crowd (or out-of-range) ground-truth boxes, which need not be found
 * @param detections         detections read from the predictions file
 * @param truePositives      at conf / iou
 * @param falsePositives     at conf / iou
 * @param falseNegatives     at conf / iou: ground-truth boxes left unmatched
 * @param ignoredDetections  at conf / iou: detections matched to crowd boxes, counted neither way
 * @param perCategory        one entry per evaluated category, sorted by id
 * @param warnings           plain-language notes about undefined values or unevaluated input
 * @param inputs             the files and formats read, when the evaluation came from files (else null)
 */
public record MapEvaluation(double map50, double map75, double map50To95, double conf, double iou,
        double precision, double recall, int images, int gtBoxes, int gtIgnored, int detections,
        int truePositives, int falsePositives, int falseNegatives, int ignoredDetections,
        List<CategoryResult> perCategory, List<String> warnings, Inputs inputs) {

    /** What the AP numbers mean (DESIGN.md §8). */
    public static final String DEFINITION =
            "COCO (pycocotools): 101-point interpolated AP, IoU .50:.05:.95, maxDets 100";

    public MapEvaluation {
        perCategory = List.copyOf(perCategory);
        warnings = List.copyOf(warnings);
    }

    /** AP of one category; NaN where the category has no ground-truth box to find. */
    public record CategoryResult(long categoryId, String name, int gtBoxes, int detections, double ap50,
            double ap75, double ap50To95) {
    }

    /** Where the ground truth and predictions came from, and which format each was read as. */
    public record Inputs(String groundTruth, String groundTruthFormat, String predictions, String predictionsFormat) {
    }

    /** The same evaluation, labelled with its input files, with the notes from reading them put first. */
    public MapEvaluation withInputs(Inputs newInputs, List<String> readingWarnings) {
        List<String> all = new ArrayList<>(readingWarnings);
        all.addAll(warnings);
        return new MapEvaluation(map50, map75, map50To95, conf, iou, precision, recall, images, gtBoxes, gtIgnored,
                detections, truePositives, falsePositives, falseNegatives, ignoredDetections, perCategory, all,
                newInputs);
    }

    /**
     * The JSON object of {@code ./anivid eval map --json} (snake_case keys). Values are rounded to 12 decimals so
     * that pycocotools' {@code 1 / (1 + eps)} artefacts print as 1.0; undefined values are {@code null}. Per-class
     * AP is listed only when there is more than one category.
     */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("definition", DEFINITION);
        if (inputs != null) {
            m.put("ground_truth", inputs.groundTruth());
            m.put("gt_format", inputs.groundTruthFormat());
            m.put("predictions", inputs.predictions());
            m.put("pred_format", inputs.predictionsFormat());
        }
        m.put("map50", number(map50));
        m.put("map75", number(map75));
        m.put("map50_95", number(map50To95));
        m.put("conf", conf);
        m.put("iou", iou);
        m.put("precision", number(precision));
        m.put("recall", number(recall));
        m.put("images", images);
        m.put("categories", perCategory.size());
        m.put("gt_boxes", gtBoxes);
        m.put("gt_ignored", gtIgnored);
        m.put("detections", detections);
        m.put("tp", truePositives);
        m.put("fp", falsePositives);
        m.put("fn", falseNegatives);
        m.put("detections_ignored", ignoredDetections);
        if (perCategory.size() > 1) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (CategoryResult c : perCategory) {
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("category_id", c.categoryId());
                r.put("name", c.name());
                r.put("gt_boxes", c.gtBoxes());
                r.put("detections", c.detections());
                r.put("ap50", number(c.ap50()));
                r.put("ap75", number(c.ap75()));
                r.put("ap50_95", number(c.ap50To95()));
                rows.add(r);
            }
            m.put("ap50_per_class", rows);
        }
        m.put("warnings", warnings);
        return m;
    }

    private static Double number(double v) {
        return Double.isNaN(v) ? null : Math.round(v * 1e12) / 1e12;
    }
}
