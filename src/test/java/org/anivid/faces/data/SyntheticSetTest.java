package org.anivid.faces.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.anivid.TestData;
import org.anivid.core.BoundingBox;
import org.anivid.core.RgbImage;
import org.anivid.faces.LbpCascadeDetector;
import org.anivid.faces.track.Detection;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The synthetic faces: deterministic, exact boxes that sit on drawn faces, and the variety the issue asks for. */
class SyntheticSetTest {
    private static final Logger LOG = LoggerFactory.getLogger(SyntheticSetTest.class);
    private static final int W = 320;
    private static final int H = 240;
    private static final int N = 150;
    private static List<LabelledImage> pictures;

    @BeforeAll
    static void draw() {
        pictures = SyntheticSet.training(0, N, W, H);
    }

    @Test
    void sameSeedGivesTheSamePixelsAndBoxes() {
        List<LabelledImage> again = SyntheticSet.training(0, 6, W, H);
        for (int i = 0; i < 6; i++) {
            assertThat(again.get(i).image().pixels()).isEqualTo(pictures.get(i).image().pixels());
            assertThat(again.get(i).boxes()).isEqualTo(pictures.get(i).boxes());
            assertThat(again.get(i).origin()).isEqualTo("synthetic:" + i);
        }
        // Each picture depends on its own seed only: drawing it alone gives the same picture.
        LabelledImage fifth = SyntheticSet.generate(4, 1, W, H).get(0);
        assertThat(fifth.image().pixels()).isEqualTo(pictures.get(4).image().pixels());
        assertThat(fifth.boxes()).isEqualTo(pictures.get(4).boxes());
        // And different seeds draw different pictures.
        for (int i = 1; i < 6; i++) {
            assertThat(pictures.get(i).image().pixels()).isNotEqualTo(pictures.get(i - 1).image().pixels());
        }
    }

    @Test
    void boxesLieInsideThePictureAndHaveAFaceSize() {
        float smallest = Float.MAX_VALUE;
        float largest = 0;
        for (LabelledImage p : pictures) {
            assertThat(p.image().width()).isEqualTo(W);
            assertThat(p.image().height()).isEqualTo(H);
            for (BoundingBox b : p.boxes()) {
                assertThat(b.x1()).as(p.origin()).isBetween(0f, (float) W);
                assertThat(b.x2()).as(p.origin()).isBetween(b.x1() + 4, (float) W);
                assertThat(b.y1()).as(p.origin()).isBetween(0f, (float) H);
                assertThat(b.y2()).as(p.origin()).isBetween(b.y1() + 4, (float) H);
                // A face box is about as wide as it is high (squash, turn and the border change that a little).
                boolean inside = b.x1() > 0 && b.y1() > 0 && b.x2() < W && b.y2() < H;
                if (inside) {
                    assertThat(b.width() / b.height()).as(p.origin()).isBetween(0.55f, 1.6f);
                    smallest = Math.min(smallest, b.height());
                }
                largest = Math.max(largest, b.height());
            }
        }
        LOG.info("synthetic face box heights from {} px (whole faces) to {} px", smallest, largest);
        assertThat(smallest).isBetween(15f, 30f);
        assertThat(largest).isGreaterThan(0.75f * H);
    }

    @Test
    void everyFaceCountFromZeroToFiveOccursAndFacesOverlap() {
        int[] counts = new int[6];
        int overlapping = 0;
        for (LabelledImage p : pictures) {
            assertThat(p.boxes().size()).isLessThanOrEqualTo(5);
            counts[p.boxes().size()]++;
            List<BoundingBox> b = p.boxes();
            for (int i = 0; i < b.size(); i++) {
                for (int j = i + 1; j < b.size(); j++) {
                    if (b.get(i).iou(b.get(j)) > 0) {
                        overlapping++;
                    }
                }
            }
        }
        LOG.info("faces per picture 0..5: {}; overlapping pairs {}", java.util.Arrays.toString(counts), overlapping);
        for (int c = 0; c <= 5; c++) {
            assertThat(counts[c]).as("pictures with %d faces", c).isGreaterThanOrEqualTo(5);
        }
        assertThat(overlapping).isGreaterThanOrEqualTo(5);
    }

    /**
     * The boxes are on faces: the lower middle of a face box (cheeks, nose and mouth) is mostly skin, across skin
     * tones, brightness changes and grey pictures, while the same region of a box moved one width sideways (onto no
     * other face) mostly is not. A box off its face by a fraction of its size fails the first count.
     */
    @Test
    void boxesSitOnSkinAndTheSameBoxesBesideTheFacesDoNot() {
        int faces = 0;
        int skinInBox = 0;
        int shifted = 0;
        int skinShifted = 0;
        for (LabelledImage p : pictures) {
            for (BoundingBox b : p.boxes()) {
                if (b.x1() <= 0 || b.y1() <= 0 || b.x2() >= W || b.y2() >= H) {
                    continue;
                }
                faces++;
                if (skinBelowTheEyes(p.image(), b) >= 0.5) {
                    skinInBox++;
                }
                for (float dx : new float[] {-b.width(), b.width()}) {
                    BoundingBox beside = new BoundingBox(b.x1() + dx, b.y1(), b.x2() + dx, b.y2());
                    if (beside.x1() >= 0 && beside.x2() <= W && p.boxes().stream().noneMatch(o -> o.iou(beside) > 0)) {
                        shifted++;
                        if (skinBelowTheEyes(p.image(), beside) >= 0.5) {
                            skinShifted++;
                        }
                    }
                }
            }
        }
        double inBox = skinInBox / (double) faces;
        double besideRate = skinShifted / (double) shifted;
        LOG.info("skin below the eyes in {} whole face boxes: {}; in {} boxes beside them: {}", faces, inBox, shifted,
                besideRate);
        assertThat(faces).isGreaterThan(150);
        assertThat(shifted).isGreaterThan(150);
        assertThat(inBox).isGreaterThan(0.75);
        assertThat(besideRate).isLessThan(0.3);
    }

    /** Fraction of skin pixels in the box's lower middle: 30–70 % across, 65–88 % down (cheeks, nose, mouth). */
    static double skinBelowTheEyes(RgbImage image, BoundingBox b) {
        float w = b.width();
        float h = b.height();
        int total = 0;
        int skin = 0;
        for (int y = Math.round(b.y1() + 0.65f * h); y < Math.round(b.y1() + 0.88f * h); y++) {
            for (int x = Math.round(b.x1() + 0.3f * w); x < Math.round(b.x1() + 0.7f * w); x++) {
                if (x >= 0 && y >= 0 && x < image.width() && y < image.height()) {
                    total++;
                    skin += skinPixel(image.rgb(x, y)) ? 1 : 0;
                }
            }
        }
        return total == 0 ? 0 : skin / (double) total;
    }

    /**
     * Skin as the palettes draw it (hue 0–50°, red highest, not saturated like hair or clothes, light enough), or any
     * light grey (grey pictures). Tinted pictures fall outside, which the thresholds above allow for.
     */
    static boolean skinPixel(int rgb) {
        int r = rgb >> 16 & 0xff;
        int g = rgb >> 8 & 0xff;
        int b = rgb & 0xff;
        int max = Math.max(r, Math.max(g, b));
        int min = Math.min(r, Math.min(g, b));
        if (max < 90) {
            return false;
        }
        double saturation = (max - min) / (double) max;
        if (saturation < 0.03) {
            return true;
        }
        double hue = (g - b) / (double) (max - min) * 60;
        return max == r && hue >= 0 && hue <= 50 && saturation <= 0.65;
    }

    @Test
    void theValidationSplitUsesSeedsTrainingCannotReach() {
        List<LabelledImage> validation = SyntheticSet.validation(3, W, H);
        assertThat(validation).extracting(LabelledImage::origin).containsExactly(
                "synthetic:" + SyntheticSet.VALIDATION_SEED, "synthetic:" + (SyntheticSet.VALIDATION_SEED + 1),
                "synthetic:" + (SyntheticSet.VALIDATION_SEED + 2));
        assertThat(validation).allMatch(v -> SyntheticSet.isValidation(v.origin()));
        assertThat(pictures).noneMatch(p -> SyntheticSet.isValidation(p.origin()));
        assertThat(SyntheticSet.isValidation("pseudo:x.mp4#3")).isFalse();
        assertThatThrownBy(() -> SyntheticSet.training(SyntheticSet.VALIDATION_SEED - 2, 3, W, H))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("validation");
        assertThatThrownBy(() -> SyntheticSet.training(-1, 1, W, H)).isInstanceOf(IllegalArgumentException.class);
        // The last training seed is still allowed.
        assertThat(SyntheticSet.training(SyntheticSet.VALIDATION_SEED - 1, 1, 96, 96)).hasSize(1);
        assertThatThrownBy(() -> SyntheticSet.generate(0, 1, 32, 240)).isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * A real anime face detector (nagadomi's LBP cascade, test data) sees faces in the drawings, and where it sees one
     * there is a box: its detections land on the generated boxes, not on hair, bodies, objects or backgrounds.
     */
    @Test
    void theAnimeFaceCascadeFindsTheFacesWhereTheBoxesAre() {
        int detections = 0;
        int onABox = 0;
        int faces = 0;
        int found = 0;
        try (LbpCascadeDetector cascade = LbpCascadeDetector.open(TestData.file("models/lbpcascade_animeface.xml"),
                "lbp-anime")) {
            for (LabelledImage p : pictures) {
                List<BoundingBox> seen = new ArrayList<>();
                for (Detection d : cascade.detect(p.image())) {
                    seen.add(d.box());
                    detections++;
                    if (p.boxes().stream().anyMatch(b -> b.iou(d.box()) >= 0.3f)) {
                        onABox++;
                    }
                }
                for (BoundingBox b : p.boxes()) {
                    if (b.height() >= 40) {
                        faces++;
                        if (seen.stream().anyMatch(s -> s.iou(b) >= 0.3f)) {
                            found++;
                        }
                    }
                }
            }
        }
        LOG.info("LBP cascade on {} synthetic pictures: {} of {} detections on a face box; finds {} of {} faces >= 40 px",
                pictures.size(), onABox, detections, found, faces);
        assertThat(detections).isGreaterThan(30);
        assertThat(onABox / (double) detections).isGreaterThan(0.9);
        assertThat(found / (double) faces).isGreaterThan(0.25);
    }
}
