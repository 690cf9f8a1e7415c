package org.anivid.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ground truth on its own: consistent with itself and with the brief, deterministic, readable back. */
class DemoTruthTest {
    private final DemoTruth truth = new DemoEpisodeGenerator().truth();

    @Test
    void describesA20SecondEpisodeAt24Fps() {
        assertThat(truth.format()).isEqualTo(DemoTruth.FORMAT);
        assertThat(truth.video()).isEqualTo("demo.mp4");
        assertThat(truth.width()).isEqualTo(640);
        assertThat(truth.height()).isEqualTo(360);
        assertThat(truth.fps()).isEqualTo(24.0);
        assertThat(truth.frameCount()).isEqualTo(480);
        assertThat(truth.frames()).hasSize(480);
        for (int f = 0; f < truth.frames().size(); f++) {
            assertThat(truth.frames().get(f).frame()).isEqualTo(f);
        }
    }

    @Test
    void shotsTileTheEpisodeAndCutsAreTheirFirstFrames() {
        List<DemoTruth.ShotTruth> shots = truth.shots();
        assertThat(shots.get(0).start()).isZero();
        assertThat(shots.get(shots.size() - 1).end()).isEqualTo(truth.frameCount());
        List<Integer> starts = new ArrayList<>();
        for (int s = 0; s < shots.size(); s++) {
            DemoTruth.ShotTruth shot = shots.get(s);
            assertThat(shot.index()).isEqualTo(s);
            assertThat(shot.end() - shot.start()).as("length of shot %d", s).isBetween(40, 90);
            if (s > 0) {
                assertThat(shot.start()).isEqualTo(shots.get(s - 1).end());
                starts.add(shot.start());
            }
        }
        assertThat(truth.cuts()).isEqualTo(starts).containsExactly(66, 138, 210, 276, 366, 414);
        for (DemoTruth.FrameTruth f : truth.frames()) {
            assertThat(truth.shotOf(f.frame()).index()).isEqualTo(f.shot());
        }
    }

    @Test
    void everyTestCaseHasItsShot() {
        assertThat(truth.shots()).extracting(DemoTruth.ShotTruth::kind)
                .containsExactly("talking", "flash", "pan", "fade", "two-faces", "still", "subtitle");
        assertThat(truth.shots()).extracting(DemoTruth.ShotTruth::background).doesNotHaveDuplicates();
        DemoTruth.ShotTruth still = shot("still");
        assertThat(still.motion()).isFalse();
        assertThat(still.talking()).isFalse();
        assertThat(still.faces()).isEqualTo(1);
        DemoTruth.ShotTruth two = shot("two-faces");
        assertThat(two.faces()).isEqualTo(2);
        assertThat(two.characters()).containsExactly("A", "B");
        assertThat(two.talkingCharacters()).containsExactly("A", "B");
        assertThat(shot("pan").camera()).isEqualTo("pan");
        assertThat(shot("pan").hold()).isEqualTo(1);
        for (DemoTruth.ShotTruth s : truth.shots()) {
            assertThat(s.motion()).as("motion of %s", s.kind()).isEqualTo(!s.kind().equals("still"));
            if (!s.kind().equals("still")) {
                assertThat(s.talking()).as("talking in %s", s.kind()).isTrue();
            }
            if (!s.kind().equals("pan")) {
                assertThat(s.camera()).isEqualTo("static");
                assertThat(s.hold()).isEqualTo(2);
            }
        }
        // Both characters appear alone in several shots.
        assertThat(truth.shots().stream().filter(s -> s.characters().equals(List.of("A")))).hasSizeGreaterThanOrEqualTo(2);
        assertThat(truth.shots().stream().filter(s -> s.characters().equals(List.of("B")))).hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void flashesAndFadesAreInsideShotsAndHideTheFaces() {
        assertThat(truth.flashes()).containsExactly(100, 101);
        for (int f : truth.flashes()) {
            assertThat(truth.cuts()).doesNotContain(f, f + 1);
            assertThat(truth.shotOf(f).kind()).isEqualTo("flash");
            assertThat(truth.frames().get(f).white()).isPositive();
            assertThat(truth.frames().get(f).faces()).isEmpty();
        }
        assertThat(truth.fades()).extracting(DemoTruth.FadeTruth::type).containsExactly("out", "hold", "in");
        DemoTruth.FadeTruth out = truth.fades().get(0);
        DemoTruth.FadeTruth hold = truth.fades().get(1);
        DemoTruth.FadeTruth in = truth.fades().get(2);
        assertThat(out.end()).isEqualTo(hold.start());
        assertThat(hold.end()).isEqualTo(in.start());
        // The cut of a fade is the first frame of the fade-in; the black frames end the old shot.
        assertThat(truth.cuts()).contains(in.start());
        assertThat(shot("fade").end()).isEqualTo(in.start());
        assertThat(truth.shotOf(hold.start()).kind()).isEqualTo("fade");
        for (int f = out.start(); f < out.end(); f++) {
            assertThat(truth.frames().get(f).brightness()).isLessThan(truth.frames().get(f - 1).brightness());
        }
        for (int f = hold.start(); f < hold.end(); f++) {
            assertThat(truth.frames().get(f).brightness()).isZero();
            assertThat(truth.frames().get(f).faces()).isEmpty();
        }
        for (int f = in.start(); f <= in.end(); f++) {
            assertThat(truth.frames().get(f).brightness()).isGreaterThan(truth.frames().get(f - 1).brightness());
        }
        for (DemoTruth.FrameTruth f : truth.frames()) {
            boolean visible = f.brightness() * (1 - f.white()) >= DemoScript.MIN_FACE_VISIBILITY;
            assertThat(f.faces()).as("faces on frame %d", f.frame())
                    .hasSize(visible ? truth.shots().get(f.shot()).faces() : 0);
        }
        // Boxes are kept on fade frames that are at least half bright, and only there.
        assertThat(truth.frames().get(267).faces()).hasSize(1);
        assertThat(truth.frames().get(268).faces()).isEmpty();
        assertThat(truth.frames().get(281).faces()).isEmpty();
        assertThat(truth.frames().get(282).faces()).hasSize(2);
    }

    @Test
    void faceBoxesLieInsideTheFrameWithAFaceShape() {
        for (DemoTruth.FrameTruth f : truth.frames()) {
            for (DemoTruth.FaceTruth face : f.faces()) {
                double[] b = face.box();
                assertThat(b).hasSize(4);
                assertThat(b[0]).as("x1 on frame %d", f.frame()).isGreaterThanOrEqualTo(0);
                assertThat(b[1]).isGreaterThanOrEqualTo(0);
                assertThat(b[2]).isLessThanOrEqualTo(truth.width());
                assertThat(b[3]).isLessThanOrEqualTo(truth.height());
                double w = b[2] - b[0];
                double h = b[3] - b[1];
                assertThat(w).isGreaterThan(80);
                assertThat(h / w).isBetween(1.0, 1.3);
                assertThat(face.character()).isIn("A", "B");
                assertThat(face.mouth()).isIn("closed", "half", "open");
                assertThat(face.eyes()).isIn("open", "half", "closed");
            }
        }
    }

    @Test
    void drawingsChangeOnlyOnEvenFramesOfAShotAndMouthsMoveWhileTalking() {
        int mouthChanges = 0;
        int blinks = 0;
        for (DemoTruth.FrameTruth f : truth.frames()) {
            DemoTruth.ShotTruth shot = truth.shots().get(f.shot());
            assertThat(f.drawing()).isEqualTo((f.frame() - shot.start()) / 2);
            if (f.frame() == shot.start() || f.faces().isEmpty()) {
                continue;
            }
            DemoTruth.FrameTruth prev = truth.frames().get(f.frame() - 1);
            if (prev.faces().size() != f.faces().size()) {
                continue;
            }
            for (int i = 0; i < f.faces().size(); i++) {
                DemoTruth.FaceTruth a = prev.faces().get(i);
                DemoTruth.FaceTruth b = f.faces().get(i);
                boolean changed = !a.mouth().equals(b.mouth()) || !a.eyes().equals(b.eyes());
                if (changed) {
                    assertThat((f.frame() - shot.start()) % 2).as("drawing change on frame %d", f.frame()).isZero();
                    mouthChanges += a.mouth().equals(b.mouth()) ? 0 : 1;
                    blinks += a.eyes().equals(b.eyes()) ? 0 : 1;
                }
            }
        }
        assertThat(mouthChanges).isGreaterThan(60);
        assertThat(blinks).isGreaterThan(20);
        // Mouths of talking faces move; silent faces keep them shut.
        for (DemoTruth.ShotTruth shot : truth.shots()) {
            for (String who : shot.characters()) {
                long shapes = truth.frames().subList(shot.start(), shot.end()).stream()
                        .flatMap(f -> f.faces().stream()).filter(x -> x.character().equals(who) && x.talking())
                        .map(DemoTruth.FaceTruth::mouth).distinct().count();
                assertThat(shapes).as("mouth shapes of %s in shot %d", who, shot.index())
                        .isEqualTo(shot.talkingCharacters().contains(who) ? 3 : 0);
            }
        }
        assertThat(truth.frames().subList(shot("still").start(), shot("still").end()))
                .allSatisfy(f -> assertThat(f.faces().get(0).mouth()).isEqualTo("closed"));
    }

    @Test
    void theSameSeedGivesTheSameBytesAndAnotherSeedAnotherEpisode() {
        String json = truth.toJson();
        assertThat(new DemoEpisodeGenerator().truth().toJson()).isEqualTo(json);
        assertThat(json).doesNotContain("\r").endsWith("}\n");
        String other = new DemoEpisodeGenerator(7).truth().toJson();
        assertThat(other).isNotEqualTo(json);
        assertThat(new DemoEpisodeGenerator(7).truth().cuts()).isEqualTo(truth.cuts());
    }

    @Test
    void readsBackWhatItWrites(@TempDir Path dir) {
        Path file = dir.resolve("truth.json");
        truth.write(file);
        DemoTruth back = DemoTruth.read(file);
        assertThat(back.toJson()).isEqualTo(truth.toJson());
        assertThat(back.conventions()).containsKeys("cuts", "boxes", "fade_cut", "face_visibility");
        assertThat(back.frames().get(10).faces().get(0).boundingBox().width()).isGreaterThan(100);
        assertThat(back.oneFaceFrames()).hasSizeGreaterThan(300);
    }

    private DemoTruth.ShotTruth shot(String kind) {
        return truth.shots().stream().filter(s -> s.kind().equals(kind)).findFirst().orElseThrow();
    }
}
