package org.anivid.faces;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.anivid.TestData;
import org.anivid.core.InvalidInputException;
import org.anivid.core.RgbImage;
import org.anivid.faces.track.Detection;
import org.anivid.media.ImageFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LbpCascadeDetectorTest {
    @Test
    void findsOneFaceOnEachPortraitWithScoresThatPassThePapersRule() throws IOException {
        List<Path> portraits;
        try (Stream<Path> files = Files.list(TestData.file("images/talking_head_anime_3"))) {
            portraits = files.filter(ImageFiles::isImage).sorted().toList();
        }
        try (LbpCascadeDetector cascade = LbpCascadeDetector.open(TestData.file("models/lbpcascade_animeface.xml"),
                "lbp-anime")) {
            int oneFace = 0;
            for (Path p : portraits) {
                List<Detection> found = cascade.detect(ImageFiles.read(p));
                assertThat(found).allSatisfy(d -> assertThat(d.score()).isGreaterThanOrEqualTo(0.63f));
                assertThat(found).isSortedAccordingTo((a, b) -> Float.compare(b.score(), a.score()));
                if (found.size() == 1) {
                    oneFace++;
                }
            }
            assertThat(oneFace).isGreaterThanOrEqualTo(9);
            assertThat(cascade.detect(RgbImage.blank(1, 1))).isEmpty();
            assertThat(cascade.detect(RgbImage.blank(320, 240))).isEmpty();
        }
    }

    @Test
    void aFileThatIsNoCascadeIsRefusedByName(@TempDir Path dir) throws IOException {
        Path bad = Files.writeString(dir.resolve("broken.xml"), "<opencv_storage><nothing/></opencv_storage>");
        assertThatThrownBy(() -> LbpCascadeDetector.open(bad, "x")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("broken.xml").hasMessageContaining("cascade");
        assertThatThrownBy(() -> LbpCascadeDetector.open(dir.resolve("missing.xml"), "x"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("missing.xml");
    }
}
