package org.anivid.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.anivid.core.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Input formats of {@code ./anivid eval map}: COCO and {@code anivid faces} output, and their errors. */
class DetectionFileReaderTest {
    private static final double TOL = 1e-12;

    @TempDir
    Path tmp;

    private Path write(String name, String json) throws Exception {
        return Files.writeString(tmp.resolve(name), json);
    }

    private static final String COCO_GT = """
            {"images": [{"id": 2, "file_name": "imgs/2.jpg"}, {"id": 1, "file_name": "imgs/1.jpg"},
                        {"id": 3, "file_name": "other/1.jpg"}, {"id": 4, "file_name": "clip.mp4"},
                        {"id": 5, "file_name": "clip.mp4#3"}],
             "annotations": [{"id": 1, "image_id": 1, "category_id": 1, "bbox": [10, 20, 30, 40], "area": 1200,
                              "iscrowd": 0}],
             "categories": [{"id": 1, "name": "face"}]}
            """;

    @Test
    void cocoGroundTruthAndResults() throws Exception {
        Path gt = write("gt.json", COCO_GT);
        Path pred = write("pred.json", """
                [{"image_id": 1, "category_id": 1, "bbox": [10, 20, 30, 40], "score": 0.9},
                 {"image_id": 5, "category_id": 1, "bbox": [0, 0, 5, 5], "score": 0.3}]
                """);
        DetectionFileReader.GroundTruthFile g = DetectionFileReader.readGroundTruth(gt);
        assertThat(g.format()).isEqualTo("coco");
        // Images in id order, as pycocotools evaluates them.
        assertThat(g.groundTruth().images()).extracting(DetectionGroundTruth.Image::id)
                .containsExactly("1", "2", "3", "4", "5");
        assertThat(g.groundTruth().boxes().get(0).box()).isEqualTo(new CocoBox(10, 20, 30, 40));
        DetectionFileReader.PredictionsFile p = DetectionFileReader.readPredictions(pred, g);
        assertThat(p.format()).isEqualTo("coco-results");
        assertThat(p.predictions()).extracting(PredictedBox::imageIndex).containsExactly(0, 4);
        MapEvaluation e = DetectionMap.evaluate(gt, pred, 0.6, 0.5);
        assertThat(e.map50To95()).isCloseTo(1, within(TOL));
        assertThat(e.detections()).isEqualTo(2);
        assertThat(e.falsePositives()).isZero(); // the 0.3 one is below conf
    }

    @Test
    void facesCornersAreConvertedToCocoWidths() throws Exception {
        // GT [x,y,w,h] = [10,20,30,40] is the box [x1,y1,x2,y2] = [10,20,40,60]. Read as corners the match is
        // exact (AP 1 at every threshold); misread as [x,y,w,h] = [10,20,40,60] the IoU would be 1200/2400 = .5,
        // so map75 would be 0.
        Path gt = write("gt.json", COCO_GT);
        Path pred = write("faces.json", """
                {"results": [{"file": "/data/set/imgs/1.jpg", "frame": 0, "boxes": [[10, 20, 40, 60, 0.9]]}]}
                """);
        MapEvaluation e = DetectionMap.evaluate(gt, pred, 0.6, 0.5);
        assertThat(e.inputs().predictionsFormat()).isEqualTo("anivid-faces");
        assertThat(e.map50()).isCloseTo(1, within(TOL));
        assertThat(e.map75()).isCloseTo(1, within(TOL));
        assertThat(e.map50To95()).isCloseTo(1, within(TOL));
    }

    @Test
    void facesFilesFindGroundTruthImagesByPath() throws Exception {
        DetectionFileReader.GroundTruthFile g = DetectionFileReader.readGroundTruth(write("gt.json", COCO_GT));
        // Image indices in id order: 0 imgs/1.jpg, 1 imgs/2.jpg, 2 other/1.jpg, 3 clip.mp4, 4 clip.mp4#3.
        Path pred = write("faces.json", """
                {"results": [
                  {"file": "/data/set/imgs/1.jpg", "boxes": [[0, 0, 1, 1, 0.5]]},
                  {"file": "2.jpg", "frame": 0, "boxes": [[0, 0, 1, 1, 0.5]]},
                  {"file": "C:\\\\shows\\\\other\\\\1.jpg", "frame": 0, "boxes": [[0, 0, 1, 1, 0.5]]},
                  {"file": "/videos/clip.mp4", "frame": 0, "boxes": [[0, 0, 1, 1, 0.5]]},
                  {"file": "/videos/clip.mp4", "frame": 3, "boxes": [[0, 0, 1, 1, 0.5]]}]}
                """);
        DetectionFileReader.PredictionsFile p = DetectionFileReader.readPredictions(pred, g);
        assertThat(p.predictions()).extracting(PredictedBox::imageIndex).containsExactly(0, 1, 2, 3, 4);
        assertThat(p.predictions()).extracting(PredictedBox::categoryId).containsOnly(1L);

        // "1.jpg" alone fits imgs/1.jpg and other/1.jpg equally: refuse rather than guess.
        Path ambiguous = write("amb.json", """
                {"results": [{"file": "1.jpg", "frame": 0, "boxes": []}]}""");
        assertBad(() -> DetectionFileReader.readPredictions(ambiguous, g), ambiguous, "fits several images");
        Path unknown = write("unknown.json", """
                {"results": [{"file": "/x/9.jpg", "frame": 0, "boxes": []}]}""");
        assertBad(() -> DetectionFileReader.readPredictions(unknown, g), unknown,
                "results[0]: /x/9.jpg is not an image of the ground truth");
        Path twice = write("twice.json", """
                {"results": [{"file": "a/imgs/2.jpg", "boxes": []}, {"file": "b/imgs/2.jpg", "boxes": []}]}""");
        assertBad(() -> DetectionFileReader.readPredictions(twice, g), twice, "both fall on");
    }

    @Test
    void facesOutputAsGroundTruth() throws Exception {
        // Ground truth in the faces format: corners, a score if present is ignored; frames after 0 are file#frame.
        Path gt = write("gt.json", """
                {"results": [{"file": "ep1/a.png", "frame": 0, "boxes": [[10, 20, 40, 60], [100, 100, 150, 160, 0.2]]},
                             {"file": "ep1/v.mp4", "frame": 7, "boxes": [[0, 0, 10, 10]]}]}
                """);
        Path pred = write("pred.json", """
                {"results": [{"file": "/abs/ep1/a.png", "frame": 0, "boxes": [[10, 20, 40, 60, 0.95]]},
                             {"file": "/abs/ep1/v.mp4", "frame": 7, "boxes": [[0, 0, 10, 10, 0.7]]}]}
                """);
        MapEvaluation e = DetectionMap.evaluate(gt, pred, 0.6, 0.5);
        assertThat(e.inputs().groundTruthFormat()).isEqualTo("anivid-faces");
        assertThat(e.gtBoxes()).isEqualTo(3);
        // Found 2 of 3 with no FP: recall [1/3, 2/3], precision 1 -> points 0 .. .66 (67) sample 1: AP = 67/101.
        assertThat(e.map50()).isCloseTo(67.0 / 101, within(TOL));
        assertThat(e.recall()).isEqualTo(2.0 / 3);

        Path coco = write("coco.json", "[]");
        assertBad(() -> DetectionMap.evaluate(gt, coco, 0.6, 0.5), coco, "name images by id");
    }

    @Test
    void emptyResultsListIsNoDetections() throws Exception {
        // pycocotools' loadRes fails on an empty list; here it simply means nothing was detected.
        MapEvaluation e = DetectionMap.evaluate(write("gt.json", COCO_GT), write("pred.json", "[]"), 0.6, 0.5);
        assertThat(e.map50()).isEqualTo(0.0);
        assertThat(e.falseNegatives()).isEqualTo(1);
    }

    @Test
    void ignoreKeyDoesNotHideABoxButIscrowdDoes() throws Exception {
        // pycocotools (bbox): gt['ignore'] = 'iscrowd' in gt and gt['iscrowd'] — an 'ignore' key is overwritten.
        Path gt = write("gt.json", """
                {"images": [{"id": 1}],
                 "annotations": [{"id": 1, "image_id": 1, "category_id": 1, "bbox": [0, 0, 10, 10], "ignore": 1},
                                 {"id": 2, "image_id": 1, "category_id": 1, "bbox": [50, 50, 10, 10], "iscrowd": 1}],
                 "categories": [{"id": 1, "name": "face"}]}
                """);
        MapEvaluation e = DetectionMap.evaluate(gt, write("pred.json", "[]"), 0.6, 0.5);
        assertThat(e.gtBoxes()).isEqualTo(1);
        assertThat(e.gtIgnored()).isEqualTo(1);
        assertThat(e.warnings()).anySatisfy(w -> assertThat(w).contains("'ignore' set without 'iscrowd'"));
    }

    @Test
    void missingCategoriesListUsesTheAnnotationsCategories() throws Exception {
        Path gt = write("gt.json", """
                {"images": [{"id": 1}], "annotations": [{"image_id": 1, "category_id": 4, "bbox": [0, 0, 10, 10]}]}
                """);
        Path pred = write("pred.json", """
                [{"image_id": 1, "category_id": 4, "bbox": [0, 0, 10, 10], "score": 0.9}]""");
        MapEvaluation e = DetectionMap.evaluate(gt, pred, 0.6, 0.5);
        assertThat(e.map50()).isCloseTo(1, within(TOL));
        assertThat(e.warnings()).anySatisfy(w -> assertThat(w).contains("no 'categories' list"));
    }

    @Test
    void facesPredictionsNeedOneCategoryOrOneNamedFace() throws Exception {
        Path faces = write("faces.json", """
                {"results": [{"file": "imgs/1.jpg", "boxes": [[10, 20, 40, 60, 0.9]]}]}""");
        Path twoWithFace = write("gt2.json", COCO_GT.replace("[{\"id\": 1, \"name\": \"face\"}]",
                "[{\"id\": 1, \"name\": \"Face\"}, {\"id\": 2, \"name\": \"hand\"}]"));
        assertThat(DetectionMap.evaluate(twoWithFace, faces, 0.6, 0.5).map50()).isCloseTo(1, within(TOL));
        Path twoWithout = write("gt3.json", COCO_GT.replace("[{\"id\": 1, \"name\": \"face\"}]",
                "[{\"id\": 1, \"name\": \"cat\"}, {\"id\": 2, \"name\": \"hand\"}]"));
        assertBad(() -> DetectionMap.evaluate(twoWithout, faces, 0.6, 0.5), faces, "not exactly one named 'face'");
    }

    @Test
    void badInputIsOneLineNamingTheFile() throws Exception {
        Path gt = write("gt.json", COCO_GT);
        Path missing = tmp.resolve("missing.json");
        assertBad(() -> DetectionMap.evaluate(missing, gt, 0.6, 0.5), missing, "file not found");
        Path empty = write("empty.json", "");
        assertBad(() -> DetectionMap.evaluate(empty, gt, 0.6, 0.5), empty, "file is empty");
        Path notJson = write("not.json", "images: 1\n");
        assertBad(() -> DetectionMap.evaluate(notJson, gt, 0.6, 0.5), notJson, "not valid JSON at line 1");
        Path truncated = write("cut.json", COCO_GT.substring(0, 60));
        assertBad(() -> DetectionMap.evaluate(truncated, gt, 0.6, 0.5), truncated, "not valid JSON");
        Path shape = write("shape.json", "{\"videos\": []}");
        assertBad(() -> DetectionMap.evaluate(shape, gt, 0.6, 0.5), shape, "found keys {videos}");
        assertBad(() -> DetectionMap.evaluate(gt, shape, 0.6, 0.5), shape, "not detections");

        Path threeNumbers = write("three.json", """
                [{"image_id": 1, "category_id": 1, "bbox": [10, 20, 30], "score": 0.9}]""");
        assertBad(() -> DetectionMap.evaluate(gt, threeNumbers, 0.6, 0.5), threeNumbers,
                "[0].bbox must be [x, y, width, height], got 3 numbers");
        Path negative = write("neg.json", """
                [{"image_id": 1, "category_id": 1, "bbox": [10, 20, -30, 40], "score": 0.9}]""");
        assertBad(() -> DetectionMap.evaluate(gt, negative, 0.6, 0.5), negative, "negative width");
        Path unknownImage = write("img.json", """
                [{"image_id": 42, "category_id": 1, "bbox": [10, 20, 30, 40], "score": 0.9}]""");
        assertBad(() -> DetectionMap.evaluate(gt, unknownImage, 0.6, 0.5), unknownImage,
                "image_id 42 is not an image of the ground truth");
        Path noScore = write("noscore.json", """
                [{"image_id": 1, "category_id": 1, "bbox": [10, 20, 30, 40]}]""");
        assertBad(() -> DetectionMap.evaluate(gt, noScore, 0.6, 0.5), noScore, "[0].score must be a number (missing)");
        Path facesNoScore = write("faces.json", """
                {"results": [{"file": "imgs/1.jpg", "frame": 0, "boxes": [[10, 20, 40, 60]]}]}""");
        assertBad(() -> DetectionMap.evaluate(gt, facesNoScore, 0.6, 0.5), facesNoScore,
                "must be [x1, y1, x2, y2, score], got 4 numbers");
        Path facesFlipped = write("flip.json", """
                {"results": [{"file": "imgs/1.jpg", "frame": 0, "boxes": [[40, 20, 10, 60, 0.9]]}]}""");
        assertBad(() -> DetectionMap.evaluate(gt, facesFlipped, 0.6, 0.5), facesFlipped, "negative width");
        Path gtBadImage = write("gtbad.json", """
                {"images": [{"id": 1}], "annotations": [{"image_id": 2, "category_id": 1, "bbox": [0, 0, 1, 1]}]}""");
        assertBad(() -> DetectionMap.evaluate(gtBadImage, gt, 0.6, 0.5), gtBadImage,
                "annotations[0]: image_id 2 is not in 'images'");
        assertThatThrownBy(() -> DetectionMap.evaluate(gt, gt, 1.5, 0.5)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("[0, 1]");
    }

    private static void assertBad(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, Path file,
            String reason) {
        assertThatThrownBy(call).isInstanceOfSatisfying(InvalidInputException.class, e -> {
            assertThat(e.file()).isEqualTo(file);
            assertThat(e.getMessage()).startsWith(file + ": ").contains(reason).doesNotContain("\n");
        });
    }

    @Test
    void pathSegmentsIgnoreSeparatorsAndDots() {
        assertThat(DetectionFileReader.GroundTruthPaths.segments("./a//b\\c.jpg")).isEqualTo(List.of("a", "b", "c.jpg"));
    }
}
