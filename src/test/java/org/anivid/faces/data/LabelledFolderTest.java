package org.anivid.faces.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.anivid.core.BoundingBox;
import org.anivid.core.InvalidInputException;
import org.anivid.core.RgbImage;
import org.anivid.metrics.CocoBox;
import org.anivid.metrics.DetectionFileReader;
import org.anivid.metrics.DetectionGroundTruth;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The folder format: exact round trip, COCO that the mAP evaluator reads, atomic replacement, clear bad input. */
class LabelledFolderTest {
    @TempDir
    Path tmp;

    private static List<LabelledImage> sample() {
        List<LabelledImage> images = new java.util.ArrayList<>(SyntheticSet.generate(40, 3, 96, 80));
        // A picture with awkward float corners and one without faces.
        RgbImage plain = RgbImage.blank(64, 48);
        plain.pixels()[5] = 17;
        images.add(new LabelledImage(plain, List.of(new BoundingBox(0.1f, 0.3f, 63.99f, 47.7f),
                new BoundingBox(10.123457f, 5.5f, 20.000002f, 30.25f)), "manual:ep1#12"));
        images.add(new LabelledImage(plain, List.of(), "pseudo:/data/clip.mp4#30"));
        return images;
    }

    @Test
    void writeThenReadGivesBackEveryPixelBoxAndOrigin() throws IOException {
        List<LabelledImage> images = sample();
        Path dir = tmp.resolve("set");
        LabelledFolder.write(dir, images);
        assertThat(dir.resolve("annotations.json")).isRegularFile();
        assertThat(dir.resolve("images/000000.png")).isRegularFile();
        assertThat(dir.resolve("images/000004.png")).isRegularFile();
        List<LabelledImage> back = LabelledFolder.read(dir);
        assertThat(back).hasSize(images.size());
        for (int i = 0; i < images.size(); i++) {
            assertThat(back.get(i).origin()).isEqualTo(images.get(i).origin());
            assertThat(back.get(i).image().width()).isEqualTo(images.get(i).image().width());
            assertThat(back.get(i).image().pixels()).isEqualTo(images.get(i).image().pixels());
            // Exact to the bit, not just close.
            assertThat(back.get(i).boxes()).isEqualTo(images.get(i).boxes());
        }
        // Nothing else is left beside the folder.
        try (Stream<Path> left = Files.list(tmp)) {
            assertThat(left.map(p -> p.getFileName().toString()).toList()).containsExactly("set");
        }
    }

    @Test
    void theAnnotationsAreCocoThatTheMapEvaluatorReads() {
        List<LabelledImage> images = sample();
        Path dir = tmp.resolve("coco");
        LabelledFolder.write(dir, images);
        DetectionFileReader.GroundTruthFile gt = DetectionFileReader.readGroundTruth(dir.resolve("annotations.json"));
        assertThat(gt.format()).isEqualTo(DetectionFileReader.COCO);
        DetectionGroundTruth truth = gt.groundTruth();
        assertThat(truth.images()).hasSize(images.size());
        assertThat(truth.images().get(3).fileName()).isEqualTo("images/000003.png");
        assertThat(truth.categories()).singleElement().satisfies(c -> assertThat(c.name()).isEqualTo("face"));
        int boxes = images.stream().mapToInt(i -> i.boxes().size()).sum();
        assertThat(truth.boxes()).hasSize(boxes);
        // [x, y, w, h] of the manual box 10.123457 … 20.000002 × 5.5 … 30.25.
        CocoBox second = truth.boxes().stream().filter(b -> b.imageIndex() == 3).toList().get(1).box();
        assertThat(second.x()).isCloseTo(10.123457, within(1e-5));
        assertThat(second.y()).isEqualTo(5.5);
        assertThat(second.width()).isCloseTo(9.876545, within(1e-5));
        assertThat(second.height()).isEqualTo(24.75);
    }

    @Test
    void aNewSetReplacesTheOldOneWhole() throws IOException {
        Path dir = tmp.resolve("set");
        LabelledFolder.write(dir, sample());
        LabelledFolder.write(dir, SyntheticSet.generate(7, 1, 96, 80));
        List<LabelledImage> back = LabelledFolder.read(dir);
        assertThat(back).extracting(LabelledImage::origin).containsExactly("synthetic:7");
        try (Stream<Path> files = Files.list(dir.resolve("images"))) {
            assertThat(files.count()).as("no picture of the old set is left").isEqualTo(1);
        }
        try (Stream<Path> left = Files.list(tmp)) {
            assertThat(left.count()).isEqualTo(1);
        }
        // An empty folder may be filled; a folder with other things in it is never replaced.
        Path empty = Files.createDirectory(tmp.resolve("empty"));
        LabelledFolder.write(empty, sample());
        assertThat(LabelledFolder.read(empty)).hasSize(5);
        Path home = Files.createDirectory(tmp.resolve("home"));
        Files.writeString(home.resolve("notes.txt"), "mine");
        assertThatThrownBy(() -> LabelledFolder.write(home, sample())).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("not a labelled folder");
        assertThat(home.resolve("notes.txt")).hasContent("mine");
    }

    @Test
    void boxesOutsideThePictureOrWithoutAreaAreRefused() {
        RgbImage image = RgbImage.blank(64, 48);
        assertThatThrownBy(() -> LabelledFolder.write(tmp.resolve("a"), List.of(new LabelledImage(image,
                List.of(new BoundingBox(10, 10, 70, 40)), "manual:e#1"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("manual:e#1")
                .hasMessageContaining("outside the 64x48 picture");
        assertThatThrownBy(() -> LabelledFolder.write(tmp.resolve("b"), List.of(new LabelledImage(image,
                List.of(new BoundingBox(10, 10, 10, 40)), "manual:e#2"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no area");
        assertThat(tmp.resolve("a")).doesNotExist();
        // Clipping first makes such boxes writable, or drops those that keep no area.
        LabelledImage clipped = new LabelledImage(image, List.of(new BoundingBox(-5, 10, 70, 40),
                new BoundingBox(60, 10, 90, 40), new BoundingBox(10, 10, 10, 40)), "manual:e#3").clippedToImage(8);
        assertThat(clipped.boxes()).containsExactly(new BoundingBox(0, 10, 64, 40));
    }

    @Test
    void badFoldersAreNamedWithTheirProblem() throws IOException {
        assertThatThrownBy(() -> LabelledFolder.read(tmp)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("no annotations.json");
        Path dir = tmp.resolve("set");
        LabelledFolder.write(dir, sample());
        Path annotations = dir.resolve("annotations.json");
        String json = Files.readString(annotations, StandardCharsets.UTF_8);

        Files.writeString(annotations, json.replace("\"width\" : 64", "\"width\" : 65"));
        assertThatThrownBy(() -> LabelledFolder.read(dir)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("000003.png").hasMessageContaining("is 64x48");

        Files.writeString(annotations, json.replace("\"bbox\" : [ 0.1,", "\"bbox\" : [ 60.1,"));
        assertThatThrownBy(() -> LabelledFolder.read(dir)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("annotations.json").hasMessageContaining("outside the 64x48 picture");

        Files.writeString(annotations, json);
        Files.delete(dir.resolve("images/000001.png"));
        assertThatThrownBy(() -> LabelledFolder.read(dir)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("000001.png");

        Files.writeString(annotations, "{\"images\": [");
        assertThatThrownBy(() -> LabelledFolder.read(dir)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("not JSON");
    }
}
