package org.anivid.curate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.anivid.core.FaceBox;
import org.anivid.core.FrameRange;
import org.anivid.core.Shot;
import org.anivid.demo.DemoTruth;
import org.anivid.demo.DemoTruth.FaceTruth;
import org.anivid.demo.DemoTruth.FrameTruth;
import org.anivid.demo.DemoTruth.ShotTruth;
import org.junit.jupiter.api.Test;

/**
 * Curation on perfect evidence taken from the demo episode's ground truth: every true face as a box of score 0.95
 * on one track per character and shot, and motion 1.0 where a true face talks and a new drawing shows. The
 * proposals must fall in exactly the shots that truly hold one talking face, and every other shot must be rejected
 * for the reason the truth gives.
 */
class DemoTruthCurationTest {
    private static final long EPISODE = 1;

    private static Path repo() {
        String property = System.getProperty("anivid.repo");
        return property != null ? Path.of(property) : Path.of("").toAbsolutePath();
    }

    private static long shotId(ShotTruth shot) {
        return shot.index() + 1;
    }

    private static long trackId(int shotIndex, String character) {
        return (shotIndex + 1) * 100L + character.charAt(0);
    }

    private static EpisodeEvidence evidence(DemoTruth truth) {
        List<Shot> shots = truth.shots().stream()
                .map(s -> new Shot(shotId(s), EPISODE, s.range(), "truth", true)).toList();
        List<FaceBox> faces = new ArrayList<>();
        float[] motion = new float[truth.frameCount()];
        for (FrameTruth frame : truth.frames()) {
            boolean talking = false;
            for (FaceTruth face : frame.faces()) {
                faces.add(new FaceBox(0, EPISODE, frame.frame(), face.boundingBox(), 0.95f,
                        trackId(frame.shot(), face.character()), false));
                talking |= face.talking();
            }
            int f = frame.frame();
            boolean newDrawing = f > truth.shots().get(frame.shot()).start()
                    && truth.frames().get(f - 1).drawing() != frame.drawing();
            motion[f] = talking && newDrawing ? 1.0f : 0f;
        }
        return new EpisodeEvidence(EPISODE, truth.frameCount(), truth.fps(), shots, faces, motion);
    }

    @Test
    void proposalsFallInExactlyTheShotsWithOneTalkingFace() {
        DemoTruth truth = DemoTruth.read(repo().resolve("assets/demo/truth.json"));
        EpisodeEvidence evidence = evidence(truth);

        CurationResult result = Curator.curate(evidence, CurationRules.defaults());

        Tiling.assertTiles(evidence, result);
        List<Long> oneTalkingFace = truth.shots().stream().filter(s -> s.faces() == 1 && s.talking())
                .map(DemoTruthCurationTest::shotId).toList();
        assertThat(oneTalkingFace).as("the demo's one-talking-face shots").hasSize(5);
        assertThat(result.proposals()).extracting(Proposal::shotId).containsExactlyElementsOf(oneTalkingFace);
        for (Proposal p : result.proposals()) {
            ShotTruth shot = truth.shots().get((int) p.shotId() - 1);
            assertThat(p.trackId()).isEqualTo(trackId(shot.index(), shot.characters().get(0)));
            for (int f = p.range().start(); f < p.range().end(); f++) {
                List<FaceTruth> faces = truth.frames().get(f).faces();
                // One true face everywhere, except the two flash frames the track bridges.
                assertThat(faces.size() == 1 || truth.flashes().contains(f)).as("frame %d", f).isTrue();
            }
        }
    }

    @Test
    void eachShotIsJudgedForTheReasonTheTruthGives() {
        DemoTruth truth = DemoTruth.read(repo().resolve("assets/demo/truth.json"));

        CurationResult result = Curator.curate(evidence(truth), CurationRules.defaults());

        Map<Long, List<FrameRange>> proposed = result.proposals().stream().collect(Collectors.groupingBy(
                Proposal::shotId, TreeMap::new, Collectors.mapping(Proposal::range, Collectors.toList())));
        // Talking close-up, the flash shot (flash frames bridged), the pan and the subtitle shot: whole shots.
        for (int index : new int[] {0, 1, 2, 6}) {
            ShotTruth shot = truth.shots().get(index);
            assertThat(proposed.get(shotId(shot))).as(shot.kind()).containsExactly(shot.range());
        }
        // The fade: a clip while B talks, then low motion while she is silent, then no face in the dark frames.
        ShotTruth fade = truth.shots().get(3);
        int lastTalking = lastTalkingFrame(truth, fade);
        assertThat(proposed.get(shotId(fade))).singleElement().satisfies(range -> {
            assertThat(range.start()).isEqualTo(fade.start());
            assertThat(range.end()).isBetween(lastTalking - 1, lastTalking + 3);
        });
        assertThat(reasonsIn(result, fade)).containsExactly(RejectReason.LOW_MOTION, RejectReason.NO_FACE);
        // Two faces: no face while the fade-in is dark, then several faces to the end.
        ShotTruth twoFaces = truth.shots().get(4);
        assertThat(reasonsIn(result, twoFaces)).containsExactly(RejectReason.NO_FACE, RejectReason.SEVERAL_FACES);
        assertThat(result.rejected().stream().filter(r -> r.shotId() == shotId(twoFaces)).toList().get(1).range()
                .end()).isEqualTo(twoFaces.end());
        // The still classroom: one face, nothing moves.
        ShotTruth still = truth.shots().get(5);
        assertThat(reasonsIn(result, still)).containsExactly(RejectReason.LOW_MOTION);
    }

    private static int lastTalkingFrame(DemoTruth truth, ShotTruth shot) {
        int last = -1;
        for (int f = shot.start(); f < shot.end(); f++) {
            if (truth.frames().get(f).faces().stream().anyMatch(FaceTruth::talking)) {
                last = f;
            }
        }
        return last;
    }

    private static List<RejectReason> reasonsIn(CurationResult result, ShotTruth shot) {
        return result.rejected().stream().filter(r -> r.shotId() == shotId(shot)).map(RejectedRun::reason).toList();
    }
}
