package org.anivid.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./anivid eval map} (DESIGN.md §4): one JSON object on stdout, exit 2 with one line on bad input. */
class EvalMapCliTest {
    @TempDir
    Path tmp;

    private Path groundTruth() throws Exception {
        return Files.writeString(tmp.resolve("gt.json"), """
                {"images": [{"id": 1, "file_name": "1.jpg"}, {"id": 2, "file_name": "2.jpg"}],
                 "annotations": [{"id": 1, "image_id": 1, "category_id": 1, "bbox": [0, 0, 10, 10]},
                                 {"id": 2, "image_id": 2, "category_id": 1, "bbox": [0, 0, 10, 10]}],
                 "categories": [{"id": 1, "name": "face"}]}
                """);
    }

    @Test
    void jsonReportsMapPrecisionAndRecall() throws Exception {
        // Image 1 found (0.9), a false positive (0.8) on image 2, image 2's box found below conf (0.5).
        // Sorted: TP, FP, TP -> recall [.5,.5,1], precision [1,.5,2/3] -> envelope [1, 2/3, 2/3]:
        // points 0 .. .5 (51) -> 1, .51 .. 1 (50) -> 2/3. AP = (51 + 50 * 2/3) / 101 = 253/303.
        // At conf 0.6: TP 1, FP 1, FN 1 -> precision .5, recall .5.
        Path pred = Files.writeString(tmp.resolve("pred.json"), """
                [{"image_id": 1, "category_id": 1, "bbox": [0, 0, 10, 10], "score": 0.9},
                 {"image_id": 2, "category_id": 1, "bbox": [50, 50, 10, 10], "score": 0.8},
                 {"image_id": 2, "category_id": 1, "bbox": [0, 0, 10, 10], "score": 0.5}]
                """);
        CliTest.Run r = CliTest.run("eval", "map", "--gt", groundTruth().toString(), "--pred", pred.toString(),
                "--json");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out().strip().lines()).hasSize(1);
        JsonNode j = r.json();
        assertThat(j.path("map50").asDouble()).isCloseTo(253.0 / 303, within(1e-9));
        assertThat(j.path("map50_95").asDouble()).isCloseTo(253.0 / 303, within(1e-9));
        assertThat(j.path("precision").asDouble()).isEqualTo(0.5);
        assertThat(j.path("recall").asDouble()).isEqualTo(0.5);
        assertThat(j.path("conf").asDouble()).isEqualTo(0.6);
        assertThat(j.path("iou").asDouble()).isEqualTo(0.5);
        assertThat(j.path("tp").asInt()).isEqualTo(1);
        assertThat(j.path("fp").asInt()).isEqualTo(1);
        assertThat(j.path("fn").asInt()).isEqualTo(1);
        assertThat(j.path("images").asInt()).isEqualTo(2);
        assertThat(j.path("gt_boxes").asInt()).isEqualTo(2);
        assertThat(j.path("detections").asInt()).isEqualTo(3);
        assertThat(j.path("definition").asText()).contains("101-point").contains("maxDets 100");

        // --conf 0.4 takes the 0.5 detection in: TP 2, FP 1.
        CliTest.Run low = CliTest.run("eval", "map", "--gt", groundTruth().toString(), "--pred", pred.toString(),
                "--conf", "0.4", "--json");
        assertThat(low.json().path("recall").asDouble()).isEqualTo(1.0);
        assertThat(low.json().path("precision").asDouble()).isCloseTo(2.0 / 3, within(1e-9));

        CliTest.Run table = CliTest.run("eval", "map", "--gt", groundTruth().toString(), "--pred", pred.toString());
        assertThat(table.code()).isZero();
        assertThat(table.out()).contains("mAP@.5        0.8350").contains("precision 0.5000");
    }

    @Test
    void badInputIsExitTwoWithOneLineNamingTheFile() throws Exception {
        Path pred = Files.writeString(tmp.resolve("pred.json"), """
                [{"image_id": 1, "category_id": 1, "bbox": [0, 0, 10], "score": 0.9}]""");
        CliTest.Run r = CliTest.run("eval", "map", "--gt", groundTruth().toString(), "--pred", pred.toString(),
                "--json");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err().strip()).startsWith("anivid: " + pred + ": ").contains("bbox");

        Path missing = tmp.resolve("nope.json");
        CliTest.Run m = CliTest.run("eval", "map", "--gt", missing.toString(), "--pred", pred.toString(), "--json");
        assertThat(m.code()).isEqualTo(2);
        assertThat(m.err().strip()).isEqualTo("anivid: " + missing + ": file not found");

        CliTest.Run conf = CliTest.run("eval", "map", "--gt", groundTruth().toString(), "--pred", pred.toString(),
                "--conf", "2");
        assertThat(conf.code()).isEqualTo(2);
        assertThat(conf.err().strip()).isEqualTo("anivid: --conf must be in [0, 1], got 2.0");
    }

    @Test
    void hasHelp() {
        CliTest.Run r = CliTest.run("eval", "map", "--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("Usage: anivid eval map").contains("--pred");
    }
}
