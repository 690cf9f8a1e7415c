package org.anivid.curate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CurationRulesTest {

    @Test
    void defaultsAreThePapersRules() {
        CurationRules rules = CurationRules.defaults();

        assertThat(rules.confidence()).isEqualTo(0.60f);
        assertThat(rules.motionThreshold()).isEqualTo(0.35f);
        assertThat(rules.minSeconds()).isEqualTo(1.0);
        assertThat(rules.maxSeconds()).isEqualTo(10.0);
        assertThat(rules.maxGapFrames()).isEqualTo(2);
        assertThat(rules.motionWindowSeconds()).isEqualTo(0.5);
        assertThat(rules.minMovingFraction()).isEqualTo(0.2f);
        assertThat(rules.maxPauseSeconds()).isEqualTo(1.0);
    }

    @Test
    void secondsBecomeFrames() {
        CurationRules rules = CurationRules.defaults();

        assertThat(rules.minFrames(25)).isEqualTo(25);
        assertThat(rules.minFrames(23.976)).isEqualTo(24);
        assertThat(rules.maxFrames(25)).isEqualTo(250);
        assertThat(rules.maxFrames(23.976)).isEqualTo(239);
        assertThat(rules.motionHalfWindow(24)).isEqualTo(6);
        assertThat(rules.pauseFrames(24)).isEqualTo(24);
        assertThat(rules.withMinSeconds(0).minFrames(24)).as("a clip has at least one frame").isEqualTo(1);
    }

    @Test
    void copiesChangeOneRule() {
        CurationRules rules = CurationRules.defaults().withConfidence(0.8f).withMotionThreshold(0.5f)
                .withMaxGapFrames(4).withMotionWindowSeconds(1).withMinMovingFraction(0.3f).withMaxPauseSeconds(0.25);

        assertThat(rules).isEqualTo(new CurationRules(0.8f, 0.5f, 1.0, 10.0, 4, 1.0, 0.3f, 0.25));
    }

    @Test
    void lengthBoundsPushEachOtherLikeRangeSliderThumbs() {
        assertThat(CurationRules.defaults().withMinSeconds(12).maxSeconds()).isEqualTo(12);
        assertThat(CurationRules.defaults().withMinSeconds(12).withMaxSeconds(20).minSeconds()).isEqualTo(12);
        assertThat(CurationRules.defaults().withMaxSeconds(0.5).minSeconds()).isEqualTo(0.5);
        assertThatThrownBy(() -> CurationRules.defaults().withLengthBounds(3, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maximum clip length (2.0 s) must not be below the minimum (3.0 s)");
    }

    @Test
    void badValuesAreRejectedWithAReason() {
        CurationRules rules = CurationRules.defaults();
        assertThatThrownBy(() -> rules.withConfidence(1.5f)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("confidence must be in [0, 1], got 1.5");
        assertThatThrownBy(() -> rules.withConfidence(Float.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> rules.withMotionThreshold(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("motion threshold must be a number ≥ 0, got -1.0");
        assertThatThrownBy(() -> rules.withMinSeconds(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("minimum clip length must be a number of seconds ≥ 0, got -1.0");
        assertThatThrownBy(() -> rules.withMaxSeconds(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maximum clip length must be a number of seconds > 0, got 0.0");
        assertThatThrownBy(() -> rules.withMaxSeconds(Double.POSITIVE_INFINITY))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> rules.withMaxGapFrames(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("max gap must be ≥ 0 frames, got -1");
        assertThatThrownBy(() -> rules.withMotionWindowSeconds(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> rules.withMinMovingFraction(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("moving fraction must be in (0, 1], got 0.0");
        assertThatThrownBy(() -> rules.withMaxPauseSeconds(-0.5)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void reasonsHaveHumanLabels() {
        assertThat(RejectReason.NO_FACE.label()).isEqualTo("no face");
        assertThat(RejectReason.SEVERAL_FACES.label()).isEqualTo("several faces");
        assertThat(RejectReason.LOW_CONFIDENCE.label()).isEqualTo("low confidence");
        assertThat(RejectReason.LOW_MOTION.label()).isEqualTo("low motion");
        assertThat(RejectReason.TOO_SHORT.label()).isEqualTo("too short");
        assertThat(RejectReason.SHOT_NOT_USABLE.label()).isEqualTo("shot not usable");
        assertThat(RejectReason.NO_MOTION_DATA.label()).isEqualTo("no motion data");
    }
}
