package org.anivid.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.anivid.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./anivid faces} and {@code ./anivid eval faces} (DESIGN.md §4). */
class FacesCliTest {
    @TempDir
    Path tmp;

    @Test
    void picturesAndVideosGiveBoxesTracksAndFlagsAsOneJsonObject() throws Exception {
        String model = TestData.file("models/anime_faceboxes_epoch90.pth").toString();
        Path portrait = TestData.file("images/talking_head_anime_3/crypko_00.png");
        Path video = TestData.file("videos/onepiece_demo.mp4");
        CliTest.Run r = CliTest.run("faces", "--model", model, "--json", portrait.toString(), video.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out().strip().lines()).hasSize(1);
        JsonNode json = new ObjectMapper().readTree(r.out());
        JsonNode results = json.get("results");
        assertThat(results).hasSize(1 + 181);
        JsonNode first = results.get(0);
        assertThat(first.get("file").asText()).isEqualTo(portrait.toString());
        assertThat(first.get("boxes")).hasSize(1);
        assertThat(first.get("boxes").get(0)).hasSize(5);
        assertThat(first.get("boxes").get(0).get(4).asDouble()).isGreaterThan(0.9);
        JsonNode videoSummary = json.get("videos").get(0);
        assertThat(videoSummary.get("frames").asInt()).isEqualTo(181);
        // The cut at frame 100 ends every track.
        for (JsonNode t : videoSummary.get("track_list")) {
            assertThat(t.get("start").asInt() < 100 && t.get("end").asInt() > 100).isFalse();
        }
        assertThat(results.get(1 + 50).get("flag").asText()).isEqualTo("one_face");
        assertThat(results.get(1 + 50).get("tracks")).hasSize(1);
    }

    @Test
    void badInputExitsWithTwoAndOneLine() throws Exception {
        Path notAPicture = Files.writeString(tmp.resolve("x.png"), "hello");
        String model = TestData.file("models/lbpcascade_animeface.xml").toString();
        CliTest.Run r = CliTest.run("faces", "--model", model, notAPicture.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).contains("x.png");
        CliTest.Run missing = CliTest.run("faces", "--model", model, tmp.resolve("none.png").toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("none.png").contains("no such file");
        CliTest.Run badModel = CliTest.run("faces", "--model", notAPicture.toString(), notAPicture.toString());
        assertThat(badModel.code()).isEqualTo(2);
    }

    @Test
    void evalFacesPrintsTheTableRowsOfEachModel() throws Exception {
        Path gt = TestData.file("GROUND_TRUTH_faces.json");
        String model = TestData.file("models/lbpcascade_animeface.xml").toString();
        CliTest.Run r = CliTest.run("eval", "faces", "--gt", gt.toString(), "--models", model, "--generated", "6",
                "--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode out = new ObjectMapper().readTree(r.out());
        JsonNode generated = out.get("generated").get("rows").get(0);
        assertThat(generated.get("gt_boxes").asInt()).as("boxes of the 6 generated pictures").isGreaterThan(3);
        assertThat(generated.get("map50").asDouble()).isBetween(0.0, 1.0);
        JsonNode row = out.get("rows").get(0);
        assertThat(row.get("gt_boxes").asInt()).isEqualTo(38);
        assertThat(row.get("count_images").asInt()).isEqualTo(10);
        assertThat(row.get("map50").asDouble()).isBetween(0.5, 1.0);
        assertThat(row.get("recall_iou30").asDouble()).isGreaterThan(0.85);
    }
}
