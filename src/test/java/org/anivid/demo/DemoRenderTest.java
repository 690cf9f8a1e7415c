package org.anivid.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.anivid.core.RgbImage;
import org.junit.jupiter.api.Test;

/** The pictures as drawn, before the codec: exact holds, exact stills, and faces where the truth boxes are. */
class DemoRenderTest {
    private final DemoEpisodeGenerator generator = new DemoEpisodeGenerator();
    private final DemoTruth truth = generator.truth();

    @Test
    void drawingIsDeterministic() {
        assertThat(generator.renderFrame(123).pixels()).isEqualTo(new DemoEpisodeGenerator().renderFrame(123).pixels());
    }

    @Test
    void heldDrawingsRepeatExactlyAndChangedDrawingsDifferInTheFace() {
        int changedPairs = 0;
        for (DemoTruth.ShotTruth shot : truth.shots()) {
            if (shot.hold() != 2) {
                continue;
            }
            RgbImage previous = null;
            for (int f = shot.start(); f < shot.end(); f++) {
                RgbImage image = generator.renderFrame(f);
                DemoTruth.FrameTruth ft = truth.frames().get(f);
                DemoTruth.FrameTruth pt = f > 0 ? truth.frames().get(f - 1) : null;
                boolean effectChanged = pt == null || pt.brightness() != ft.brightness() || pt.white() != ft.white()
                        || pt.subtitle() != ft.subtitle();
                if (previous != null && !effectChanged) {
                    boolean same = Arrays.equals(image.pixels(), previous.pixels());
                    if ((f - shot.start()) % 2 == 1) {
                        assertThat(same).as("frame %d holds the drawing of frame %d", f, f - 1).isTrue();
                    } else if (drawingChanged(pt, ft)) {
                        assertThat(same).as("frame %d shows a new drawing", f).isFalse();
                        // The change is inside the face box: outside it the picture is untouched.
                        double[] box = ft.faces().stream().filter(x -> changed(pt, x)).findFirst().orElseThrow().box();
                        assertThat(GeneratedDemo.meanAbs(image, previous, (int) box[0], (int) box[1],
                                (int) box[2] + 1, (int) box[3] + 1)).isPositive();
                        changedPairs++;
                    } else {
                        assertThat(same).as("frame %d repeats an unchanged drawing", f).isTrue();
                    }
                }
                previous = image;
            }
        }
        assertThat(changedPairs).isGreaterThan(50);
    }

    @Test
    void theStillShotIsOneHeldPicture() {
        DemoTruth.ShotTruth still = truth.shots().stream().filter(s -> s.kind().equals("still")).findFirst()
                .orElseThrow();
        byte[] first = generator.renderFrame(still.start()).pixels();
        for (int f = still.start() + 1; f < still.end(); f++) {
            assertThat(generator.renderFrame(f).pixels()).as("frame %d", f).isEqualTo(first);
        }
    }

    @Test
    void theFaceIsInsideItsBoxAndNotOutside() {
        for (int f : new int[] {10, 80, 150, 200, 240, 300, 390, 450}) {
            RgbImage image = generator.renderFrame(f);
            for (DemoTruth.FaceTruth face : truth.frames().get(f).faces()) {
                double[] b = face.box();
                assertThat(GeneratedDemo.skin(image, b)).as("skin in the box on frame %d", f).isGreaterThan(0.3);
                // A box of the same size beside the face (same height) holds little skin.
                double w = b[2] - b[0];
                double[] beside = b[0] > w ? new double[] {b[0] - w, b[1], b[0], b[3]}
                        : new double[] {b[2], b[1], b[2] + w, b[3]};
                assertThat(GeneratedDemo.skin(image, beside)).as("skin beside the box on frame %d", f)
                        .isLessThan(0.15);
                // Dark irises sit just above the middle of the box (columns clear of the side locks).
                assertThat(darkFraction(image, b[0] + 0.15 * w, b[1] + 0.45 * (b[3] - b[1]), b[2] - 0.15 * w,
                        b[1] + 0.6 * (b[3] - b[1])))
                        .as("eyes on frame %d", f).isGreaterThan(face.eyes().equals("closed") ? 0.005 : 0.03);
            }
        }
    }

    @Test
    void flashFramesAreWhiteAndFadesGoToBlack() {
        assertThat(GeneratedDemo.meanAbs(generator.renderFrame(100), null, 0, 0, 640, 360)).isEqualTo(255.0);
        assertThat(GeneratedDemo.meanAbs(generator.renderFrame(101), null, 0, 0, 640, 360)).isGreaterThan(220);
        assertThat(GeneratedDemo.meanAbs(generator.renderFrame(274), null, 0, 0, 640, 360)).isZero();
        assertThat(GeneratedDemo.meanAbs(generator.renderFrame(275), null, 0, 0, 640, 360)).isZero();
        assertThat(GeneratedDemo.meanAbs(generator.renderFrame(276), null, 0, 0, 640, 360)).isBetween(3.0, 20.0);
    }

    private static boolean drawingChanged(DemoTruth.FrameTruth a, DemoTruth.FrameTruth b) {
        return b.faces().stream().anyMatch(x -> changed(a, x));
    }

    private static boolean changed(DemoTruth.FrameTruth previous, DemoTruth.FaceTruth face) {
        return previous.faces().stream().filter(p -> p.character().equals(face.character()))
                .anyMatch(p -> !p.mouth().equals(face.mouth()) || !p.eyes().equals(face.eyes()));
    }

    private static double darkFraction(RgbImage image, double x1, double y1, double x2, double y2) {
        int dark = 0;
        int total = 0;
        for (int y = (int) y1; y < (int) y2; y++) {
            for (int x = (int) x1; x < (int) x2; x++) {
                int rgb = image.rgb(x, y);
                int luma = (299 * (rgb >> 16 & 0xff) + 587 * (rgb >> 8 & 0xff) + 114 * (rgb & 0xff)) / 1000;
                total++;
                dark += luma < 60 ? 1 : 0;
            }
        }
        return dark / (double) total;
    }
}
