package org.anivid.media;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.anivid.TestData;
import org.anivid.core.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad files get one line naming the file and the problem, never a crash or a hang. */
class BadMediaTest {
    @TempDir
    Path tmp;

    private final FfmpegVideoProbe probe = new FfmpegVideoProbe();

    @Test
    void missingFile() {
        Path f = tmp.resolve("nope.mp4");
        assertThatThrownBy(() -> probe.probe(f)).isInstanceOf(InvalidInputException.class)
                .hasMessage(f + ": file not found");
    }

    @Test
    void emptyFile() throws Exception {
        Path f = Files.createFile(tmp.resolve("empty.mp4"));
        assertThatThrownBy(() -> probe.probe(f)).isInstanceOf(InvalidInputException.class)
                .hasMessage(f + ": file is empty (0 bytes)");
    }

    @Test
    void textFileIsNotAVideo() throws Exception {
        Path f = Files.writeString(tmp.resolve("notes.mp4"), "these are not the frames you are looking for\n".repeat(50));
        assertThatThrownBy(() -> probe.probe(f)).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(f + ": not a readable video file");
    }

    @Test
    void folderIsNotAVideo() {
        assertThatThrownBy(() -> probe.probe(tmp)).isInstanceOf(InvalidInputException.class)
                .hasMessage(tmp + ": is a folder, not a video file");
    }

    @Test
    void audioOnlyFileHasNoVideoStream() throws Exception {
        Path f = tmp.resolve("tone.wav");
        Ffmpeg.ffmpeg("-v", "error", "-f", "lavfi", "-i", "sine=duration=1", "-y", f.toString());
        assertThatThrownBy(() -> probe.probe(f)).isInstanceOf(InvalidInputException.class)
                .hasMessage(f + ": has no video stream");
    }

    /** MP4 with its index at the end, cut in half: the index is gone. */
    @Test
    void truncatedFileWithIndexAtTheEnd() throws Exception {
        Path f = truncate(TestData.file("videos/onepiece_demo.mp4"), 0.5);
        assertThatThrownBy(() -> probe.probe(f)).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(f.toString() + ": ")
                .satisfies(e -> org.assertj.core.api.Assertions.assertThat(e.getMessage()).doesNotContain("\n"));
    }

    /** MP4 with its index first ("faststart"), cut in half: the index promises frames the file lacks. */
    @Test
    void truncatedFileWithIndexFirst() throws Exception {
        Path whole = tmp.resolve("faststart.mp4");
        Ffmpeg.ffmpeg("-v", "error", "-i", TestData.file("videos/onepiece_demo.mp4").toString(), "-c", "copy",
                "-movflags", "+faststart", "-y", whole.toString());
        Path f = truncate(whole, 0.5);
        assertThatThrownBy(() -> probe.probe(f)).isInstanceOf(InvalidInputException.class)
                .hasMessageMatching(java.util.regex.Pattern.quote(f.toString()) + ": truncated: \\d+ of 181 frames are present");
    }

    private Path truncate(Path source, double fraction) throws Exception {
        byte[] all = Files.readAllBytes(source);
        Path f = tmp.resolve("cut-" + source.getFileName());
        Files.write(f, Arrays.copyOf(all, (int) (all.length * fraction)));
        return f;
    }
}
