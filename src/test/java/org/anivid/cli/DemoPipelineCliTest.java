package org.anivid.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.anivid.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./anivid demo}: import → curate → export on the bundled demo, then curate and export as commands. */
class DemoPipelineCliTest {
    @TempDir
    Path tmp;

    @Test
    void theDemoRunsEndToEndAndExportsTheFommLayout() throws Exception {
        String model = TestData.file("models/anime_faceboxes_epoch90.pth").toString();
        Path library = tmp.resolve("lib");
        Path out = tmp.resolve("export");
        CliTest.Run r = CliTest.run("demo", "--library", library.toString(), "--out", out.toString(), "--model", model,
                "--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(r.out());
        int proposals = json.get("curation").get("proposals").asInt();
        assertThat(proposals).isGreaterThanOrEqualTo(5);
        assertThat(json.get("export").get("clips").asInt()).isEqualTo(proposals);
        assertThat(out.resolve("train")).isDirectory();
        assertThat(out.resolve("test")).isDirectory();
        assertThat(out.resolve("metadata.jsonl")).isRegularFile();
        assertThat(out.resolve("clips.csv")).isRegularFile();
        assertThat(out.resolve("README.md")).isRegularFile();
        try (Stream<Path> clips = Stream.concat(Files.list(out.resolve("train")), Files.list(out.resolve("test")))) {
            assertThat(clips.map(p -> p.getFileName().toString()))
                    .hasSize(proposals).allMatch(name -> name.matches("AniVid_Demo-demo#\\d+\\.mp4"));
        }

        // Running the commands again changes nothing: curation skips done steps, export reuses every clip.
        CliTest.Run curate = CliTest.run("curate", "--library", library.toString(), "--model", model, "--json");
        assertThat(curate.code()).as(curate.err()).isZero();
        JsonNode episode = new ObjectMapper().readTree(curate.out()).get("episodes").get(0);
        assertThat(episode.get("analysed_now").asBoolean()).isFalse();
        assertThat(episode.get("proposals").asInt()).isEqualTo(proposals);
        CliTest.Run export = CliTest.run("export", "--library", library.toString(), "--out", out.toString(), "--json");
        assertThat(export.code()).as(export.err()).isZero();
        JsonNode e = new ObjectMapper().readTree(export.out());
        assertThat(e.get("written").asInt()).isZero();
        assertThat(e.get("reused").asInt()).isEqualTo(proposals);
    }

    @Test
    void exportRefusesAFolderThatIsNotAnExport() throws Exception {
        Path folder = Files.createDirectories(tmp.resolve("photos"));
        Files.writeString(folder.resolve("holiday.jpg"), "x");
        CliTest.Run r = CliTest.run("export", "--library", tmp.resolve("lib2").toString(), "--out", folder.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).contains("photos");
        assertThat(folder.resolve("holiday.jpg")).exists();
    }
}
