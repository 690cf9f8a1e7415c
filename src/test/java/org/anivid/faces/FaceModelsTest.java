package org.anivid.faces;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.anivid.TestData;
import org.anivid.core.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Models are opened by path (by extension) and refused with a message naming the file. */
class FaceModelsTest {
    @Test
    void opensModelsByPathAndKind() {
        try (FaceDetector cascade = FaceModels.open(TestData.file("models/lbpcascade_animeface.xml").toString())) {
            assertThat(cascade).isInstanceOf(LbpCascadeDetector.class);
            assertThat(cascade.name()).isEqualTo("lbpcascade_animeface.xml");
        }
        try (FaceDetector faceBoxes = FaceModels.open(TestData.file("models/anime_faceboxes_epoch90.pth").toString())) {
            assertThat(faceBoxes).isInstanceOf(FaceBoxesDetector.class);
        }
    }

    @Test
    void badModelFilesGetOneLineErrors(@TempDir Path dir) throws IOException {
        Path text = Files.writeString(dir.resolve("model.pth"), "not a checkpoint");
        assertThatThrownBy(() -> FaceModels.open(text.toString())).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(text.toString()).hasMessageNotContaining("\n");
        Path weird = Files.writeString(dir.resolve("model.onnx"), "x");
        assertThatThrownBy(() -> FaceModels.open(weird.toString())).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("unknown model type");
        assertThatThrownBy(() -> FaceModels.open(dir.resolve("none.pth").toString()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("no such model file");
        // A truncated FaceBoxes file.
        byte[] real = Files.readAllBytes(TestData.file("models/anime_faceboxes_epoch90.pth"));
        Path truncated = Files.write(dir.resolve("truncated.pth"), java.util.Arrays.copyOf(real, real.length / 2));
        assertThatThrownBy(() -> FaceModels.open(truncated.toString())).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("truncated.pth");
    }
}
