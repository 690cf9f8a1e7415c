package org.anivid.faces.track;

import static org.anivid.faces.track.Faces.box;
import static org.anivid.faces.track.Faces.maxCornerError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.anivid.core.BoundingBox;
import org.junit.jupiter.api.Test;

/** The constant-velocity box filter and its smoother. */
class KalmanBoxFilterTest {

    private static BoundingBox moving(int frame) {
        return box(400 - 6 * frame, 300 + 2 * frame, 120 + 0.5 * frame, 140 + 0.5 * frame);
    }

    @Test
    void startsStillAtTheFirstDetection() {
        KalmanBoxFilter filter = new KalmanBoxFilter(10, moving(0));
        assertThat(filter.frame()).isEqualTo(10);
        assertThat(maxCornerError(filter.box(), moving(0))).isLessThan(1e-3);
        assertThat(maxCornerError(filter.predict(30), moving(0))).isLessThan(1e-3);
    }

    @Test
    void learnsTheVelocityAndPredictsAhead() {
        KalmanBoxFilter filter = new KalmanBoxFilter(0, moving(0));
        for (int f = 5; f <= 30; f += 5) {
            filter.update(f, moving(f));
        }
        assertThat(maxCornerError(filter.box(), moving(30))).isLessThan(1.0);
        assertThat(maxCornerError(filter.predict(40), moving(40))).isLessThan(1.5);
        assertThatThrownBy(() -> filter.predict(29)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> filter.update(30, moving(30))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void smoothingFitsSteadyMotionExactly() {
        KalmanBoxFilter filter = new KalmanBoxFilter(0, moving(0));
        List<KalmanBoxFilter.Step> steps = new ArrayList<>(List.of(filter.lastStep()));
        for (int f = 6; f <= 60; f += 6) {
            filter.update(f, moving(f));
            steps.add(filter.lastStep());
        }
        BoundingBox[] smoothed = KalmanBoxFilter.smooth(steps);
        for (int k = 0; k < steps.size(); k++) {
            assertThat(maxCornerError(smoothed[k], moving(steps.get(k).frame))).as("step %d", k).isLessThan(0.5);
        }
    }

    @Test
    void smoothingBeatsTheForwardFilterOnJitteryDetections() {
        Random random = new Random(11);
        KalmanBoxFilter filter = new KalmanBoxFilter(0, jittered(moving(0), random));
        List<KalmanBoxFilter.Step> steps = new ArrayList<>(List.of(filter.lastStep()));
        double filteredError = Faces.centreX(filter.box()) - Faces.centreX(moving(0));
        filteredError = Math.abs(filteredError);
        for (int f = 3; f <= 150; f += 3) {
            filter.update(f, jittered(moving(f), random));
            steps.add(filter.lastStep());
            filteredError += Math.abs(Faces.centreX(filter.box()) - Faces.centreX(moving(f)));
        }
        BoundingBox[] smoothed = KalmanBoxFilter.smooth(steps);
        double smoothedError = 0;
        for (int k = 0; k < steps.size(); k++) {
            smoothedError += Math.abs(Faces.centreX(smoothed[k]) - Faces.centreX(moving(steps.get(k).frame)));
        }
        assertThat(smoothedError).isLessThan(0.8 * filteredError);
    }

    private static BoundingBox jittered(BoundingBox b, Random random) {
        float dx = (float) (4 * random.nextGaussian());
        float dy = (float) (4 * random.nextGaussian());
        return new BoundingBox(b.x1() + dx, b.y1() + dy, b.x2() + dx, b.y2() + dy);
    }
}
