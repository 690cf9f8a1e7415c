package org.anivid.fomm.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.anivid.core.InvalidInputException;
import org.anivid.core.RgbImage;
import org.anivid.media.Ffmpeg;
import org.anivid.media.ImageResize;
import org.anivid.media.PngFiles;
import org.anivid.media.TestClips;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FommDatasetTest {
    @TempDir
    Path tmp;

    @Test
    void listsClipsOfEveryKindAndGroupsIdsByTheNameBeforeTheHash() throws Exception {
        Path root = DataFixtures.layout(tmp.resolve("set"));
        Path train = root.resolve("train");
        DataFixtures.pngClip(train, "Show-ep1#000002", 1, 3, 16, 16);
        DataFixtures.pngClip(train, "Show-ep1#000001", 2, 3, 16, 16);
        DataFixtures.pngClip(train, "Show-ep10#000003", 3, 3, 16, 16);
        DataFixtures.pngClip(train, "Other-ep.5#000004", 4, 3, 16, 16);
        DataFixtures.pngClip(train, "loose", 5, 3, 16, 16);
        TestClips.write(train.resolve("Show-ep1#000005.mp4"), 4, 32, 32, 4);
        Files.writeString(train.resolve("notes.txt"), "not a clip");
        Files.writeString(train.resolve(".Show-ep1#000009.mp4.partial-1.mp4"), "an encoder's hidden partial file");

        try (FommDataset set = FommDataset.open(root, FommDataset.Split.TRAIN, 16, 16)) {
            assertThat(set.clips()).extracting(ClipRef::name).containsExactly("Other-ep.5#000004", "Show-ep1#000001",
                    "Show-ep1#000002", "Show-ep1#000005", "Show-ep10#000003", "loose");
            assertThat(set.clip("Show-ep1#000005").kind()).isEqualTo(ClipRef.Kind.VIDEO);
            assertThat(set.clip("loose").kind()).isEqualTo(ClipRef.Kind.FRAME_FOLDER);
            Map<String, List<ClipRef>> ids = set.ids();
            // "Show-ep1" and "Show-ep10" are different ids (the official glob name + '*' would mix them up).
            assertThat(ids.keySet()).containsExactly("Other-ep.5", "Show-ep1", "Show-ep10", "loose");
            assertThat(ids.get("Show-ep1")).extracting(ClipRef::name).containsExactly("Show-ep1#000001",
                    "Show-ep1#000002", "Show-ep1#000005");
            assertThat(set.clipCount()).isEqualTo(6);
            assertThat(set.samplesPerEpoch(3)).isEqualTo(12); // 4 ids × 3 repeats (vox-256 samples by id)
            assertThat(set.batchesPerEpoch(5, 3)).isEqualTo(2);
            assertThat(set.spread(3)).extracting(ClipRef::name).containsExactly("Other-ep.5#000004",
                    "Show-ep1#000005", "loose");
        }
        assertThat(FommDataset.clips(root, "train")).hasSize(6).first()
                .isEqualTo(train.resolve("Other-ep.5#000004"));
    }

    @Test
    void readsEveryFrameOfAVideoAFolderAndAStrip() throws Exception {
        Path root = DataFixtures.layout(tmp.resolve("set"));
        Path test = root.resolve("test");
        TestClips.write(test.resolve("A#1.mp4"), 12, 160, 160, 5);
        DataFixtures.pngClip(test, "B#2", 7, 4, 32, 32);
        RgbImage strip = new RgbImage(96, 32, new byte[96 * 32 * 3]);
        for (int f = 0; f < 3; f++) {
            RgbImage frame = DataFixtures.frame(9, f, 32, 32);
            for (int y = 0; y < 32; y++) {
                System.arraycopy(frame.pixels(), y * 32 * 3, strip.pixels(), (y * 96 + f * 32) * 3, 32 * 3);
            }
        }
        PngFiles.write(strip, test.resolve("C#3.png"));

        try (FommDataset set = FommDataset.open(root, FommDataset.Split.TEST, 80, 80)) {
            List<RgbImage> video = set.read(set.clip("A#1"));
            assertThat(video).hasSize(12).allSatisfy(f -> assertThat(f.width() * 1000 + f.height()).isEqualTo(80080));
            for (int i = 0; i < video.size(); i++) {
                assertThat(TestClips.number(video.get(i))).as("frame %d", i).isEqualTo(i);
            }
        }
        // 32×32 frames read at 32×32 are the bytes written; the strip splits into its three frames.
        List<RgbImage> folder = ClipFrames.read(test.resolve("B#2"), 32, 32);
        assertThat(folder).hasSize(4);
        assertThat(folder.get(3).pixels()).isEqualTo(DataFixtures.frame(7, 3, 32, 32).pixels());
        List<RgbImage> strips = ClipFrames.read(test.resolve("C#3.png"), 32, 32);
        assertThat(strips).hasSize(3);
        assertThat(strips.get(2).pixels()).isEqualTo(DataFixtures.frame(9, 2, 32, 32).pixels());
        // Larger frames are area-averaged to the frame shape.
        List<RgbImage> half = ClipFrames.read(test.resolve("B#2"), 16, 16);
        assertThat(half.get(1).pixels()).isEqualTo(ImageResize.areaAverage(DataFixtures.frame(7, 1, 32, 32), 16, 16)
                .pixels());
        // Planar layout: channel planes one after the other, values v / 255.
        float[] planar = ClipFrames.planar(folder.subList(2, 4));
        assertThat(planar).hasSize(2 * 3 * 32 * 32);
        int plane = 32 * 32;
        assertThat(planar[3 * plane]).isEqualTo((20 * 7 + 3) / 255f); // red of frame 3 at (0, 0)
        assertThat(planar[3 * plane + plane + 31]).isEqualTo(1f); // green at x = 31
        assertThat(planar[3 * plane + 2 * plane + 31 * 32]).isEqualTo(1f); // blue at y = 31
    }

    @Test
    void readsAGif() throws Exception {
        Path root = DataFixtures.layout(tmp.resolve("set"));
        Path frames = Files.createDirectories(tmp.resolve("src"));
        for (int f = 0; f < 5; f++) {
            RgbImage flat = new RgbImage(32, 32, new byte[32 * 32 * 3]);
            for (int i = 0; i < flat.pixels().length; i += 3) {
                flat.pixels()[i] = (byte) (60 * f);
                flat.pixels()[i + 1] = (byte) 100;
                flat.pixels()[i + 2] = (byte) 150;
            }
            PngFiles.write(flat, frames.resolve(String.format(java.util.Locale.ROOT, "%05d.png", f)));
        }
        Path gif = root.resolve("train").resolve("G#1.gif");
        Ffmpeg.ffmpeg("-v", "error", "-framerate", "10", "-i", frames.resolve("%05d.png").toString(), gif.toString());
        try (FommDataset set = FommDataset.open(root, FommDataset.Split.TRAIN, 32, 32)) {
            assertThat(set.clips()).extracting(ClipRef::kind).containsExactly(ClipRef.Kind.VIDEO);
            List<RgbImage> all = set.read(set.clips().get(0));
            assertThat(all).hasSize(5);
            // GIF is paletted (3 bits of red by default): each frame's red survives within a palette step, in order.
            int previous = -1;
            for (int f = 0; f < 5; f++) {
                int red = (all.get(f).rgb(16, 16) >> 16) & 0xff;
                assertThat(red).as("frame %d", f).isBetween(60 * f - 20, 60 * f + 20).isGreaterThan(previous);
                previous = red;
            }
        }
    }

    @Test
    void refusesFoldersWithoutClips() throws Exception {
        Path root = DataFixtures.layout(tmp.resolve("empty"));
        Files.writeString(root.resolve("train").resolve("readme.md"), "nothing here");
        assertThatThrownBy(() -> FommDataset.open(root, FommDataset.Split.TRAIN, 64, 64))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(root.resolve("train").toString())
                .hasMessageContaining("no clips")
                .hasMessageContaining(".mp4")
                .hasMessageContaining(".png");
        Path flat = Files.createDirectories(tmp.resolve("flat"));
        assertThatThrownBy(() -> FommDataset.open(flat, FommDataset.Split.TRAIN, 64, 64))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(flat.toString())
                .hasMessageContaining("no train/ folder");
        assertThatThrownBy(() -> FommDataset.open(tmp.resolve("missing"), FommDataset.Split.TEST, 64, 64))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("missing");
    }

    @Test
    void refusesSmallerFramesOtherShapesAndDamagedClipsNamingThem() throws Exception {
        Path root = DataFixtures.layout(tmp.resolve("set"));
        Path train = root.resolve("train");
        Path small = DataFixtures.pngClip(train, "S#1", 1, 2, 24, 24);
        Path wide = DataFixtures.pngClip(train, "W#1", 1, 2, 64, 32);
        Path empty = Files.createDirectories(train.resolve("E#1"));
        Path broken = train.resolve("X#1.mp4");
        Files.write(broken, new byte[] {0, 0, 0, 24, 'f', 't', 'y', 'p', 1, 2, 3, 4, 5, 6, 7, 8});

        assertThatThrownBy(() -> ClipFrames.read(small, 32, 32)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(small.toString()).hasMessageContaining("24x24").hasMessageContaining("32x32")
                .hasMessageContaining("smaller");
        assertThatThrownBy(() -> ClipFrames.read(wide, 32, 32)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(wide.toString()).hasMessageContaining("64x32")
                .hasMessageContaining("aspect ratio");
        assertThatThrownBy(() -> ClipFrames.read(empty, 32, 32)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(empty.toString()).hasMessageContaining("no .png/.jpg frames");
        assertThatThrownBy(() -> ClipFrames.read(broken, 32, 32)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(broken.toString());
        try (FommDataset set = FommDataset.open(root, FommDataset.Split.TRAIN, 32, 32)) {
            // check() reports the first bad clip in name order: E#1.
            assertThatThrownBy(set::check).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining(empty.toString());
        }
    }
}
