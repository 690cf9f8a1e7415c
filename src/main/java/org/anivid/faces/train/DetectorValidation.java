package org.anivid.faces.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import org.anivid.core.BoundingBox;
import org.anivid.faces.FaceDetector;
import org.anivid.faces.data.LabelledImage;
import org.anivid.faces.detector.AnimeFaceNet;
import org.anivid.faces.detector.Letterbox;
import org.anivid.faces.detector.YoloDecoder;
import org.anivid.faces.track.Detection;
import org.anivid.jobs.JobContext;
import org.anivid.metrics.DetectionMap;
import org.anivid.metrics.MapEvaluation;
import org.anivid.torch.NoGrad;

/**
 * Detection mAP on labelled pictures with the project's COCO evaluator (DESIGN.md §8): mAP@0.5 and mAP@[.5:.95]
 * over all detections, precision and recall at confidence 0.6 and IoU 0.5 (the paper's operating point). True
 * boxes are cleaned first ({@link BoxCleaner}: clipped to the picture, degenerate ones left out).
 */
public final class DetectorValidation {
    private DetectorValidation() {
    }

    /**
     * Any detector (the teachers, a trained model) on labelled pictures: the "before / after" and Table 1 numbers on
     * a validation split.
     */
    public static MapEvaluation evaluate(FaceDetector detector, List<LabelledImage> images, JobContext ctx) {
        List<List<BoundingBox>> truth = new ArrayList<>();
        List<List<Detection>> found = new ArrayList<>();
        for (int i = 0; i < images.size(); i++) {
            ctx.checkCancelled();
            LabelledImage li = images.get(i);
            truth.add(BoxCleaner.clean(li.boxes(), li.image().width(), li.image().height()).boxes());
            found.add(detector.detect(li.image()));
            ctx.progress(i + 1, images.size());
        }
        return score(truth, found);
    }

    /** COCO evaluation of detections against true boxes, picture by picture (one category: face). */
    public static MapEvaluation score(List<List<BoundingBox>> truth, List<List<Detection>> found) {
        return org.anivid.faces.FaceEvaluation.cocoMap(truth, found, DetectionMap.DEFAULT_CONF);
    }

    /**
     * The network being trained, in inference mode (running batch-norm statistics), on pictures letterboxed to
     * {@code size} in batches; decoded as YOLOv5's {@code val.py} (scores from 0.001, NMS at IoU 0.6).
     */
    @SuppressWarnings("try") // the NoGrad scope is the point
    static List<List<Detection>> detect(AnimeFaceNet net, NDManager manager, List<LabelledImage> images, int size,
            int batchSize, JobContext ctx) {
        List<List<Detection>> found = new ArrayList<>(images.size());
        YoloDecoder.DecodeOptions options = YoloDecoder.DecodeOptions.validation();
        int plane = 3 * size * size;
        try (NoGrad noGrad = NoGrad.start()) {
            for (int from = 0; from < images.size(); from += batchSize) {
                ctx.checkCancelled();
                int count = Math.min(batchSize, images.size() - from);
                float[] pixels = new float[count * plane];
                Letterbox[] boxes = new Letterbox[count];
                for (int k = 0; k < count; k++) {
                    boxes[k] = Letterbox.square(images.get(from + k).image(), size);
                    Letterbox.toChw(boxes[k].image(), pixels, k * plane);
                }
                try (NDManager sub = manager.newSubManager()) {
                    NDArray x = sub.create(FloatBuffer.wrap(pixels), new Shape(count, 3, size, size));
                    NDList out = net.forward(new ParameterStore(sub, false), x, false);
                    float[][] all = new float[out.size()][];
                    int[] heights = new int[out.size()];
                    int[] widths = new int[out.size()];
                    for (int l = 0; l < out.size(); l++) {
                        all[l] = out.get(l).toFloatArray();
                        heights[l] = (int) out.get(l).getShape().get(2);
                        widths[l] = (int) out.get(l).getShape().get(3);
                    }
                    for (int k = 0; k < count; k++) {
                        float[][] levels = new float[out.size()][];
                        for (int l = 0; l < out.size(); l++) {
                            int per = all[l].length / count;
                            levels[l] = java.util.Arrays.copyOfRange(all[l], k * per, (k + 1) * per);
                        }
                        var image = images.get(from + k).image();
                        found.add(YoloDecoder.decode(levels, heights, widths, net.config(), options,
                                boxes[k].scale(), image.width(), image.height()));
                    }
                }
            }
        }
        return found;
    }
}
