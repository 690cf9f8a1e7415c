package org.anivid.faces.train;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a training run produced.
 *
 * @param start           validation metrics of the starting model (random weights, or the model fine-tuned from)
 * @param epochs          every finished epoch, resumed ones included
 * @param bestModel       {@code best.params} in the output folder: the epoch with the highest validation mAP@0.5
 *                        (ties: higher mAP@[.5:.95]); open it with
 *                        {@link org.anivid.faces.detector.AnimeFaceDetector#open(Path)}
 * @param lastModel       {@code last.params}: the weights after the last finished step
 * @param bestEpoch       1-based epoch of the best model
 * @param imagesPerSecond training throughput over the whole run (this session's steps)
 * @param clippedBoxes    training and validation boxes cut to their picture
 * @param droppedBoxes    boxes left out: degenerate (no width or height) or wholly outside the picture
 * @param resumed         whether the run continued a saved one
 */
public record TrainFacesResult(EpochMetrics start, List<EpochMetrics> epochs, Path bestModel, Path lastModel,
        int bestEpoch, double bestMap50, double bestMap50To95, double imagesPerSecond, int trainImages,
        int valImages, int clippedBoxes, int droppedBoxes, boolean resumed) {

    public TrainFacesResult {
        epochs = List.copyOf(epochs);
    }

    /** The JSON object a command prints ({@code ./anivid train faces --json}). */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("best_model", bestModel.toString());
        m.put("last_model", lastModel.toString());
        m.put("best_epoch", bestEpoch);
        m.put("best_map50", EpochMetrics.number(bestMap50));
        m.put("best_map50_95", EpochMetrics.number(bestMap50To95));
        m.put("start", start.toJson());
        List<Map<String, Object>> rows = new ArrayList<>();
        for (EpochMetrics e : epochs) {
            rows.add(e.toJson());
        }
        m.put("epochs", rows);
        m.put("images_per_second", EpochMetrics.number(imagesPerSecond));
        m.put("train_images", trainImages);
        m.put("val_images", valImages);
        m.put("clipped_boxes", clippedBoxes);
        m.put("dropped_boxes", droppedBoxes);
        m.put("resumed", resumed);
        m.put("map_definition", org.anivid.metrics.MapEvaluation.DEFINITION);
        return m;
    }
}
