package org.anivid.faces;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.anivid.TestData;
import org.anivid.core.BoundingBox;
import org.anivid.core.InvalidInputException;
import org.anivid.core.RgbImage;
import org.anivid.faces.track.Detection;
import org.anivid.media.ImageFiles;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The anime FaceBoxes weights in DJL, on the shared pictures with known faces. */
class FaceBoxesDetectorTest {
    private static final Logger LOG = LoggerFactory.getLogger(FaceBoxesDetectorTest.class);
    private static FaceBoxesDetector detector;

    @BeforeAll
    static void load() {
        Path weights = TestData.file("models/anime_faceboxes_epoch90.pth");
        detector = FaceBoxesDetector.open(weights, "faceboxes-anime", FaceBoxesOptions.defaults());
    }

    @AfterAll
    static void close() {
        if (detector != null) {
            detector.close();
        }
    }

    static List<Detection> above(List<Detection> found, float conf) {
        return found.stream().filter(d -> d.score() >= conf).toList();
    }

    @Test
    void findsExactlyOneFaceOnNineOfTheTenPortraits() throws IOException {
        List<Path> portraits;
        try (Stream<Path> files = Files.list(TestData.file("images/talking_head_anime_3"))) {
            portraits = files.filter(ImageFiles::isImage).sorted().toList();
        }
        assertThat(portraits).hasSize(10);
        int oneFace = 0;
        for (Path p : portraits) {
            List<Detection> faces = above(detector.detect(ImageFiles.read(p)), 0.6f);
            LOG.info("{}: {}", p.getFileName(), faces);
            if (faces.size() == 1) {
                oneFace++;
            }
        }
        assertThat(oneFace).isGreaterThanOrEqualTo(9);
    }

    /** The upstream PyTorch code's own boxes (conf ≥ 0.5, top trimmed) are reproduced box for box. */
    @Test
    void reproducesTheReferenceImplementationsBoxes() throws IOException {
        JsonNode silver = new ObjectMapper().readTree(TestData.file("GROUND_TRUTH_faces.json").toFile())
                .get("silver_boxes_anime_faceboxes_conf0.5");
        int compared = 0;
        for (var it = silver.fields(); it.hasNext(); ) {
            var entry = it.next();
            List<Detection> found = above(detector.detect(ImageFiles.read(TestData.file(entry.getKey()))), 0.5f);
            assertThat(found).as(entry.getKey()).hasSize(entry.getValue().size());
            for (JsonNode ref : entry.getValue()) {
                BoundingBox box = new BoundingBox((float) ref.get(0).asDouble(), (float) ref.get(1).asDouble(),
                        (float) ref.get(2).asDouble(), (float) ref.get(3).asDouble());
                Detection best = found.stream().max((a, b) -> Float.compare(a.box().iou(box), b.box().iou(box)))
                        .orElseThrow();
                assertThat(best.box().iou(box)).as(entry.getKey() + " " + ref).isGreaterThan(0.98f);
                assertThat((double) best.score()).as(entry.getKey() + " score").isCloseTo(ref.get(4).asDouble(),
                        org.assertj.core.data.Offset.offset(0.002));
                compared++;
            }
        }
        assertThat(compared).isGreaterThan(45);
    }

    @Test
    void findsAtLeast36OfThe38ReferenceFacesOnTheGrid() throws IOException {
        Path grid = TestData.file("images/hysts_tadne/input.jpg");
        JsonNode refs = new ObjectMapper().readTree(TestData.file("GROUND_TRUTH_faces.json").toFile())
                .get("images/hysts_tadne/input.jpg").get("silver_boxes_hysts_yolov3");
        List<Detection> found = above(detector.detect(ImageFiles.read(grid)), 0.6f);
        int matched = 0;
        List<String> missed = new ArrayList<>();
        for (JsonNode ref : refs) {
            BoundingBox box = new BoundingBox(ref.get(0).floatValue(), ref.get(1).floatValue(), ref.get(2).floatValue(),
                    ref.get(3).floatValue());
            if (found.stream().anyMatch(d -> d.box().iou(box) >= 0.3f)) {
                matched++;
            } else {
                missed.add(ref.toString());
            }
        }
        LOG.info("hysts grid: {} of {} reference faces found at conf 0.6 ({} detections); missed {}", matched,
                refs.size(), found.size(), missed);
        assertThat(refs.size()).isEqualTo(38);
        assertThat(matched).isGreaterThanOrEqualTo(36);
    }

    @Test
    void tinyAndBlankPicturesGiveNoFacesAndNoCrash() {
        assertThat(detector.detect(RgbImage.blank(1, 1))).isEmpty();
        assertThat(above(detector.detect(RgbImage.blank(640, 480)), 0.6f)).isEmpty();
    }

    /** A 10000² picture is shrunk to the network's largest side instead of exhausting memory. */
    @Test
    void aHugePictureIsShrunkNotACrash() {
        RgbImage huge = RgbImage.blank(10_000, 10_000);
        assertThat(org.anivid.media.ImageResize.fitWithin(huge, FaceBoxesTranslator.MAX_NETWORK_SIDE).width()).isEqualTo(4096);
        assertThat(above(detector.detect(huge), 0.6f)).isEmpty();
    }

    @Test
    void aCheckpointOfAnotherNetworkIsRefusedByName() {
        Path other = TestData.file("fomm_fixture/tiny-zip.pth.tar");
        assertThatThrownBy(() -> FaceBoxesDetector.open(other, "x", FaceBoxesOptions.defaults()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("tiny-zip.pth.tar");
    }
}
