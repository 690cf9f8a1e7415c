package org.anivid.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.anivid.core.BoundingBox;
import org.junit.jupiter.api.Test;

class CropTrackTest {
    private static final double SIGMA = CropTrack.sigmaFrames(24);

    private static BoundingBox box(double cx, double cy, double side) {
        return new BoundingBox((float) (cx - side / 2), (float) (cy - side / 2), (float) (cx + side / 2),
                (float) (cy + side / 2));
    }

    @Test
    void linearMotionGivesLinearCropsWithoutJitterEvenAtTheEnds() {
        List<BoundingBox> faces = new ArrayList<>();
        for (int i = 0; i < 72; i++) {
            faces.add(box(400 - 3 * i, 190 + 0.5 * i, 100));
        }
        List<CropTrack.Window> windows = CropTrack.compute(faces, 1.6, SIGMA);

        assertThat(windows).hasSize(72);
        for (int i = 0; i < 72; i++) {
            assertThat(windows.get(i).centerX()).isCloseTo(400 - 3 * i, within(1e-3));
            assertThat(windows.get(i).centerY()).isCloseTo(190 + 0.5 * i, within(1e-3));
            assertThat(windows.get(i).side()).isCloseTo(160, within(1e-3));
        }
        for (int i = 2; i < 72; i++) {
            double secondDifference = windows.get(i).centerX() - 2 * windows.get(i - 1).centerX()
                    + windows.get(i - 2).centerX();
            assertThat(secondDifference).as("acceleration at frame %d", i).isCloseTo(0, within(1e-3));
        }
    }

    @Test
    void jitteryFaceGivesCropsMovingFarLessThanTheNoise() {
        Random random = new Random(7);
        List<BoundingBox> faces = new ArrayList<>();
        int n = 120;
        for (int i = 0; i < n; i++) {
            double noiseX = (random.nextDouble() * 2 - 1) * 3;
            double noiseY = (random.nextDouble() * 2 - 1) * 3;
            double noiseSide = (random.nextDouble() * 2 - 1) * 3;
            faces.add(box(320 + i * 0.5 + noiseX, 180 + noiseY, 120 + noiseSide));
        }
        List<CropTrack.Window> windows = CropTrack.compute(faces, 1.6, SIGMA);

        double rawSquares = 0;
        double cropSquares = 0;
        double worst = 0;
        for (int i = 1; i < n; i++) {
            double rawStep = centerX(faces.get(i)) - centerX(faces.get(i - 1)) - 0.5;
            double cropStepX = windows.get(i).centerX() - windows.get(i - 1).centerX() - 0.5;
            double cropStepY = windows.get(i).centerY() - windows.get(i - 1).centerY();
            rawSquares += rawStep * rawStep;
            cropSquares += cropStepX * cropStepX;
            worst = Math.max(worst, Math.max(Math.abs(cropStepX), Math.abs(cropStepY)));
            assertThat(windows.get(i).side()).isEqualTo(windows.get(0).side());
        }
        double rawRms = Math.sqrt(rawSquares / (n - 1));
        double cropRms = Math.sqrt(cropSquares / (n - 1));
        assertThat(rawRms).as("frame-to-frame jitter of the raw boxes").isGreaterThan(2);
        assertThat(cropRms).as("frame-to-frame jitter of the crops").isLessThan(rawRms / 10);
        assertThat(worst).as("largest frame-to-frame jitter of the crops, ends included").isLessThan(0.6);
        // Constant size near the high end of the face sizes, times the margin.
        assertThat(windows.get(0).side()).isBetween(1.6 * 121, 1.6 * 123);
    }

    @Test
    void faceAtTheFrameEdgeGivesACropPastTheEdgeNeverShiftedOrShrunk() {
        List<BoundingBox> faces = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            faces.add(new BoundingBox(0, 250, 100, 350));
        }
        List<CropTrack.Window> windows = CropTrack.compute(faces, 1.6, SIGMA);
        for (CropTrack.Window w : windows) {
            assertThat(w.centerX()).isCloseTo(50, within(1e-6));
            assertThat(w.centerY()).isCloseTo(300, within(1e-6));
            assertThat(w.side()).isCloseTo(160, within(1e-6));
            assertThat(w.x1()).isNegative();
            assertThat(w.y2()).as("reaches below a 360-pixel-high picture").isGreaterThan(360);
        }
    }

    @Test
    void framesWithoutABoxAreInterpolated() {
        List<BoundingBox> faces = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            boolean missing = i >= 10 && i < 20;
            faces.add(missing ? null : box(100 + 2 * i, 100, 80));
        }
        List<CropTrack.Window> windows = CropTrack.compute(faces, 1.5, SIGMA);
        for (int i = 0; i < 50; i++) {
            assertThat(windows.get(i).centerX()).as("frame %d", i).isCloseTo(100 + 2 * i, within(1e-3));
        }
        assertThat(windows.get(0).side()).isCloseTo(120, within(1e-6));
    }

    @Test
    void beforeTheFirstAndAfterTheLastBoxTheCropHoldsStill() {
        List<BoundingBox> faces = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            faces.add(i < 5 || i >= 35 ? null : box(200, 100, 80));
        }
        for (CropTrack.Window w : CropTrack.compute(faces, 1.5, SIGMA)) {
            assertThat(w.centerX()).isCloseTo(200, within(1e-9));
            assertThat(w.centerY()).isCloseTo(100, within(1e-9));
            assertThat(w.side()).isCloseTo(120, within(1e-9));
        }
    }

    @Test
    void oneOversizedDetectionDoesNotSetTheCropSize() {
        List<BoundingBox> faces = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            faces.add(box(200, 200, i == 20 ? 300 : 100));
        }
        assertThat(CropTrack.compute(faces, 1.6, SIGMA).get(0).side()).isCloseTo(160, within(1e-6));
    }

    @Test
    void aClipWithoutAnyBoxIsRefused() {
        List<BoundingBox> faces = new ArrayList<>();
        faces.add(null);
        faces.add(null);
        assertThatThrownBy(() -> CropTrack.compute(faces, 1.6, SIGMA)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no face box");
        assertThatThrownBy(() -> CropTrack.compute(List.of(box(1, 1, 1)), 0.5, SIGMA))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void singleFrameAndTinyClipsWork() {
        assertThat(CropTrack.compute(List.of(box(10, 20, 30)), 2, SIGMA))
                .containsExactly(new CropTrack.Window(10, 20, 60));
        assertThat(CropTrack.compute(List.of(box(10, 20, 30), box(12, 20, 30)), 2, SIGMA)).hasSize(2);
    }

    private static double centerX(BoundingBox b) {
        return (b.x1() + b.x2()) / 2.0;
    }
}
