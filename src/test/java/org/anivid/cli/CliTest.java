package org.anivid.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.anivid.TestData;
import org.anivid.core.Episode;
import org.anivid.library.Library;
import org.anivid.media.Ffmpeg;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The command contract of DESIGN.md §3–§4: JSON only on stdout, one-line errors, exit codes 0/1/2. */
class CliTest {
    @TempDir
    Path tmp;

    record Run(int code, String out, String err) {
        JsonNode json() throws Exception {
            return new ObjectMapper().readTree(out);
        }
    }

    static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            System.setOut(o);
            System.setErr(e);
            int code = AnividCommand.execute(args, o, e);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void infoJsonIsOneObjectOnStdout() throws Exception {
        Path video = TestData.file("videos/pyscenedetect/goldeneye-vfr-drop3.mp4");
        Run r = run("info", video.toString(), "--json");
        assertThat(r.code()).isZero();
        assertThat(r.out().strip().lines()).hasSize(1);
        JsonNode j = r.json();
        assertThat(j.path("frames").asInt()).isEqualTo(160);
        assertThat(j.path("vfr").asBoolean()).isTrue();
        assertThat(j.path("codec").asText()).isEqualTo("h264");
        assertThat(j.path("duration").asDouble()).isBetween(9.9, 10.05);
    }

    @Test
    void badInputIsOneLineAndExitCodeTwo() {
        Path missing = tmp.resolve("missing.mp4");
        Run r = run("info", missing.toString(), "--json");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().strip()).isEqualTo("anivid: " + missing + ": file not found");
    }

    @Test
    void unknownOptionIsExitCodeTwo() {
        Run r = run("info", "x.mp4", "--no-such-option");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("Unknown option");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "studio", "import", "info", "bench", "bench decode", "demo"})
    void everyCommandHasHelp(String command) {
        List<String> args = new ArrayList<>(command.isEmpty() ? List.of() : List.of(command.split(" ")));
        args.add("--help");
        Run r = run(args.toArray(String[]::new));
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("Usage: anivid");
    }

    /** A folder mixing good and bad files: good ones land, each bad one gets its line, exit code 2. */
    @Test
    void importFolderWithGoodAndBadFiles() throws Exception {
        Path folder = Files.createDirectories(tmp.resolve("Some Show"));
        Files.createSymbolicLink(folder.resolve("ep01.mp4"), TestData.file("videos/onepiece_demo.mp4"));
        Files.createSymbolicLink(folder.resolve("ep02.mkv"), TestData.file("videos/pyscenedetect/issue-236-split-copy.mkv"));
        Files.createFile(folder.resolve("empty.mp4"));
        Files.writeString(folder.resolve("notes.avi"), "not a video at all\n".repeat(20));
        byte[] whole = Files.readAllBytes(TestData.file("videos/pyscenedetect/counter.mp4"));
        Files.write(folder.resolve("cut.mp4"), java.util.Arrays.copyOf(whole, whole.length / 3));
        Files.writeString(folder.resolve("readme.txt"), "ignored: not a video extension");
        Path lib = tmp.resolve("lib");

        Run r = run("import", folder.toString(), "--library", lib.toString(), "--json");
        assertThat(r.code()).isEqualTo(2);
        JsonNode j = r.json();
        assertThat(j.path("imported").asInt()).isEqualTo(2);
        assertThat(j.path("failed").asInt()).isEqualTo(3);
        List<String> errLines = r.err().strip().lines().filter(l -> l.startsWith("anivid: ")).toList();
        assertThat(errLines).hasSize(3);
        assertThat(errLines).anySatisfy(l -> assertThat(l).contains("empty.mp4: file is empty"));
        assertThat(errLines).anySatisfy(l -> assertThat(l).contains("notes.avi: not a readable video file"));
        assertThat(errLines).anySatisfy(l -> assertThat(l).contains("cut.mp4: "));

        try (Library library = Library.open(lib)) {
            List<Episode> episodes = library.episodes().list();
            assertThat(episodes).extracting(Episode::title).containsExactlyInAnyOrder("ep01", "ep02");
            assertThat(library.series().list()).extracting(s -> s.name()).containsExactly("Some Show");
        }

        // Again: nothing is duplicated.
        Run again = run("import", folder.toString(), "--library", lib.toString(), "--json");
        assertThat(again.json().path("imported").asInt()).isZero();
        assertThat(again.json().path("already_present").asInt()).isEqualTo(2);
        try (Library library = Library.open(lib)) {
            assertThat(library.episodes().list()).hasSize(2);
        }
    }

    /** Every test clip imports with ffprobe's frame count (ffprobe decodes every frame to count them). */
    @Test
    void importingEveryTestClipGivesFfprobeFrameCounts() throws Exception {
        Path videos = TestData.file("videos");
        Path lib = tmp.resolve("all");
        Run r = run("import", videos.toString(), "--library", lib.toString(), "--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode files = r.json().path("files");
        assertThat(files.size()).isGreaterThanOrEqualTo(14);
        for (JsonNode f : files) {
            String probe = Ffmpeg.ffprobe("-v", "error", "-count_frames", "-select_streams", "v:0", "-show_entries",
                    "stream=nb_read_frames:format=duration", "-of", "json", f.path("file").asText());
            JsonNode p = new ObjectMapper().readTree(probe);
            int expected = p.path("streams").path(0).path("nb_read_frames").asInt();
            assertThat(f.path("frames").asInt()).as(f.path("file").asText()).isEqualTo(expected);
            double formatDuration = p.path("format").path("duration").asDouble();
            // Container durations may include audio tails; ours is the video stream's, never longer.
            assertThat(f.path("duration").asDouble()).as(f.path("file").asText())
                    .isLessThanOrEqualTo(formatDuration + 0.05).isGreaterThan(formatDuration * 0.9 - 0.1);
        }
    }

    @Test
    void libraryThatCannotBeCreatedIsBadInput() throws Exception {
        Path blocker = Files.writeString(tmp.resolve("a-file"), "x");
        Run r = run("import", TestData.file("videos/onepiece_demo.mp4").toString(), "--library",
                blocker.resolve("lib").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).contains(blocker.resolve("lib").toString());
    }
}
