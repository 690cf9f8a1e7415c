package org.anivid.curate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.anivid.core.Clip;
import org.anivid.core.ClipStatus;
import org.anivid.core.FrameRange;
import org.junit.jupiter.api.Test;

/** A person's decisions are never replaced, and nobody is asked twice about the same stretch. */
class ManualDecisionsTest {
    private static final long EPISODE = 3;

    private static Clip clip(int start, int end, ClipStatus status) {
        return new Clip(11, EPISODE, 1, 2, new FrameRange(start, end), status, "test");
    }

    private static Clip proposal(int start, int end) {
        return new Clip(0, EPISODE, 1, 2, new FrameRange(start, end), ClipStatus.PROPOSED, "auto");
    }

    @Test
    void aProposalOverlappingADecisionByHalfOrMoreIsDropped() {
        List<Clip> existing = List.of(clip(100, 200, ClipStatus.ACCEPTED), clip(300, 400, ClipStatus.REJECTED));
        List<Clip> automatic = List.of(
                proposal(100, 200),  // the same range
                proposal(95, 190),   // in/out moved a little: IoU 0.86
                proposal(300, 350),  // inside a rejected clip (IoU 0.5)
                proposal(320, 340),  // inside a rejected clip (IoU 0.2): still the same stretch
                proposal(180, 300),  // touches the accepted clip: IoU 20 / 200
                proposal(500, 600)); // new material

        List<Clip> kept = ManualDecisions.apply(automatic, existing);

        assertThat(kept).containsExactly(proposal(180, 300), proposal(500, 600));
    }

    @Test
    void aProposalHoldingASmallDecidedClipInMuchNewMaterialStays() {
        List<Clip> existing = List.of(clip(100, 130, ClipStatus.REJECTED));

        assertThat(ManualDecisions.apply(List.of(proposal(50, 250)), existing)).containsExactly(proposal(50, 250));
    }

    @Test
    void theLastAutomaticRunBlocksNothing() {
        // Still 'proposed' and not made by a person: replaceProposals deletes it, so the new run must not yield to it.
        List<Clip> existing = List.of(clip(100, 200, ClipStatus.PROPOSED));

        assertThat(ManualDecisions.apply(List.of(proposal(100, 200)), existing)).containsExactly(proposal(100, 200));
    }

    @Test
    void aClipAPersonMadeBlocksEvenBeforeItIsDecided() {
        Clip made = clip(100, 200, ClipStatus.PROPOSED);

        assertThat(ManualDecisions.apply(List.of(proposal(110, 200)), List.of(made), c -> c.id() == made.id()))
                .isEmpty();
    }

    @Test
    void decisionsOfAnotherEpisodeDoNotCount() {
        Clip elsewhere = new Clip(4, EPISODE + 1, 1, 2, new FrameRange(100, 200), ClipStatus.ACCEPTED, "x");

        assertThat(ManualDecisions.apply(List.of(proposal(100, 200)), List.of(elsewhere))).hasSize(1);
    }

    @Test
    void overlapIsIntersectionOverUnionOfFrameRanges() {
        assertThat(ManualDecisions.iou(new FrameRange(0, 100), new FrameRange(50, 150))).isEqualTo(50.0 / 150);
        assertThat(ManualDecisions.iou(new FrameRange(0, 10), new FrameRange(10, 20))).isZero();
        assertThat(ManualDecisions.iou(new FrameRange(5, 5), new FrameRange(5, 5))).isZero();
        assertThat(ManualDecisions.sameStretch(new FrameRange(0, 100), new FrameRange(0, 50))).isTrue();
        assertThat(ManualDecisions.sameStretch(new FrameRange(0, 100), new FrameRange(0, 49))).isFalse();
    }

    @Test
    void isDecidedMeansAcceptedOrRejected() {
        assertThat(ManualDecisions.isDecided(clip(0, 1, ClipStatus.ACCEPTED))).isTrue();
        assertThat(ManualDecisions.isDecided(clip(0, 1, ClipStatus.REJECTED))).isTrue();
        assertThat(ManualDecisions.isDecided(clip(0, 1, ClipStatus.PROPOSED))).isFalse();
    }
}
