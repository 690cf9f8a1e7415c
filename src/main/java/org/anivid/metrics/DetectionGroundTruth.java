package org.anivid.metrics;

import java.util.List;

/**
 * Ground truth for detection mAP: the images (in the order pycocotools evaluates them, i.e. sorted by image id),
 * the categories to evaluate (sorted by id) and the true boxes.
 *
 * @param images     every image of the ground truth, including images without boxes (their detections are false
 *                   positives); {@link GroundTruthBox#imageIndex()} indexes this list
 * @param categories categories evaluated, sorted by id
 * @param boxes      true boxes in file order (the order breaks ties in matching, as in pycocotools)
 */
public record DetectionGroundTruth(List<Image> images, List<Category> categories, List<GroundTruthBox> boxes) {

    public DetectionGroundTruth {
        images = List.copyOf(images);
        categories = List.copyOf(categories);
        boxes = List.copyOf(boxes);
    }

    /**
     * One image.
     *
     * @param id       the image id as written in the file (COCO ids are usually integers), for messages
     * @param fileName the COCO {@code file_name} or the path of an {@code anivid faces} result ({@code file#frame}
     *                 for frames after the first); may be null when a COCO image has none
     */
    public record Image(String id, String fileName) {
    }

    /** A category; anime faces are one category. */
    public record Category(long id, String name) {
    }

    /**
     * A true box.
     *
     * @param area  the annotation's {@code area} (pycocotools tests it against the area range; defaults to w·h)
     * @param crowd COCO {@code iscrowd}: may be matched by many detections, which are then neither true nor false
     *              positives, and is not counted as a box to find
     */
    public record GroundTruthBox(int imageIndex, long categoryId, CocoBox box, double area, boolean crowd) {
    }
}
