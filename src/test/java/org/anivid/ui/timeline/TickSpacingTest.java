package org.anivid.ui.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Ruler steps follow the zoom and stay round. */
class TickSpacingTest {
    @Test
    void stepsAreRoundFramesOrRoundTimes() {
        assertThat(TickSpacing.labelStep(1.0 / 8, 25, 96)).isEqualTo(25); // 12 frames needed: 1 s (10 < 12)
        assertThat(TickSpacing.labelStep(1.0 / 16, 25, 96)).isEqualTo(10);
        assertThat(TickSpacing.labelStep(1.0 / 96, 25, 96)).isEqualTo(1);
        assertThat(TickSpacing.labelStep(1, 25, 96)).isEqualTo(5 * 25);
        assertThat(TickSpacing.labelStep(40, 25, 96)).isEqualTo(300 * 25); // 3840 frames: 5 min
        assertThat(TickSpacing.labelStep(1000, 25, 96)).isEqualTo(2 * 3600 * 25);
    }

    @Test
    void minorStepsDivideTheLabelStep() {
        for (long step : new long[] {1, 2, 5, 10, 25, 50, 125, 250, 375, 750, 1500, 7500, 90_000}) {
            long minor = TickSpacing.minorStep(step, 25);
            assertThat(minor).isPositive().isLessThanOrEqualTo(step);
            assertThat(step % minor).as("step %d, minor %d", step, minor).isZero();
        }
    }
}
