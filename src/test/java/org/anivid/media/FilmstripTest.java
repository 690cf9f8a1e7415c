package org.anivid.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.anivid.core.InvalidInputException;
import org.anivid.core.RgbImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FilmstripTest {
    @TempDir
    Path dir;

    @Test
    void stepKeepsAtMostTwoThousandThumbnails() {
        assertThat(Filmstrip.stepFor(1)).isEqualTo(1);
        assertThat(Filmstrip.stepFor(2000)).isEqualTo(1);
        assertThat(Filmstrip.stepFor(2001)).isEqualTo(2);
        assertThat(Filmstrip.stepFor(40_000)).isEqualTo(20);
        for (int frames : new int[] {1, 479, 2000, 2001, 39_999, 40_000, 40_001, 100_000}) {
            int step = Filmstrip.stepFor(frames);
            assertThat((frames - 1) / step + 1).as("thumbnails for %d frames", frames).isLessThanOrEqualTo(2000);
        }
    }

    /** Thumbnail i is painted with grey level i·5 (JPEG keeps a flat colour within a level or two). */
    @Test
    void nearestThumbnailIsTheClosestSampledFrame() {
        int frames = 5000; // step 3, thumbnails of frames 0, 3, …, 4998
        Filmstrip.Writer writer = new Filmstrip.Writer(frames, 16, 10);
        assertThat(writer.step()).isEqualTo(3);
        for (int n = 0; n < frames; n++) {
            if (writer.wants(n)) {
                writer.add(flat(16, 10, (n / 3) % 50 * 5));
            }
        }
        Path file = dir.resolve("s.strip");
        writer.writeTo(file, Filmstrip.FLAG_PROXY_BUILT);
        writer.dispose();
        Filmstrip strip = Filmstrip.open(file);
        assertThat(strip.count()).isEqualTo(1667);
        assertThat(strip.step()).isEqualTo(3);
        assertThat(strip.frameCount()).isEqualTo(frames);
        assertThat(strip.flags()).isEqualTo(Filmstrip.FLAG_PROXY_BUILT);
        assertThat(strip.frameOf(0)).isZero();
        assertThat(strip.frameOf(strip.count() - 1)).isEqualTo(4998);
        assertThat(strip.nearestIndex(0)).isZero();
        assertThat(strip.nearestIndex(1)).isZero();
        assertThat(strip.nearestIndex(2)).isEqualTo(1);
        assertThat(strip.nearestIndex(4)).isEqualTo(1);
        assertThat(strip.nearestIndex(5)).isEqualTo(2);
        assertThat(strip.nearestIndex(4999)).isEqualTo(1666);
        assertThat(strip.nearestIndex(-7)).isZero();
        assertThat(strip.nearestIndex(1_000_000)).isEqualTo(1666);
        for (int frame : new int[] {0, 1, 2, 100, 101, 2500, 4997, 4999}) {
            int i = strip.nearestIndex(frame);
            assertThat(Math.abs(strip.frameOf(i) - frame)).isLessThanOrEqualTo(1);
            RgbImage thumb = strip.nearest(frame);
            assertThat(thumb.width()).isEqualTo(16);
            assertThat(thumb.height()).isEqualTo(10);
            int grey = (thumb.rgb(8, 5) >> 8) & 0xff;
            assertThat(grey).as("grey of thumbnail for frame %d", frame).isBetween(i % 50 * 5 - 2, i % 50 * 5 + 2);
        }
    }

    @Test
    void thumbnailsOfAVideoShowThatFrame() {
        Path clip = TestClips.write(dir.resolve("clip.mp4"), 60, 320, 240, 300);
        Path strip = dir.resolve("s.strip");
        ProxyBuilder.build(clip, dir.resolve("p.mp4"), strip, ProxyBuilderTest.SMALL, ProxyBuilder.ProxyMode.NEVER,
                (d, t) -> { });
        Filmstrip f = Filmstrip.open(strip);
        assertThat(f.count()).isEqualTo(60);
        assertThat(f.thumbWidth()).isEqualTo(Filmstrip.THUMB_WIDTH);
        assertThat(f.thumbHeight()).isEqualTo(120);
        for (int n : new int[] {0, 1, 31, 59}) {
            assertThat(TestClips.number(f.nearest(n))).as("number on thumbnail of frame %d", n).isEqualTo(n);
        }
    }

    @Test
    void damagedFilesAreRefusedWithAReason() throws IOException {
        Filmstrip.Writer writer = new Filmstrip.Writer(10, 8, 8);
        for (int n = 0; n < 10; n++) {
            writer.add(flat(8, 8, n * 20));
        }
        Path file = dir.resolve("s.strip");
        writer.writeTo(file, 0);
        byte[] bytes = Files.readAllBytes(file);
        Path truncated = Files.write(dir.resolve("t.strip"), Arrays.copyOf(bytes, bytes.length - 5));
        assertThatThrownBy(() -> Filmstrip.open(truncated)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("truncated");
        Path other = Files.writeString(dir.resolve("o.strip"), "not a filmstrip at all");
        assertThatThrownBy(() -> Filmstrip.open(other)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("not a filmstrip");
        assertThatThrownBy(() -> Filmstrip.open(dir.resolve("missing.strip"))).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void incompleteStripIsNotWritten() {
        Filmstrip.Writer writer = new Filmstrip.Writer(10, 8, 8);
        writer.add(flat(8, 8, 0));
        Path file = dir.resolve("s.strip");
        assertThatThrownBy(() -> writer.writeTo(file, 0)).hasMessageContaining("1 of 10");
        assertThat(file).doesNotExist();
    }

    private static RgbImage flat(int w, int h, int grey) {
        byte[] px = new byte[w * h * 3];
        Arrays.fill(px, (byte) grey);
        return new RgbImage(w, h, px);
    }
}
