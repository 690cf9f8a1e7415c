package org.anivid.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.anivid.metrics.DetectionGroundTruth.Category;
import org.anivid.metrics.DetectionGroundTruth.GroundTruthBox;
import org.anivid.metrics.DetectionGroundTruth.Image;
import org.junit.jupiter.api.Test;

/**
 * COCO AP on cases worked out by hand (the working is in each test). Boxes are COCO {@code [x, y, w, h]}.
 * pycocotools divides by {@code tp + fp + eps}, so a "1" is 1 - 2e-16: hence the 1e-12 tolerance.
 * Every expected value here was also reproduced with a transcription of pycocotools' {@code evaluateImg} /
 * {@code accumulate} in numpy.
 */
class CocoEvaluatorTest {
    private static final double TOL = 1e-12;

    /** A small evaluation case: images 0..n-1, category 1 unless given. */
    private static final class Case {
        final List<Image> images = new ArrayList<>();
        final List<GroundTruthBox> truth = new ArrayList<>();
        final List<PredictedBox> detections = new ArrayList<>();
        List<Category> categories = List.of(new Category(1, "face"));

        Case(int imageCount) {
            for (int i = 0; i < imageCount; i++) {
                images.add(new Image(String.valueOf(i + 1), (i + 1) + ".jpg"));
            }
        }

        Case gt(int image, double x, double y, double w, double h) {
            truth.add(new GroundTruthBox(image, 1, new CocoBox(x, y, w, h), w * h, false));
            return this;
        }

        Case crowd(int image, double x, double y, double w, double h) {
            truth.add(new GroundTruthBox(image, 1, new CocoBox(x, y, w, h), w * h, true));
            return this;
        }

        Case det(int image, double score, double x, double y, double w, double h) {
            detections.add(new PredictedBox(image, 1, new CocoBox(x, y, w, h), score));
            return this;
        }

        MapEvaluation eval(double conf) {
            return eval(conf, 0.5);
        }

        MapEvaluation eval(double conf, double iou) {
            return CocoEvaluator.evaluate(new DetectionGroundTruth(images, categories, truth), detections, conf, iou);
        }
    }

    private static void assertAp(MapEvaluation e, double map50, double map75, double map50To95) {
        assertThat(e.map50()).as("map50").isCloseTo(map50, within(TOL));
        assertThat(e.map75()).as("map75").isCloseTo(map75, within(TOL));
        assertThat(e.map50To95()).as("map50_95").isCloseTo(map50To95, within(TOL));
    }

    @Test
    void thresholdsAreNumpyLinspace() {
        // Values printed by numpy: np.linspace(.5, .95, 10) and np.linspace(0, 1, 101).
        assertThat(CocoEvaluator.iouThresholds()).containsExactly(0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85,
                0.8999999999999999, 0.95);
        double[] r = CocoEvaluator.recallThresholds();
        assertThat(r).hasSize(101);
        assertThat(r[0]).isEqualTo(0.0);
        assertThat(r[35]).isEqualTo(0.35000000000000003);
        assertThat(r[50]).isEqualTo(0.5);
        assertThat(r[57]).isEqualTo(0.5700000000000001);
        assertThat(r[100]).isEqualTo(1.0);
    }

    @Test
    void iouUsesNoPlusOneAndDetectionAreaForCrowds() {
        // [0,0,10,10] vs [5,0,10,10]: overlap 5x10 = 50, union 100 + 100 - 50 = 150 (a +1 convention would give 55/187).
        assertThat(CocoBox.iou(new CocoBox(5, 0, 10, 10), new CocoBox(0, 0, 10, 10), false)).isEqualTo(50.0 / 150);
        // A 10x10 detection inside a 1000x1000 crowd: 100 / 100 (detection area) = 1, not 100 / 1e6.
        assertThat(CocoBox.iou(new CocoBox(100, 100, 10, 10), new CocoBox(0, 0, 1000, 1000), true)).isEqualTo(1.0);
        assertThat(CocoBox.iou(new CocoBox(100, 100, 10, 10), new CocoBox(0, 0, 1000, 1000), false)).isEqualTo(1e-4);
        // Touching edges do not overlap.
        assertThat(CocoBox.iou(new CocoBox(10, 0, 10, 10), new CocoBox(0, 0, 10, 10), false)).isZero();
        assertThat(CocoBox.fromCorners(10, 20, 40, 60)).isEqualTo(new CocoBox(10, 20, 30, 40));
    }

    @Test
    void perfectDetectionsScoreOneAtEveryThreshold() {
        // Two images, one box each, each found exactly: precision 1 at recall .5 and 1, every sample is 1.
        MapEvaluation e = new Case(2).gt(0, 10, 10, 50, 50).gt(1, 20, 30, 40, 60)
                .det(0, 0.9, 10, 10, 50, 50).det(1, 0.8, 20, 30, 40, 60).eval(0.6);
        assertAp(e, 1, 1, 1);
        assertThat(e.precision()).isEqualTo(1.0);
        assertThat(e.recall()).isEqualTo(1.0);
        assertThat(List.of(e.truePositives(), e.falsePositives(), e.falseNegatives())).containsExactly(2, 0, 0);
        assertThat(e.toJson()).containsEntry("map50", 1.0).containsEntry("map50_95", 1.0);
    }

    @Test
    void noDetectionsScoreZero() {
        // Images have ground truth, so they take part; no detection: recall never leaves 0, every sample is 0.
        MapEvaluation e = new Case(2).gt(0, 10, 10, 50, 50).gt(1, 20, 30, 40, 60).eval(0.6);
        assertAp(e, 0, 0, 0);
        assertThat(e.precision()).isNaN();
        assertThat(e.recall()).isEqualTo(0.0);
        assertThat(e.falseNegatives()).isEqualTo(2);
        assertThat(e.warnings()).anySatisfy(w -> assertThat(w).contains("precision is undefined"));
        assertThat(e.toJson()).containsEntry("precision", null).containsEntry("map50", 0.0);
    }

    @Test
    void falsePositiveRankedFirst() {
        // One box. Sorted: FP (0.9), TP (0.8). tp = [0,1], fp = [1,1] -> recall [0, 1], precision [0, .5].
        // Envelope from the right: [.5, .5]. Recall point 0 -> index 0 (.5); every other point -> index 1 (.5).
        // AP = .5 at every threshold (the true box is exact).
        MapEvaluation e = new Case(1).gt(0, 0, 0, 10, 10)
                .det(0, 0.9, 50, 50, 10, 10).det(0, 0.8, 0, 0, 10, 10).eval(0.6);
        assertAp(e, 0.5, 0.5, 0.5);
        assertThat(e.precision()).isEqualTo(0.5);
        assertThat(e.recall()).isEqualTo(1.0);
    }

    @Test
    void duplicateBelowTheTruePositiveLeavesApButCountsAtConf() {
        // Two detections on one box: 0.9 takes it, 0.7 finds it taken -> FP. tp [1,1], fp [0,1]:
        // recall [1,1], precision [1,.5] -> envelope [1,.5]; every recall point -> index 0 -> AP 1.
        Case c = new Case(1).gt(0, 0, 0, 10, 10).det(0, 0.9, 0, 0, 10, 10).det(0, 0.7, 0, 0, 10, 10);
        MapEvaluation e = c.eval(0.6);
        assertAp(e, 1, 1, 1);
        // At conf 0.6 both count: TP 1, FP 1 -> precision .5; at conf 0.8 only the first: precision 1.
        assertThat(e.precision()).isEqualTo(0.5);
        assertThat(e.falsePositives()).isEqualTo(1);
        assertThat(c.eval(0.8).precision()).isEqualTo(1.0);
    }

    @Test
    void severalImagesWithMixedResults() {
        // Image 0: boxes A, B; d1 (0.95) on A, d2 (0.90) on nothing. Image 1: box C; d3 (0.85) on C.
        // Image 2: box D, no detection (missed). Image 3: no box; d4 (0.80) -> FP. Boxes to find: 4.
        // Sorted: d1 TP, d2 FP, d3 TP, d4 FP. tp [1,1,2,2], fp [0,1,1,2]:
        //   recall    [.25, .25, .5, .5]
        //   precision [1, .5, 2/3, .5] -> envelope [1, 2/3, 2/3, .5]
        // Recall points 0..0.25 (26 points) -> index 0 -> 1; 0.26..0.50 (25 points) -> index 2 -> 2/3;
        // 0.51..1 (50 points) past the last recall -> 0. AP = (26 + 25 * 2/3) / 101 = 128/303 at every threshold.
        Case c = new Case(4).gt(0, 0, 0, 10, 10).gt(0, 20, 0, 10, 10).gt(1, 0, 0, 10, 10).gt(2, 0, 0, 10, 10)
                .det(0, 0.95, 0, 0, 10, 10).det(0, 0.90, 50, 50, 10, 10).det(1, 0.85, 0, 0, 10, 10)
                .det(3, 0.80, 0, 0, 10, 10);
        MapEvaluation e = c.eval(0.6);
        assertAp(e, 128.0 / 303, 128.0 / 303, 128.0 / 303);
        // conf 0.6: all four -> TP 2, FP 2, FN 2 (B and D).
        assertThat(List.of(e.truePositives(), e.falsePositives(), e.falseNegatives())).containsExactly(2, 2, 2);
        assertThat(e.precision()).isEqualTo(0.5);
        assertThat(e.recall()).isEqualTo(0.5);
        assertThat(e.images()).isEqualTo(4);
        assertThat(e.gtBoxes()).isEqualTo(4);
        assertThat(e.detections()).isEqualTo(4);
        // conf 0.88: d1, d2 -> TP 1, FP 1, FN 3.
        MapEvaluation high = c.eval(0.88);
        assertThat(high.precision()).isEqualTo(0.5);
        assertThat(high.recall()).isEqualTo(0.25);
    }

    @Test
    void matchAtIouPointSixButNotPointSevenFive() {
        // Box [0,0,10,10], detection [0,0,10,6]: overlap 60, union 100 -> IoU 60/100, the same double as 0.6.
        // pycocotools skips a box only when iou < threshold, so the threshold 0.6 itself still matches.
        // Thresholds .50, .55, .60 -> AP 1; .65 ... .95 -> no TP, AP 0. map50_95 = 3/10.
        assertThat(CocoBox.iou(new CocoBox(0, 0, 10, 6), new CocoBox(0, 0, 10, 10), false)).isEqualTo(0.6);
        Case c = new Case(1).gt(0, 0, 0, 10, 10).det(0, 0.9, 0, 0, 10, 6);
        assertAp(c.eval(0.6), 1, 0, 0.3);
        assertThat(c.eval(0.6, 0.6).truePositives()).isEqualTo(1);
        assertThat(c.eval(0.6, 0.61).truePositives()).isZero();
    }

    @Test
    void eachDetectionTakesTheFreeBoxOfHighestIou() {
        // Boxes A [0,0,10,10] and B [4,0,10,10]. d1 (0.9) [3,0,10,10]: IoU A = 70/130 = .538, B = 90/110 = .818,
        // so it takes B (first-found matching would take A and leave d2 nothing). d2 (0.8) = A exactly.
        // Thresholds .50 ... .80 (7): both TP, AP 1. Thresholds .85, .90, .95: d1 matches nothing (FP), d2 TP:
        // recall [0, .5], precision [0, .5] -> envelope .5 for recall points 0 ... .5 (51 points), 0 after:
        // AP = 25.5/101. map50_95 = (7 + 3 * 25.5/101) / 10.
        MapEvaluation e = new Case(1).gt(0, 0, 0, 10, 10).gt(0, 4, 0, 10, 10)
                .det(0, 0.9, 3, 0, 10, 10).det(0, 0.8, 0, 0, 10, 10).eval(0.6);
        assertAp(e, 1, 1, (7 + 3 * 25.5 / 101) / 10);
    }

    @Test
    void onlyTheHundredBestDetectionsPerImageCount() {
        // 99 FPs above the one TP: the TP ranks 100th. tp/fp at the end: 1/99 -> precision 1/100, recall 1;
        // the envelope spreads 1/100 to every earlier rank, so every recall point samples .01: AP = .01.
        Case kept = new Case(1).gt(0, 0, 0, 10, 10);
        for (int i = 0; i < 99; i++) {
            kept.det(0, 0.99 - i * 0.001, 100 + i, 100, 10, 10);
        }
        kept.det(0, 0.5, 0, 0, 10, 10);
        assertAp(kept.eval(0.6), 0.01, 0.01, 0.01);
        assertThat(kept.eval(0.6).warnings()).noneSatisfy(w -> assertThat(w).contains("maxDets"));

        // 100 FPs above it: the TP is the 101st and is dropped. Recall stays 0; point 0 samples precision 0.
        Case cut = new Case(1).gt(0, 0, 0, 10, 10);
        for (int i = 0; i < 100; i++) {
            cut.det(0, 0.99 - i * 0.001, 100 + i, 100, 10, 10);
        }
        cut.det(0, 0.5, 0, 0, 10, 10);
        MapEvaluation e = cut.eval(0.4);
        assertAp(e, 0, 0, 0);
        assertThat(e.truePositives()).isZero(); // the cut applies at the confidence threshold too
        assertThat(e.falsePositives()).isEqualTo(100);
        assertThat(e.warnings()).anySatisfy(w -> assertThat(w).contains("maxDets"));
    }

    @Test
    void crowdBoxesAbsorbDetectionsAndNeedNotBeFound() {
        // Box A [0,0,10,10] and a crowd region [100,100,50,50]. d1 (0.9) and d2 (0.85) lie inside the crowd:
        // IoU = overlap / detection area = 1, both match it (a crowd can be matched again) and are ignored.
        // d3 (0.8) = A. Ignored detections keep their rank but count neither way: tp [0,0,1], fp [0,0,0],
        // recall [0,0,1], precision [0, 0, 1] -> envelope [1,1,1] -> AP 1. Only A is to be found.
        Case crowd = new Case(1).gt(0, 0, 0, 10, 10).crowd(0, 100, 100, 50, 50)
                .det(0, 0.9, 110, 110, 10, 10).det(0, 0.85, 130, 130, 10, 10).det(0, 0.8, 0, 0, 10, 10);
        MapEvaluation e = crowd.eval(0.6);
        assertAp(e, 1, 1, 1);
        assertThat(e.gtBoxes()).isEqualTo(1);
        assertThat(e.gtIgnored()).isEqualTo(1);
        assertThat(List.of(e.truePositives(), e.falsePositives(), e.falseNegatives(), e.ignoredDetections()))
                .containsExactly(1, 0, 0, 2);

        // The same region as an ordinary box: d1, d2 have IoU 100/2500 with it -> FPs, and it must be found.
        // tp [0,0,1], fp [1,2,2], recall [0,0,.5], precision [0,0,1/3] -> envelope 1/3 for recall points
        // 0 ... .5 (51 points), 0 after: AP = 51/101 / 3 = 17/101.
        Case plain = new Case(1).gt(0, 0, 0, 10, 10).gt(0, 100, 100, 50, 50)
                .det(0, 0.9, 110, 110, 10, 10).det(0, 0.85, 130, 130, 10, 10).det(0, 0.8, 0, 0, 10, 10);
        assertAp(plain.eval(0.6), 17.0 / 101, 17.0 / 101, 17.0 / 101);
    }

    @Test
    void aRealBoxMatchedFirstIsNotGivenUpForACrowd() {
        // Box A [0,0,10,10] inside a crowd [0,0,100,100]; one detection exactly on A. IoU with A is 1, and with the
        // crowd also 1 (overlap / detection area). Real boxes are tried first and, once one matched, pycocotools
        // stops before the ignored ones: TP, AP 1. Letting the crowd take it would leave A unfound (AP 0).
        MapEvaluation e = new Case(1).crowd(0, 0, 0, 100, 100).gt(0, 0, 0, 10, 10).det(0, 0.9, 0, 0, 10, 10).eval(0.6);
        assertAp(e, 1, 1, 1);
        assertThat(e.truePositives()).isEqualTo(1);
        assertThat(e.ignoredDetections()).isZero();
    }

    @Test
    void onlyCrowdOrNoGroundTruthIsUndefinedNotACrash() {
        MapEvaluation crowdOnly = new Case(1).crowd(0, 0, 0, 10, 10).det(0, 0.9, 0, 0, 10, 10).eval(0.6);
        assertThat(crowdOnly.map50()).isNaN();
        assertThat(crowdOnly.map50To95()).isNaN();
        assertThat(crowdOnly.recall()).isNaN();
        assertThat(crowdOnly.warnings()).anySatisfy(w -> assertThat(w).contains("mAP is undefined"));
        assertThat(crowdOnly.toJson()).containsEntry("map50", null).containsEntry("map50_95", null);

        MapEvaluation empty = new Case(2).det(1, 0.9, 0, 0, 10, 10).eval(0.6);
        assertThat(empty.map50()).isNaN();
        assertThat(empty.falsePositives()).isEqualTo(1);
        assertThat(empty.precision()).isEqualTo(0.0);

        MapEvaluation nothing = new Case(0).eval(0.6);
        assertThat(nothing.map50()).isNaN();
        assertThat(nothing.images()).isZero();
    }

    @Test
    void categoriesAreAveragedOverThoseWithGroundTruth() {
        // Category 1: one box found exactly -> AP 1. Category 2: FP (0.9) before TP (0.8) -> AP .5 (as in
        // falsePositiveRankedFirst). Category 3: a detection but no box -> no AP (pycocotools -1), left out.
        // mAP = (1 + .5) / 2 = .75.
        Case c = new Case(1);
        c.categories = List.of(new Category(3, "hand"), new Category(1, "face"), new Category(2, "eye"));
        c.truth.add(new GroundTruthBox(0, 1, new CocoBox(0, 0, 10, 10), 100, false));
        c.truth.add(new GroundTruthBox(0, 2, new CocoBox(0, 0, 10, 10), 100, false));
        c.detections.add(new PredictedBox(0, 1, new CocoBox(0, 0, 10, 10), 0.9));
        c.detections.add(new PredictedBox(0, 2, new CocoBox(50, 50, 10, 10), 0.9));
        c.detections.add(new PredictedBox(0, 2, new CocoBox(0, 0, 10, 10), 0.8));
        c.detections.add(new PredictedBox(0, 3, new CocoBox(0, 0, 10, 10), 0.5));
        c.detections.add(new PredictedBox(0, 9, new CocoBox(0, 0, 10, 10), 0.9)); // unknown category
        MapEvaluation e = c.eval(0.6);
        assertAp(e, 0.75, 0.75, 0.75);
        assertThat(e.perCategory()).extracting(MapEvaluation.CategoryResult::categoryId).containsExactly(3L, 1L, 2L);
        assertThat(e.perCategory().get(0).ap50()).isNaN();
        assertThat(e.perCategory().get(1).ap50()).isCloseTo(1, within(TOL));
        assertThat(e.perCategory().get(2).ap50()).isCloseTo(0.5, within(TOL));
        assertThat(e.warnings()).anySatisfy(w -> assertThat(w).contains("category 3 'hand'"))
                .anySatisfy(w -> assertThat(w).contains("1 detections of category ids [9]"));
        // Precision at conf 0.6 pools the categories: TP 2 (cat 1, cat 2), FP 1 (cat 2); cat 3's 0.5 is below.
        assertThat(List.of(e.truePositives(), e.falsePositives(), e.falseNegatives())).containsExactly(2, 1, 0);
        @SuppressWarnings("unchecked")
        List<java.util.Map<String, Object>> perClass = (List<java.util.Map<String, Object>>) e.toJson()
                .get("ap50_per_class");
        assertThat(perClass).hasSize(3);
        assertThat(perClass.get(0)).containsEntry("ap50", null).containsEntry("name", "hand");
    }

    @Test
    void singleCategoryHasNoPerClassList() {
        MapEvaluation e = new Case(1).gt(0, 0, 0, 10, 10).det(0, 0.9, 0, 0, 10, 10).eval(0.6);
        assertThat(e.toJson()).doesNotContainKey("ap50_per_class")
                .containsEntry("definition", MapEvaluation.DEFINITION).containsKeys("tp", "fp", "fn", "iou", "conf");
    }

    @Test
    void equalScoresKeepFileOrder() {
        // Two detections with the same score on one box: the first in file order takes it (stable sort), the second
        // is the FP. With the FP first instead (a score of 0.9 vs 0.9 gives no reason to reorder) AP would be .5.
        MapEvaluation e = new Case(1).gt(0, 0, 0, 10, 10)
                .det(0, 0.9, 0, 0, 10, 10).det(0, 0.9, 50, 50, 10, 10).eval(0.6);
        // tp [1,1], fp [0,1] -> envelope [1, .5], all points at index 0 -> AP 1.
        assertAp(e, 1, 1, 1);
        MapEvaluation swapped = new Case(1).gt(0, 0, 0, 10, 10)
                .det(0, 0.9, 50, 50, 10, 10).det(0, 0.9, 0, 0, 10, 10).eval(0.6);
        assertAp(swapped, 0.5, 0.5, 0.5);
    }
}
