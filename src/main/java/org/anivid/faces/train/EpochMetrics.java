package org.anivid.faces.train;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One epoch of a training run: mean losses over its batches (per picture, as YOLOv5 logs them), the learning rate at
 * its end, and the validation metrics of the model after it (COCO definition, {@link org.anivid.metrics.CocoEvaluator};
 * precision and recall at confidence 0.6, IoU 0.5). Epoch 0 is the model before training (losses NaN).
 *
 * @param imagesPerSecond training pictures per second over the epoch's steps (validation not counted)
 * @param seconds         wall time of the epoch, validation included
 */
public record EpochMetrics(int epoch, double loss, double boxLoss, double objectnessLoss, double classLoss, double lr,
        double map50, double map50To95, double precision, double recall, double imagesPerSecond, double seconds) {

    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("epoch", epoch);
        m.put("loss", number(loss));
        m.put("box_loss", number(boxLoss));
        m.put("obj_loss", number(objectnessLoss));
        m.put("cls_loss", number(classLoss));
        m.put("lr", number(lr));
        m.put("map50", number(map50));
        m.put("map50_95", number(map50To95));
        m.put("precision", number(precision));
        m.put("recall", number(recall));
        m.put("images_per_second", number(imagesPerSecond));
        m.put("seconds", number(seconds));
        return m;
    }

    static EpochMetrics fromJson(com.fasterxml.jackson.databind.JsonNode n) {
        return new EpochMetrics(n.path("epoch").asInt(), value(n, "loss"), value(n, "box_loss"), value(n, "obj_loss"),
                value(n, "cls_loss"), value(n, "lr"), value(n, "map50"), value(n, "map50_95"), value(n, "precision"),
                value(n, "recall"), value(n, "images_per_second"), value(n, "seconds"));
    }

    private static double value(com.fasterxml.jackson.databind.JsonNode n, String key) {
        com.fasterxml.jackson.databind.JsonNode v = n.get(key);
        return v == null || v.isNull() ? Double.NaN : v.asDouble();
    }

    /** NaN (undefined) as JSON null. */
    static Double number(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
