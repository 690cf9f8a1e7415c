package org.anivid.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.anivid.core.Clip;
import org.anivid.core.ClipStatus;
import org.anivid.core.FrameRange;
import org.anivid.core.InvalidInputException;
import org.anivid.core.RgbImage;
import org.anivid.jobs.JobCancelledException;
import org.anivid.jobs.JobQueue;
import org.anivid.jobs.JobTracker;
import org.anivid.media.FrameSource;
import org.anivid.media.ImageFiles;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class DatasetExporterTest {
    private static final Logger log = LoggerFactory.getLogger(DatasetExporterTest.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NAME = "[A-Za-z0-9._-]+-[A-Za-z0-9._-]+#\\d{6}";

    @TempDir
    Path tmp;
    ExportFixture fixture;
    Path out;

    @BeforeEach
    void setUp() throws Exception {
        fixture = new ExportFixture(tmp);
        out = tmp.resolve("dataset");
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    private ExportResult export(ExportOptions options) throws Exception {
        return JobQueue.runNow("export", new DatasetExporter(fixture.library).exportJob(options));
    }

    private ExportOptions options() {
        return new ExportOptions(out, 256, ExportFormat.MP4, SplitBy.EPISODE, 0.1, 0, ExportOptions.DEFAULT_MARGIN,
                false, Map.of("detector", "truth", "rules", Map.of("min_confidence", 0.6)));
    }

    private static List<JsonNode> metadata(Path export) throws Exception {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(export.resolve("metadata.jsonl"))) {
            lines.add(JSON.readTree(line));
        }
        return lines;
    }

    private static JsonNode lineOf(List<JsonNode> lines, Clip clip) {
        return lines.stream().filter(l -> l.get("clip_id").asLong() == clip.id()).findFirst().orElseThrow();
    }

    private void assertNoLeftoversBesideTheExport() throws Exception {
        try (Stream<Path> entries = Files.list(tmp)) {
            assertThat(entries.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".dataset.export-"));
        }
    }

    @Test
    void exportsTheFommLayoutWithMetadataCardAndContactSheet() throws Exception {
        ExportResult result = export(options());

        assertThat(result.clips()).isEqualTo(4);
        assertThat(result.trainClips() + result.testClips()).isEqualTo(4);
        assertThat(result.testClips()).as("two episodes: the small-dataset rule puts one in test").isPositive();
        assertThat(result.written()).isEqualTo(4);
        assertThat(result.reused()).isZero();
        assertThat(result.frames()).isEqualTo(66 + 72 + 66 + 40);
        assertThat(result.clipsPerSecond()).isPositive();
        assertThat(result.warnings()).anyMatch(w -> w.startsWith("split:"));
        log.info("export of {} clips / {} frames: {} s, {} clips/s", result.clips(), result.frames(),
                String.format("%.2f", result.seconds()), String.format("%.1f", result.clipsPerSecond()));

        List<Path> videos = new ArrayList<>();
        Map<String, Set<String>> sidesOfGroup = new HashMap<>();
        for (String side : List.of("train", "test")) {
            try (Stream<Path> files = Files.list(out.resolve(side))) {
                for (Path f : files.toList()) {
                    String name = f.getFileName().toString();
                    assertThat(name).matches(NAME + "\\.mp4");
                    videos.add(f);
                    sidesOfGroup.computeIfAbsent(ClipNames.groupOf(name), g -> new HashSet<>()).add(side);
                }
            }
        }
        assertThat(videos).hasSize(4);
        assertThat(sidesOfGroup).hasSize(2).allSatisfy((group, sides) -> assertThat(sides).hasSize(1));
        assertThat(sidesOfGroup).containsKeys("Demo-demo", "Other_Show-Other_episode_2");
        assertThat(videos).noneMatch(v -> v.getFileName().toString().endsWith(String.format("#%06d.mp4",
                fixture.rejected.id())));
        for (Path video : videos) {
            try (FrameSource source = FrameSource.open(video)) {
                assertThat(source.width()).isEqualTo(256);
                assertThat(source.height()).isEqualTo(256);
                long clipId = Long.parseLong(video.getFileName().toString().replaceAll(".*#(\\d+)\\.mp4", "$1"));
                Clip clip = fixture.clips.stream().filter(c -> c.id() == clipId).findFirst().orElseThrow();
                assertThat(source.frameCount()).as("frames of %s", video).isEqualTo(clip.range().length());
            }
        }

        List<JsonNode> lines = metadata(out);
        assertThat(lines).hasSize(4);
        JsonNode pan = lineOf(lines, fixture.clips.get(1));
        assertThat(pan.get("name").asText()).matches(NAME).startsWith("Demo-demo#");
        assertThat(pan.get("series").asText()).isEqualTo("Demo");
        assertThat(pan.get("episode").asText()).isEqualTo("demo");
        assertThat(pan.get("source_path").asText()).isEqualTo(fixture.demoFile.toAbsolutePath().toString());
        assertThat(pan.get("source_sha256").asText()).isEqualTo(fixture.demo.contentHash());
        assertThat(pan.get("frame_start").asInt()).isEqualTo(138);
        assertThat(pan.get("frame_end").asInt()).isEqualTo(210);
        assertThat(pan.get("start_seconds").asDouble()).isCloseTo(138 / 24.0, within(1e-3));
        assertThat(pan.get("end_seconds").asDouble()).isCloseTo(210 / 24.0, within(1e-3));
        assertThat(pan.get("fps").asDouble()).isCloseTo(24, within(1e-6));
        assertThat(pan.get("crop_boxes")).hasSize(72);
        JsonNode firstBox = pan.get("crop_boxes").get(0);
        assertThat(firstBox).hasSize(4);
        assertThat(firstBox.get(2).asDouble() - firstBox.get(0).asDouble())
                .isCloseTo(firstBox.get(3).asDouble() - firstBox.get(1).asDouble(), within(0.02));
        assertThat(pan.get("face_source").asText()).isEqualTo("auto:truth");
        assertThat(pan.get("status").asText()).isEqualTo("proposed");
        assertThat(pan.get("manual").asBoolean()).isFalse();
        assertThat(pan.get("split").asText()).isIn("train", "test");
        assertThat(pan.get("settings").get("detector").asText()).isEqualTo("truth");
        assertThat(pan.get("settings").get("rules").get("min_confidence").asDouble()).isEqualTo(0.6);
        JsonNode other = lineOf(lines, fixture.clips.get(3));
        assertThat(other.get("manual").asBoolean()).isTrue();
        assertThat(other.get("interpolated_frames").asInt()).isEqualTo(6);
        assertThat(other.get("series").asText()).isEqualTo("Other Show");
        assertThat(Files.exists(out.resolve(other.get("path").asText()))).isTrue();

        List<String> csv = Files.readAllLines(out.resolve("clips.csv"));
        assertThat(csv).hasSize(5);
        assertThat(csv.get(0)).startsWith("name,split,path,series,episode,clip_id,status");

        String card = Files.readString(out.resolve("README.md"));
        assertThat(card).contains("![contact sheet](contact_sheet.png)", "| Demo | 1 |", "| Other Show | 1 |",
                "| **total** | 4 | 244 |", "\"margin\" : 1.6", "\"min_confidence\" : 0.6");
        RgbImage sheet = ImageFiles.read(out.resolve("contact_sheet.png"));
        assertThat(sheet.width()).isEqualTo(4 * 128 + 5 * 2);
        assertThat(sheet.height()).isEqualTo(128 + 2 * 2);
        assertThat(ExportManifest.read(out)).isPresent();
        assertNoLeftoversBesideTheExport();
    }

    @Test
    void mp4FramesMatchTheCropsAtHighPsnr() throws Exception {
        export(options());
        JsonNode pan = lineOf(metadata(out), fixture.clips.get(1));
        double worstRgb = Double.MAX_VALUE;
        double worstLuma = Double.MAX_VALUE;
        try (FrameSource source = FrameSource.open(fixture.demoFile);
             FrameSource exported = FrameSource.open(out.resolve(pan.get("path").asText()))) {
            for (int i : new int[] {0, 17, 36, 71}) {
                RgbImage expected = crop(source, pan, i, 256);
                RgbImage actual = exported.frame(i).image();
                worstRgb = Math.min(worstRgb, Psnr.rgb(expected, actual));
                worstLuma = Math.min(worstLuma, Psnr.luma(expected, actual));
            }
        }
        log.info("exported mp4 vs crop: worst RGB PSNR {} dB, worst luma PSNR {} dB",
                String.format("%.2f", worstRgb), String.format("%.2f", worstLuma));
        assertThat(worstLuma).as("luma PSNR (dB)").isGreaterThan(40);
        assertThat(worstRgb).as("RGB PSNR (dB), bounded by 4:2:0 chroma").isGreaterThan(33);
    }

    @Test
    void pngFormatStoresExactCropsFrameByFrame() throws Exception {
        ExportOptions png = new ExportOptions(out, 128, ExportFormat.PNG, SplitBy.EPISODE, 0.1, 0, 1.6, false, null);
        ExportResult result = export(png);
        assertThat(result.clips()).isEqualTo(4);
        JsonNode first = lineOf(metadata(out), fixture.clips.get(0));
        Path folder = out.resolve(first.get("path").asText());
        assertThat(folder.getFileName().toString()).matches(NAME);
        try (Stream<Path> frames = Files.list(folder)) {
            assertThat(frames.map(p -> p.getFileName().toString()).sorted().toList())
                    .hasSize(66).startsWith("00000.png", "00001.png").endsWith("00065.png");
        }
        try (FrameSource source = FrameSource.open(fixture.demoFile)) {
            RgbImage expected = crop(source, first, 30, 128);
            RgbImage actual = ImageFiles.read(folder.resolve("00030.png"));
            assertThat(actual.width()).isEqualTo(128);
            assertThat(actual.pixels()).isEqualTo(expected.pixels());
        }
    }

    @Test
    void reexportWithoutChangesWritesNothing() throws Exception {
        export(options());
        Map<String, String> before = ExportFixture.snapshot(out);

        ExportResult again = export(options());

        assertThat(again.written()).isZero();
        assertThat(again.reused()).isEqualTo(4);
        assertThat(again.removed()).isZero();
        assertThat(ExportFixture.snapshot(out)).as("bytes, modification times and inodes").isEqualTo(before);
        assertNoLeftoversBesideTheExport();
    }

    @Test
    void aChangedRangeReencodesOnlyThatClipAndARejectedClipDisappears() throws Exception {
        export(options());
        List<JsonNode> before = metadata(out);
        Map<Long, String> stamps = new HashMap<>();
        for (JsonNode line : before) {
            stamps.put(line.get("clip_id").asLong(), ExportFixture.stamp(out.resolve(line.get("path").asText())));
        }
        Clip changed = fixture.clips.get(0);
        Clip dropped = fixture.clips.get(1);
        fixture.setRange(changed.id(), new FrameRange(4, 60));
        fixture.library.clips().setStatus(dropped.id(), ClipStatus.REJECTED, "test");

        ExportResult result = export(options());

        assertThat(result.written()).isEqualTo(1);
        assertThat(result.reused()).isEqualTo(2);
        assertThat(result.removed()).isEqualTo(1);
        assertThat(result.clips()).isEqualTo(3);
        List<JsonNode> after = metadata(out);
        assertThat(after).hasSize(3);
        for (JsonNode line : after) {
            long id = line.get("clip_id").asLong();
            Path file = out.resolve(line.get("path").asText());
            if (id == changed.id()) {
                assertThat(ExportFixture.stamp(file)).isNotEqualTo(stamps.get(id));
                try (FrameSource source = FrameSource.open(file)) {
                    assertThat(source.frameCount()).isEqualTo(56);
                }
                assertThat(line.get("frame_start").asInt()).isEqualTo(4);
            } else {
                assertThat(ExportFixture.stamp(file)).as("clip %d kept as it was", id).isEqualTo(stamps.get(id));
            }
        }
        assertThat(Files.exists(out.resolve(lineOf(before, dropped).get("path").asText()))).isFalse();
        assertNoLeftoversBesideTheExport();
    }

    @Test
    void aCancelledExportLeavesThePreviousExportByteIdentical() throws Exception {
        export(options());
        Map<String, String> before = ExportFixture.snapshot(out);
        JobTracker cancelAfterFirstClip = new JobTracker("export") {
            @Override
            public void progress(long done, long total) {
                super.progress(done, total);
                if (done >= 1) {
                    cancel();
                }
            }
        };
        ExportOptions smaller = new ExportOptions(out, 128, ExportFormat.MP4, SplitBy.EPISODE, 0.1, 0, 1.6, false,
                null);

        assertThatThrownBy(() -> new DatasetExporter(fixture.library).export(smaller, cancelAfterFirstClip))
                .isInstanceOf(JobCancelledException.class);

        assertThat(ExportFixture.snapshot(out)).isEqualTo(before);
        assertNoLeftoversBesideTheExport();
    }

    @Test
    void theSplitKeepsEachSeriesOnOneSideAndIsDeterministic() throws Exception {
        ExportOptions bySeries = new ExportOptions(out, 64, ExportFormat.MP4, SplitBy.SERIES, 0.5, 5, 1.6, false,
                null);
        export(bySeries);
        Path second = tmp.resolve("second");
        export(bySeries.withOut(second));

        Map<String, String> sideOfSeries = new HashMap<>();
        Map<Long, String> first = new HashMap<>();
        for (JsonNode line : metadata(out)) {
            String previous = sideOfSeries.putIfAbsent(line.get("series").asText(), line.get("split").asText());
            assertThat(previous).isIn(null, line.get("split").asText());
            first.put(line.get("clip_id").asLong(), line.get("split").asText());
        }
        for (JsonNode line : metadata(second)) {
            assertThat(line.get("split").asText()).isEqualTo(first.get(line.get("clip_id").asLong()));
        }
        SplitAssigner.Assignment expected = new SplitAssigner(5, 0.5).assign(Map.of("series:Demo", 3,
                "series:Other Show", 1));
        assertThat(sideOfSeries.get("Demo")).isEqualTo(expected.sideOf("series:Demo").folder());
    }

    @Test
    void onlyAcceptedLeavesProposedClipsOut() throws Exception {
        ExportOptions accepted = new ExportOptions(out, 64, ExportFormat.MP4, SplitBy.EPISODE, 0.1, 0, 1.6, true,
                null);
        ExportResult result = export(accepted);
        assertThat(result.clips()).isEqualTo(3);
        assertThat(metadata(out)).allSatisfy(l -> assertThat(l.get("status").asText()).isEqualTo("accepted"));
    }

    @Test
    void aClipWithoutAnyFaceBoxIsSkippedWithAWarning() throws Exception {
        // Frames 274-275 of the demo are the black end of a fade: no face is annotated there.
        Clip black = fixture.library.clips().insert(new Clip(0, fixture.demo.id(), 0, 0, new FrameRange(274, 276),
                ClipStatus.ACCEPTED, "test"), true);
        ExportResult result = export(options());
        assertThat(result.clips()).isEqualTo(4);
        assertThat(result.warnings()).anyMatch(w -> w.contains("clip " + black.id()) && w.contains("no face box"));
        assertThat(Files.readString(out.resolve("README.md"))).contains("no face box");
    }

    @Test
    void withNoClipsTheExportIsAnEmptyDataset() throws Exception {
        for (Clip clip : fixture.clips) {
            fixture.library.clips().setStatus(clip.id(), ClipStatus.REJECTED, "test");
        }
        ExportResult result = export(options());
        assertThat(result.clips()).isZero();
        assertThat(out.resolve("train")).isEmptyDirectory();
        assertThat(out.resolve("test")).isEmptyDirectory();
        assertThat(Files.readString(out.resolve("metadata.jsonl"))).isEmpty();
        assertThat(Files.readString(out.resolve("README.md"))).contains("No clips exported.");
        assertThat(out.resolve("contact_sheet.png")).doesNotExist();
        assertThat(export(options()).written()).isZero();
    }

    @Test
    void aFolderThatIsNotAnExportIsRefusedAndLeftAlone() throws Exception {
        Files.createDirectories(out);
        Path notes = Files.writeString(out.resolve("notes.txt"), "mine");

        assertThatThrownBy(() -> export(options())).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(out.toString()).hasMessageContaining("not an AniVid export")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        assertThat(Files.readString(notes)).isEqualTo("mine");
        try (Stream<Path> entries = Files.list(out)) {
            assertThat(entries).hasSize(1);
        }
        assertNoLeftoversBesideTheExport();
    }

    @Test
    void anEmptyFolderIsFineAsATarget() throws Exception {
        Files.createDirectories(out);
        assertThat(export(options()).clips()).isEqualTo(4);
    }

    @Test
    void aMovedSourceFileIsAClearErrorAndThePreviousExportStays() throws Exception {
        export(options());
        Map<String, String> before = ExportFixture.snapshot(out);
        Files.move(fixture.demoFile, fixture.demoFile.resolveSibling("renamed.mp4"));

        assertThatThrownBy(() -> export(options())).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(fixture.demoFile.toAbsolutePath().toString())
                .hasMessageContaining("missing (moved or deleted since import)")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        assertThat(ExportFixture.snapshot(out)).isEqualTo(before);
        assertNoLeftoversBesideTheExport();
    }

    @Test
    void aSourceWhoseContentChangedIsAClearError() throws Exception {
        Files.write(fixture.otherFile, new byte[] {0}, StandardOpenOption.APPEND);

        assertThatThrownBy(() -> export(options())).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(fixture.otherFile.toAbsolutePath().toString())
                .hasMessageContaining("changed since import");
        assertThat(out).doesNotExist();
    }

    @Test
    void anExportInterruptedWhileSwappingIsRestoredByTheNext() throws Exception {
        export(options());
        Map<String, String> before = ExportFixture.snapshot(out);
        // What a process killed between its two renames leaves: the old export aside, no target.
        Files.move(out, tmp.resolve(".dataset.export-old-999999999-0123abcd"));

        ExportResult result = export(options());

        assertThat(result.reused()).isEqualTo(4);
        assertThat(result.written()).isZero();
        assertThat(ExportFixture.snapshot(out)).isEqualTo(before);
        assertNoLeftoversBesideTheExport();
    }

    @Test
    void aFullDiskIsAOneLineErrorAndThePreviousExportStays() throws Exception {
        Path disk = Files.createDirectories(tmp.resolve("tiny"));
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=400k", "tmpfs", disk.toString())
                .redirectErrorStream(true).start();
        mount.getInputStream().readAllBytes();
        org.junit.jupiter.api.Assumptions.assumeTrue(mount.waitFor() == 0,
                "cannot mount a small tmpfs here (needs root): full-disk test skipped");
        try {
            Path target = disk.resolve("dataset");
            ExportOptions small = new ExportOptions(target, 32, ExportFormat.MP4, SplitBy.EPISODE, 0.1, 0, 1.6,
                    false, null);
            export(small);
            Map<String, String> before = ExportFixture.snapshot(target);
            for (ExportFormat format : ExportFormat.values()) {
                ExportOptions large = new ExportOptions(target, 512, format, SplitBy.EPISODE, 0.1, 0, 1.6, false,
                        null);

                assertThatThrownBy(() -> export(large)).as(format.name()).isInstanceOf(InvalidInputException.class)
                        .hasMessageContaining(target.toString())
                        .hasMessageContaining("no space left on device")
                        .hasMessageContaining("previous export is unchanged")
                        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"))
                        .satisfies(e -> log.info("full disk, {}: {}", format, e.getMessage()));
                assertThat(ExportFixture.snapshot(target)).isEqualTo(before);
                try (Stream<Path> entries = Files.list(disk)) {
                    assertThat(entries.map(p -> p.getFileName().toString())).containsExactly("dataset");
                }
            }
        } finally {
            new ProcessBuilder("umount", disk.toString()).start().waitFor();
        }
    }

    /** The crop of one clip frame as the metadata describes it, straight from the source. */
    private static RgbImage crop(FrameSource source, JsonNode line, int i, int size) {
        JsonNode box = line.get("crop_boxes").get(i);
        double x1 = box.get(0).asDouble();
        double y1 = box.get(1).asDouble();
        double side = box.get(2).asDouble() - x1;
        CropTrack.Window window = new CropTrack.Window(x1 + side / 2, y1 + side / 2, side);
        return CropSampler.sample(source.frame(line.get("frame_start").asInt() + i).image(), window, size);
    }
}
