package org.anivid.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A non-trivial case checked against pycocotools' algorithm: 6 images with unsorted ids, 2 categories, crowd boxes,
 * jittered detections, tied scores and false positives. The expected values were computed once by a line-by-line
 * numpy transcription of {@code COCOeval.evaluate / accumulate / summarize} (bbox) with maskApi's {@code bbIou}
 * (pycocotools itself cannot be installed here), printed with {@code repr}:
 * <pre>
 *   all:  map50_95 0.4683804809052334  map50 0.9086280056577086  map75 0.3787128712871287
 *   face: map50_95 0.38676096181046676 map50 0.8172560113154173  map75 0.25742574257425743
 *   hand: map50_95 0.55                map50 0.9999999999999999  map75 0.5
 *   detections with score >= 0.6 at IoU .5: TP 7, FP 2, boxes to find 9
 * </pre>
 */
class PycocotoolsCrossCheckTest {
    private static final String GROUND_TRUTH = """
            {"images": [{"id": 3, "file_name": "imgs/3.jpg"}, {"id": 1, "file_name": "imgs/1.jpg"}, {"id": 7, "file_name": "imgs/7.jpg"},
                {"id": 2, "file_name": "imgs/2.jpg"}, {"id": 5, "file_name": "imgs/5.jpg"}, {"id": 4, "file_name": "imgs/4.jpg"}],
             "annotations": [
              {"id": 1, "image_id": 3, "category_id": 1, "bbox": [77, 202, 103, 26], "area": 2678, "iscrowd": 0},
              {"id": 2, "image_id": 3, "category_id": 1, "bbox": [187, 298, 27, 84], "area": 2268, "iscrowd": 1},
              {"id": 3, "image_id": 1, "category_id": 2, "bbox": [68, 148, 73, 38], "area": 2774, "iscrowd": 1},
              {"id": 4, "image_id": 1, "category_id": 2, "bbox": [280, 32, 92, 27], "area": 2484, "iscrowd": 0},
              {"id": 5, "image_id": 1, "category_id": 1, "bbox": [229, 147, 97, 29], "area": 2813, "iscrowd": 0},
              {"id": 6, "image_id": 1, "category_id": 1, "bbox": [293, 160, 63, 108], "area": 6804, "iscrowd": 0},
              {"id": 7, "image_id": 7, "category_id": 1, "bbox": [66, 126, 70, 70], "area": 4900, "iscrowd": 1},
              {"id": 8, "image_id": 7, "category_id": 1, "bbox": [77, 118, 104, 49], "area": 5096, "iscrowd": 0},
              {"id": 9, "image_id": 2, "category_id": 1, "bbox": [31, 97, 28, 46], "area": 1288, "iscrowd": 0},
              {"id": 10, "image_id": 2, "category_id": 1, "bbox": [13, 36, 46, 98], "area": 4508, "iscrowd": 0},
              {"id": 11, "image_id": 2, "category_id": 1, "bbox": [245, 247, 59, 30], "area": 1770, "iscrowd": 1},
              {"id": 12, "image_id": 5, "category_id": 1, "bbox": [46, 133, 86, 66], "area": 5676, "iscrowd": 0},
              {"id": 13, "image_id": 5, "category_id": 1, "bbox": [122, 205, 114, 49], "area": 5586, "iscrowd": 0}],
             "categories": [{"id": 1, "name": "face"}, {"id": 2, "name": "hand"}]}
            """;

    private static final String RESULTS = """
            [
             {"image_id": 3, "category_id": 1, "bbox": [186.5, 292.8, 27.4, 72.9], "score": 0.9},
             {"image_id": 3, "category_id": 1, "bbox": [187.8, 299.7, 23.5, 86.2], "score": 0.9},
             {"image_id": 1, "category_id": 2, "bbox": [69.1, 149.7, 64.3, 38.8], "score": 0.9},
             {"image_id": 1, "category_id": 2, "bbox": [286.1, 31.8, 103.7, 25.9], "score": 0.9},
             {"image_id": 1, "category_id": 2, "bbox": [284.4, 30.3, 94.1, 27.2], "score": 0.88},
             {"image_id": 1, "category_id": 1, "bbox": [235.0, 144.6, 96.7, 25.0], "score": 0.67},
             {"image_id": 1, "category_id": 1, "bbox": [286.5, 149.5, 58.7, 114.4], "score": 0.06},
             {"image_id": 1, "category_id": 1, "bbox": [296.0, 163.8, 72.3, 118.4], "score": 0.8},
             {"image_id": 1, "category_id": 2, "bbox": [11, 236, 40, 40], "score": 0.36},
             {"image_id": 1, "category_id": 1, "bbox": [252, 30, 40, 40], "score": 0.22},
             {"image_id": 7, "category_id": 1, "bbox": [64.3, 122.3, 62.4, 68.5], "score": 0.55},
             {"image_id": 7, "category_id": 1, "bbox": [64.6, 123.6, 78.1, 79.6], "score": 0.9},
             {"image_id": 7, "category_id": 1, "bbox": [71.1, 112.2, 101.5, 47.1], "score": 0.9},
             {"image_id": 7, "category_id": 1, "bbox": [233, 286, 40, 40], "score": 0.39},
             {"image_id": 7, "category_id": 2, "bbox": [201, 53, 40, 40], "score": 0.48},
             {"image_id": 2, "category_id": 1, "bbox": [31.7, 92.6, 28.6, 46.5], "score": 0.95},
             {"image_id": 2, "category_id": 1, "bbox": [18.0, 38.4, 45.6, 86.7], "score": 0.8},
             {"image_id": 2, "category_id": 1, "bbox": [248.4, 246.8, 62.4, 30.1], "score": 0.21},
             {"image_id": 2, "category_id": 1, "bbox": [278, 13, 40, 40], "score": 0.76},
             {"image_id": 5, "category_id": 1, "bbox": [46.7, 137.4, 81.6, 60.5], "score": 0.9},
             {"image_id": 5, "category_id": 1, "bbox": [128.3, 210.8, 123.9, 48.6], "score": 0.19},
             {"image_id": 5, "category_id": 2, "bbox": [178, 186, 40, 40], "score": 0.08}]
            """;

    @TempDir
    Path tmp;

    @Test
    void matchesPycocotoolsOnAMixedCase() throws Exception {
        Path gt = Files.writeString(tmp.resolve("gt.json"), GROUND_TRUTH);
        Path pred = Files.writeString(tmp.resolve("pred.json"), RESULTS);
        MapEvaluation e = DetectionMap.evaluate(gt, pred, 0.6, 0.5);

        assertThat(e.map50()).isCloseTo(0.9086280056577086, within(1e-12));
        assertThat(e.map75()).isCloseTo(0.3787128712871287, within(1e-12));
        assertThat(e.map50To95()).isCloseTo(0.4683804809052334, within(1e-12));
        assertThat(e.perCategory()).extracting(MapEvaluation.CategoryResult::name).containsExactly("face", "hand");
        MapEvaluation.CategoryResult face = e.perCategory().get(0);
        assertThat(face.ap50()).isCloseTo(0.8172560113154173, within(1e-12));
        assertThat(face.ap75()).isCloseTo(0.25742574257425743, within(1e-12));
        assertThat(face.ap50To95()).isCloseTo(0.38676096181046676, within(1e-12));
        MapEvaluation.CategoryResult hand = e.perCategory().get(1);
        assertThat(hand.ap50()).isCloseTo(1.0, within(1e-12));
        assertThat(hand.ap75()).isCloseTo(0.5, within(1e-12));
        assertThat(hand.ap50To95()).isCloseTo(0.55, within(1e-12));

        assertThat(e.truePositives()).isEqualTo(7);
        assertThat(e.falsePositives()).isEqualTo(2);
        assertThat(e.falseNegatives()).isEqualTo(2);
        assertThat(e.gtBoxes()).isEqualTo(9);
        assertThat(e.gtIgnored()).isEqualTo(4);
        assertThat(e.detections()).isEqualTo(22);
        assertThat(e.images()).isEqualTo(6);
        assertThat(e.precision()).isEqualTo(7.0 / 9);
        assertThat(e.recall()).isEqualTo(7.0 / 9);
        assertThat(e.inputs().groundTruthFormat()).isEqualTo("coco");
        assertThat(e.inputs().predictionsFormat()).isEqualTo("coco-results");
    }
}
