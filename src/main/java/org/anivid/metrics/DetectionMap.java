package org.anivid.metrics;

import java.nio.file.Path;
import org.anivid.core.InvalidInputException;

/**
 * Detection mAP of a predictions file against a ground-truth file ({@code ./anivid eval map}): reads both with
 * {@link DetectionFileReader} and evaluates with {@link CocoEvaluator}.
 */
public final class DetectionMap {
    /** The paper's confidence threshold for precision and recall. */
    public static final double DEFAULT_CONF = 0.6;
    /** IoU threshold for precision and recall. */
    public static final double DEFAULT_IOU = 0.5;

    private DetectionMap() {
    }

    /**
     * Evaluates {@code predictions} against {@code groundTruth}.
     *
     * @throws InvalidInputException when a file is missing or malformed, or a threshold is out of range
     */
    public static MapEvaluation evaluate(Path groundTruth, Path predictions, double conf, double iou) {
        if (!(conf >= 0 && conf <= 1)) {
            throw new InvalidInputException(null, "confidence threshold must be in [0, 1], got " + conf);
        }
        if (!(iou > 0 && iou <= 1)) {
            throw new InvalidInputException(null, "IoU threshold must be in (0, 1], got " + iou);
        }
        DetectionFileReader.GroundTruthFile gt = DetectionFileReader.readGroundTruth(groundTruth);
        DetectionFileReader.PredictionsFile pred = DetectionFileReader.readPredictions(predictions, gt);
        MapEvaluation e = CocoEvaluator.evaluate(gt.groundTruth(), pred.predictions(), conf, iou);
        return e.withInputs(new MapEvaluation.Inputs(groundTruth.toString(), gt.format(), predictions.toString(),
                pred.format()), gt.warnings());
    }
}
