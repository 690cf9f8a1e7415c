package org.anivid.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.anivid.TestData;
import org.anivid.core.InvalidInputException;
import org.anivid.core.RgbImage;
import org.anivid.jobs.JobQueue;
import org.anivid.media.FrameSize;
import org.anivid.media.FrameSource;
import org.anivid.media.ImageFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./anivid animate}'s service end to end with the fixture's official-format tiny checkpoint: without the face
 * crop, the lossless frames equal the official code's PNGs (relative with adapt-scale, and absolute); mp4 with side by
 * side; paste-back; bad input.
 */
class AnimationServiceTest {
    @TempDir
    Path tmp;

    private static Path fixture(String name) {
        return TestData.file("fomm_fixture/" + name);
    }

    private static AnimationService.Options options(Path out, boolean relative, boolean crop, boolean pasteBack,
                                                    boolean sideBySide, Path source) {
        return new AnimationService.Options(fixture("tiny-zip.pth.tar"), fixture("tiny-256.yaml"), source,
                fixture("driving.mkv"), out, relative, true, crop, pasteBack, sideBySide,
                TestData.file("models/anime_faceboxes_epoch90.pth").toString(), AnimationService.DrivingFaces.AUTO, 0);
    }

    private static int maxDifference(RgbImage a, RgbImage b) {
        assertThat(a.width()).isEqualTo(b.width());
        assertThat(a.height()).isEqualTo(b.height());
        int max = 0;
        for (int i = 0; i < a.pixels().length; i++) {
            max = Math.max(max, Math.abs((a.pixels()[i] & 0xff) - (b.pixels()[i] & 0xff)));
        }
        return max;
    }

    @Test
    void pngFramesMatchTheOfficialCodeInBothModes() throws Exception {
        for (String mode : new String[] {"relative", "absolute"}) {
            Path out = tmp.resolve(mode);
            AnimationService.Result r = JobQueue.runNow("animate", new AnimationService().animateJob(
                    options(out, mode.equals("relative"), false, false, false, fixture("source.png"))));
            assertThat(r.png()).isTrue();
            assertThat(r.frames()).isEqualTo(6);
            for (int i = 0; i < 6; i++) {
                String name = String.format("frame_%05d.png", i);
                RgbImage ours = ImageFiles.read(out.resolve(name));
                RgbImage official = ImageFiles.read(fixture(mode + "/" + name));
                assertThat(maxDifference(ours, official)).as("%s %s", mode, name).isLessThanOrEqualTo(1);
            }
            try (var files = Files.list(tmp)) {
                assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains("partial"));
            }
        }
    }

    @Test
    void mp4SideBySideAndPasteBack() throws Exception {
        Path video = tmp.resolve("side.mp4");
        AnimationService.Result r = JobQueue.runNow("animate", new AnimationService().animateJob(
                options(video, true, false, false, true, fixture("source.png"))));
        assertThat(r.png()).isFalse();
        try (FrameSource s = FrameSource.open(video, FrameSize.FULL)) {
            assertThat(s.frameCount()).isEqualTo(6);
            assertThat(s.width()).isEqualTo(768);
            assertThat(s.height()).isEqualTo(256);
        }

        // An anime portrait: the face is found, animated and pasted back into the whole picture.
        Path portrait = TestData.file("images/talking_head_anime_3/crypko_00.png");
        RgbImage full = ImageFiles.read(portrait);
        Path frames = tmp.resolve("pasted");
        AnimationService.Result pasted = JobQueue.runNow("animate", new AnimationService().animateJob(
                options(frames, true, true, true, false, portrait)));
        assertThat(pasted.sourceCrop()).isNotNull();
        assertThat(pasted.width()).isEqualTo(full.width() & ~1);
        RgbImage first = ImageFiles.read(frames.resolve("frame_00000.png"));
        // Outside the face square the picture is the source's own.
        int corner = (int) Math.max(0, pasted.sourceCrop().y2() + 2);
        if (corner < first.height()) {
            int i = (corner * first.width()) * 3;
            assertThat(first.pixels()[i]).isEqualTo(full.pixels()[(corner * full.width()) * 3]);
        }
    }

    @Test
    void badInputIsNamed() {
        AnimationService service = new AnimationService();
        Path out = tmp.resolve("bad");
        AnimationService.Options missing = new AnimationService.Options(tmp.resolve("nope.pth.tar"),
                fixture("tiny-256.yaml"), fixture("source.png"), fixture("driving.mkv"), out, true, true, false,
                false, false, null, AnimationService.DrivingFaces.AUTO, 0);
        assertThatThrownBy(() -> JobQueue.runNow("animate", service.animateJob(missing)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("nope.pth.tar");
        // The tiny checkpoint under the default vox-256 config: refused, naming the checkpoint.
        AnimationService.Options wrongConfig = new AnimationService.Options(fixture("tiny-zip.pth.tar"), null,
                fixture("source.png"), fixture("driving.mkv"), out, true, true, false, false, false, null,
                AnimationService.DrivingFaces.AUTO, 0);
        assertThatThrownBy(() -> JobQueue.runNow("animate", service.animateJob(wrongConfig)))
                .hasMessageContaining("tiny-zip.pth.tar");
        assertThat(out).doesNotExist();
        assertThatThrownBy(() -> new AnimationService.Options(fixture("tiny-zip.pth.tar"), null, fixture("source.png"),
                fixture("driving.mkv"), out, true, true, false, true, false, null, AnimationService.DrivingFaces.AUTO,
                0)).hasMessageContaining("--paste-back");
    }
}
