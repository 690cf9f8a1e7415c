package org.anivid.curate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.anivid.core.Clip;
import org.anivid.core.ClipStatus;
import org.anivid.core.FrameRange;
import org.junit.jupiter.api.Test;

/** The curation rules on hand-built evidence: one rule per test, each with the case that shows it matters. */
class CuratorTest {
    private static final CurationRules DEFAULTS = CurationRules.defaults();

    private static CurationResult curate(EpisodeEvidence evidence) {
        return curate(evidence, DEFAULTS);
    }

    private static CurationResult curate(EpisodeEvidence evidence, CurationRules rules) {
        CurationResult result = Curator.curate(evidence, rules);
        Tiling.assertTiles(evidence, result);
        return result;
    }

    private static List<FrameRange> proposed(CurationResult result) {
        return result.proposals().stream().map(Proposal::range).toList();
    }

    private static List<RejectReason> reasons(CurationResult result) {
        return result.rejected().stream().map(RejectedRun::reason).toList();
    }

    /** 3 s at 24 fps of track 12 talking on twos. */
    private static Evidence talkingShot() {
        return Evidence.oneShot(72, 24).face(12, 0, 72, 0.94f).talking(0, 72);
    }

    @Test
    void oneTalkingFaceIsOneProposalOfItsTrack() {
        CurationResult result = curate(talkingShot().build());

        assertThat(result.rejected()).isEmpty();
        assertThat(result.proposals()).singleElement().satisfies(p -> {
            assertThat(p.shotId()).isEqualTo(1);
            assertThat(p.trackId()).isEqualTo(12);
            assertThat(p.range()).isEqualTo(new FrameRange(0, 72));
            assertThat(p.meanFaceScore()).isCloseTo(0.94f, within(1e-6f));
            assertThat(p.motionFraction()).isCloseTo(0.5f, within(1e-6f));
            assertThat(p.meanMotion()).isCloseTo(0.6f, within(1e-6f));
            assertThat(p.why()).isEqualTo("one face (track 12, mean score 0.94) moving in 50% of frames, 3.0 s");
        });
    }

    @Test
    void oneAndTwoFrameDetectionGapsAreBridged() {
        CurationResult result = curate(talkingShot().missed(20, 40, 41).build());

        assertThat(proposed(result)).containsExactly(new FrameRange(0, 72));
        Proposal p = result.proposals().get(0);
        assertThat(p.meanFaceScore()).as("bridged frames have no score of their own").isCloseTo(0.94f, within(1e-6f));
        assertThat(p.why()).endsWith(", 3 missed frames bridged");
    }

    @Test
    void aThreeFrameGapCuts() {
        CurationResult result = curate(talkingShot().missed(30, 31, 32).build());

        assertThat(proposed(result)).containsExactly(new FrameRange(0, 30), new FrameRange(33, 72));
        assertThat(result.rejected()).singleElement().satisfies(r -> {
            assertThat(r.reason()).isEqualTo(RejectReason.NO_FACE);
            assertThat(r.range()).isEqualTo(new FrameRange(30, 33));
        });
        // The same gap with a larger allowance is bridged, with none it cuts even a single missed frame.
        assertThat(proposed(curate(talkingShot().missed(30, 31, 32).build(), DEFAULTS.withMaxGapFrames(3))))
                .containsExactly(new FrameRange(0, 72));
        assertThat(proposed(curate(talkingShot().missed(30).build(), DEFAULTS.withMaxGapFrames(0))))
                .containsExactly(new FrameRange(0, 30), new FrameRange(31, 72));
    }

    @Test
    void aGapWithOnlyAWeakBoxOfTheTrackIsBridgedToo() {
        EpisodeEvidence evidence = talkingShot().missed(40, 41).face(12, 40, 42, 0.3f).build();

        assertThat(proposed(curate(evidence))).containsExactly(new FrameRange(0, 72));
    }

    @Test
    void aGapBetweenTwoDifferentTracksIsNotBridged() {
        EpisodeEvidence evidence = Evidence.oneShot(72, 24).face(1, 0, 35, 0.9f).face(2, 36, 72, 0.9f)
                .talking(0, 72).build();

        CurationResult result = curate(evidence);

        assertThat(proposed(result)).containsExactly(new FrameRange(0, 35), new FrameRange(36, 72));
        assertThat(result.proposals()).extracting(Proposal::trackId).containsExactly(1L, 2L);
        assertThat(reasons(result)).containsExactly(RejectReason.NO_FACE);
    }

    @Test
    void aSwitchOfTrackSplitsTheClip() {
        EpisodeEvidence evidence = Evidence.oneShot(96, 24).face(1, 0, 48, 0.9f).face(2, 48, 96, 0.8f)
                .talking(0, 96).build();

        CurationResult result = curate(evidence);

        assertThat(proposed(result)).containsExactly(new FrameRange(0, 48), new FrameRange(48, 96));
        assertThat(result.proposals()).extracting(Proposal::trackId).containsExactly(1L, 2L);
    }

    @Test
    void twoFacesInTheMiddleSplitTheClip() {
        EpisodeEvidence evidence = Evidence.oneShot(120, 24).face(1, 0, 120, 0.9f).face(2, 50, 60, 0.7f)
                .talking(0, 120).build();

        CurationResult result = curate(evidence);

        assertThat(proposed(result)).containsExactly(new FrameRange(0, 50), new FrameRange(60, 120));
        assertThat(result.rejected()).singleElement().satisfies(r -> {
            assertThat(r.reason()).isEqualTo(RejectReason.SEVERAL_FACES);
            assertThat(r.range()).isEqualTo(new FrameRange(50, 60));
            assertThat(r.detail()).isEqualTo("up to 2 faces with score ≥ 0.60");
        });
    }

    @Test
    void aSingleFrameWithSeveralFacesIsNeverBridged() {
        EpisodeEvidence evidence = Evidence.oneShot(120, 24).face(1, 0, 120, 0.9f).face(2, 60, 61, 0.9f)
                .talking(0, 120).build();

        CurationResult result = curate(evidence, DEFAULTS.withMaxGapFrames(5));

        assertThat(proposed(result)).containsExactly(new FrameRange(0, 60), new FrameRange(61, 120));
        assertThat(reasons(result)).containsExactly(RejectReason.SEVERAL_FACES);
    }

    @Test
    void aWeakSecondFaceBesideAConfidentOneDoesNotCount() {
        EpisodeEvidence evidence = talkingShot().face(3, 10, 30, 0.4f).build();

        assertThat(proposed(curate(evidence))).containsExactly(new FrameRange(0, 72));
    }

    @Test
    void aPersonsKeyframeOverTheDetectorsBoxIsOneFace() {
        EpisodeEvidence evidence = talkingShot().manualFace(12, 30).manualFace(12, 31).build();

        CurationResult result = curate(evidence);

        assertThat(proposed(result)).containsExactly(new FrameRange(0, 72));
        assertThat(result.proposals().get(0).meanFaceScore()).isGreaterThan(0.94f);
    }

    @Test
    void manualKeyframesCountAsFaces() {
        Evidence e = Evidence.oneShot(48, 24).talking(0, 48);
        for (int f = 0; f < 48; f++) {
            e.manualFace(5, f);
        }

        assertThat(curate(e.build()).proposals()).singleElement()
                .satisfies(p -> assertThat(p.meanFaceScore()).isEqualTo(1.0f));
    }

    @Test
    void untrackedBoxesMakeAProposalWithoutTrack() {
        CurationResult result = curate(Evidence.oneShot(48, 24).face(0, 0, 48, 0.9f).talking(0, 48).build());

        assertThat(result.proposals()).singleElement().satisfies(p -> {
            assertThat(p.trackId()).isZero();
            assertThat(p.why()).startsWith("one face (untracked, mean score 0.90)");
        });
        // Two untracked boxes on a frame are two faces.
        assertThat(reasons(curate(Evidence.oneShot(48, 24).face(0, 0, 48, 0.9f).face(0, 0, 48, 0.8f)
                .talking(0, 48).build()))).containsExactly(RejectReason.SEVERAL_FACES);
    }

    @Test
    void onlyWeakFacesAreLowConfidenceNotNoFace() {
        CurationResult result = curate(Evidence.oneShot(72, 24).face(4, 0, 72, 0.45f).talking(0, 72).build());

        assertThat(result.proposals()).isEmpty();
        assertThat(result.rejected()).singleElement().satisfies(r -> {
            assertThat(r.reason()).isEqualTo(RejectReason.LOW_CONFIDENCE);
            assertThat(r.range()).isEqualTo(new FrameRange(0, 72));
            assertThat(r.detail()).isEqualTo("only faces under the confidence threshold 0.60 (best 0.45)");
        });
    }

    @Test
    void noFacesAtAllIsNoFace() {
        CurationResult result = curate(Evidence.oneShot(72, 24).talking(0, 72).build());

        assertThat(result.proposals()).isEmpty();
        assertThat(result.rejected()).singleElement()
                .satisfies(r -> assertThat(r.reason()).isEqualTo(RejectReason.NO_FACE));
    }

    @Test
    void aStillShotIsLowMotion() {
        CurationResult result = curate(Evidence.oneShot(72, 24).face(3, 0, 72, 0.9f).build());

        assertThat(result.proposals()).isEmpty();
        assertThat(result.rejected()).singleElement().satisfies(r -> {
            assertThat(r.reason()).isEqualTo(RejectReason.LOW_MOTION);
            assertThat(r.range()).isEqualTo(new FrameRange(0, 72));
            assertThat(r.detail()).isEqualTo("one face (track 3) still for 3.0 s: motion ≥ 0.35 on 0% of frames");
        });
    }

    @Test
    void heldDrawingsOnThreesAndFoursStillCountAsMotion() {
        // 0, 0, 1.2, 0, 0, 1.1, …: the score is 0 on every held frame, so a per-frame rule would keep a third.
        Evidence threes = Evidence.oneShot(72, 24).face(3, 0, 72, 0.9f);
        for (int f = 2; f < 72; f += 3) {
            threes.motionAt(f, f % 2 == 0 ? 1.2f : 1.1f);
        }
        assertThat(proposed(curate(threes.build()))).containsExactly(new FrameRange(0, 72));

        EpisodeEvidence fours = Evidence.oneShot(72, 24).face(3, 0, 72, 0.9f).drawnEvery(4, 0, 72, 0.8f).build();
        assertThat(proposed(curate(fours))).containsExactly(new FrameRange(0, 72));
    }

    @Test
    void anIsolatedFlickerIsNotMotion() {
        EpisodeEvidence evidence = Evidence.oneShot(72, 24).face(3, 0, 72, 0.9f).motionAt(30, 5f).motionAt(50, 5f)
                .build();

        assertThat(reasons(curate(evidence))).containsExactly(RejectReason.LOW_MOTION);
    }

    @Test
    void aStillHalfOfAOneFaceShotIsCutOff() {
        // 6 s at 25 fps: 3 s talking, then 3 s of the same face not moving.
        EpisodeEvidence evidence = Evidence.oneShot(150, 25).face(8, 0, 150, 0.9f).talking(0, 75).build();

        CurationResult result = curate(evidence);

        assertThat(result.proposals()).singleElement().satisfies(p -> {
            assertThat(p.range().start()).isZero();
            assertThat(p.range().end()).isBetween(75, 77);
        });
        assertThat(result.rejected()).singleElement().satisfies(r -> {
            assertThat(r.reason()).isEqualTo(RejectReason.LOW_MOTION);
            assertThat(r.range().end()).isEqualTo(150);
        });
    }

    @Test
    void aShortPauseStaysInTheClipALongOneCutsIt() {
        // 2 s talking, 0.5 s still, 2 s talking: one clip.
        EpisodeEvidence shortPause = Evidence.oneShot(108, 24).face(8, 0, 108, 0.9f).talking(0, 48)
                .talking(60, 108).build();
        assertThat(proposed(curate(shortPause))).containsExactly(new FrameRange(0, 108));

        // 2 s talking, 2 s still, 2 s talking: two clips around a low-motion run.
        EpisodeEvidence longPause = Evidence.oneShot(144, 24).face(8, 0, 144, 0.9f).talking(0, 48)
                .talking(96, 144).build();
        CurationResult result = curate(longPause);
        assertThat(result.proposals()).hasSize(2);
        assertThat(reasons(result)).containsExactly(RejectReason.LOW_MOTION);
        assertThat(result.rejected().get(0).range().length()).isBetween(44, 48);

        // With a longer allowed pause the same evidence is one clip again.
        assertThat(proposed(curate(longPause, DEFAULTS.withMaxPauseSeconds(2.5))))
                .containsExactly(new FrameRange(0, 144));
    }

    @Test
    void aTwentyFiveSecondRunIsSplitIntoThreeNearEqualParts() {
        EpisodeEvidence evidence = Evidence.oneShot(625, 25).face(2, 0, 625, 0.9f).talking(0, 625).build();

        CurationResult result = curate(evidence);

        assertThat(proposed(result)).containsExactly(new FrameRange(0, 209), new FrameRange(209, 417),
                new FrameRange(417, 625));
        assertThat(result.proposals()).extracting(Proposal::why)
                .allSatisfy(why -> assertThat(why).contains(" s, part "))
                .anySatisfy(why -> assertThat(why).contains("part 2 of 3"));
        assertThat(result.rejected()).isEmpty();
    }

    @Test
    void whenEqualPartsWouldBeTooShortTheRestIsRejected() {
        // 1.5 s with clips of 1.0–1.2 s: two equal parts of 0.75 s would both be too short.
        EpisodeEvidence evidence = Evidence.oneShot(36, 24).face(2, 0, 36, 0.9f).talking(0, 36).build();

        CurationResult result = curate(evidence, DEFAULTS.withLengthBounds(1.0, 1.2));

        assertThat(proposed(result)).containsExactly(new FrameRange(0, 28));
        assertThat(result.rejected()).singleElement().satisfies(r -> {
            assertThat(r.reason()).isEqualTo(RejectReason.TOO_SHORT);
            assertThat(r.range()).isEqualTo(new FrameRange(28, 36));
        });
    }

    @Test
    void aRunOfSixTenthsOfASecondIsTooShort() {
        // 0.6 s of one talking face (15 frames at 25 fps) in a shot that otherwise shows nobody.
        EpisodeEvidence evidence = Evidence.oneShot(75, 25).face(6, 30, 45, 0.9f).talking(0, 75).build();

        CurationResult result = curate(evidence);

        assertThat(result.proposals()).isEmpty();
        assertThat(reasons(result)).containsExactly(RejectReason.NO_FACE, RejectReason.TOO_SHORT,
                RejectReason.NO_FACE);
        RejectedRun tooShort = result.rejected().get(1);
        assertThat(tooShort.range()).isEqualTo(new FrameRange(30, 45));
        assertThat(tooShort.detail()).isEqualTo("0.6 s of one moving face (track 6); clips need at least 1.0 s");
    }

    @Test
    void exactlyTheMinimumLengthIsLongEnough() {
        EpisodeEvidence evidence = Evidence.oneShot(75, 25).face(6, 30, 55, 0.9f).talking(0, 75).build();

        assertThat(proposed(curate(evidence))).containsExactly(new FrameRange(30, 55));
    }

    @Test
    void noClipCrossesACut() {
        EpisodeEvidence evidence = new Evidence(100, 25).shot(1, 0, 50).shot(2, 50, 100).face(4, 0, 100, 0.9f)
                .talking(0, 100).build();

        CurationResult result = curate(evidence);

        assertThat(proposed(result)).containsExactly(new FrameRange(0, 50), new FrameRange(50, 100));
        assertThat(result.proposals()).extracting(Proposal::shotId).containsExactly(1L, 2L);
    }

    @Test
    void aGapIsNotBridgedAcrossACut() {
        EpisodeEvidence evidence = new Evidence(100, 25).shot(1, 0, 50).shot(2, 50, 100).face(4, 0, 100, 0.9f)
                .missed(49, 50).talking(0, 100).build();

        CurationResult result = curate(evidence);

        assertThat(proposed(result)).containsExactly(new FrameRange(0, 49), new FrameRange(51, 100));
        assertThat(result.rejected()).extracting(RejectedRun::range)
                .containsExactly(new FrameRange(49, 50), new FrameRange(50, 51));
    }

    @Test
    void anUnusableShotProposesNothing() {
        EpisodeEvidence evidence = new Evidence(100, 25).shot(1, 0, 50).unusableShot(2, 50, 100)
                .face(4, 0, 100, 0.9f).talking(0, 100).build();

        CurationResult result = curate(evidence);

        assertThat(proposed(result)).containsExactly(new FrameRange(0, 50));
        assertThat(result.rejected()).singleElement().satisfies(r -> {
            assertThat(r.reason()).isEqualTo(RejectReason.SHOT_NOT_USABLE);
            assertThat(r.range()).isEqualTo(new FrameRange(50, 100));
        });
    }

    @Test
    void framesOutsideEveryShotAreIgnored() {
        EpisodeEvidence evidence = new Evidence(100, 25).shot(1, 10, 60).face(4, 0, 100, 0.9f).talking(0, 100)
                .build();

        CurationResult result = curate(evidence);

        assertThat(proposed(result)).containsExactly(new FrameRange(10, 60));
        assertThat(result.rejected()).isEmpty();
    }

    @Test
    void framesWithoutMotionScoresHaveNoMotionData() {
        EpisodeEvidence partly = talkingShot().motionOnlyFor(36).build();
        CurationResult result = curate(partly);
        assertThat(proposed(result)).containsExactly(new FrameRange(0, 36));
        assertThat(result.rejected()).singleElement().satisfies(r -> {
            assertThat(r.reason()).isEqualTo(RejectReason.NO_MOTION_DATA);
            assertThat(r.range()).isEqualTo(new FrameRange(36, 72));
        });

        EpisodeEvidence none = talkingShot().motionOnlyFor(0).build();
        assertThat(reasons(curate(none))).containsExactly(RejectReason.NO_MOTION_DATA);
        // The face rules still apply first: no face is no face, with or without motion.
        assertThat(reasons(curate(Evidence.oneShot(72, 24).motionOnlyFor(0).build())))
                .containsExactly(RejectReason.NO_FACE);
    }

    @Test
    void changingThresholdsChangesProposalsFromTheSameEvidence() {
        // A face at 0.7 moving at 0.3 on twos: under the paper's motion threshold 0.35.
        EpisodeEvidence evidence = Evidence.oneShot(72, 24).face(9, 0, 72, 0.7f).drawnEvery(2, 0, 72, 0.3f).build();
        float[] motionBefore = evidence.motion();

        assertThat(reasons(curate(evidence))).containsExactly(RejectReason.LOW_MOTION);
        assertThat(proposed(curate(evidence, DEFAULTS.withMotionThreshold(0.25f))))
                .containsExactly(new FrameRange(0, 72));
        assertThat(reasons(curate(evidence, DEFAULTS.withMotionThreshold(0.25f).withConfidence(0.8f))))
                .containsExactly(RejectReason.LOW_CONFIDENCE);
        assertThat(reasons(curate(evidence, DEFAULTS.withMotionThreshold(0.25f).withMinSeconds(4))))
                .containsExactly(RejectReason.TOO_SHORT);
        assertThat(evidence.motion()).containsExactly(motionBefore);
    }

    @Test
    void proposalsBecomeProposedClipsWithTheirReason() {
        CurationResult result = curate(talkingShot().build());

        List<Clip> clips = Curator.toClips(Evidence.EPISODE, result);

        assertThat(clips).singleElement().isEqualTo(new Clip(0, Evidence.EPISODE, 1, 12, new FrameRange(0, 72),
                ClipStatus.PROPOSED, "one face (track 12, mean score 0.94) moving in 50% of frames, 3.0 s"));
    }

    @Test
    void evidenceRejectsShotsThatOverlapOrRunPastTheEpisode() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Evidence(100, 25).shot(1, 0, 60)
                        .shot(2, 50, 100).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessage("shots 1 and 2 overlap at frame 50");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Evidence(100, 25).shot(1, 0, 120).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("shot 1 [0, 120) ends past the episode's 100 frames");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Evidence(100, 0).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessage("fps must be a number > 0, got 0.0");
    }
}
