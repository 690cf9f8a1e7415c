package org.anivid.faces.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.anivid.TestData;
import org.anivid.core.BoundingBox;
import org.anivid.core.InvalidInputException;
import org.junit.jupiter.api.Test;

/** The silver reference pictures of the shared test data. */
class RealReferenceTest {
    @Test
    void theGridAndTheNinePortraitsWithABoxAreRead() {
        List<LabelledImage> given = RealReference.load(TestData.dir());
        assertThat(given).hasSize(10);
        LabelledImage grid = given.get(0);
        assertThat(grid.origin()).isEqualTo("silver:images/hysts_tadne/input.jpg");
        assertThat(grid.image().width()).isEqualTo(3072);
        assertThat(grid.boxes()).hasSize(38);
        assertThat(grid.boxes().get(0)).isEqualTo(new BoundingBox(156, 58, 308, 214));
        List<String> origins = given.subList(1, 10).stream().map(LabelledImage::origin).toList();
        assertThat(origins).contains("silver:images/talking_head_anime_3/crypko_00.png",
                "silver:images/talking_head_anime_3/lambda_01.png")
                .doesNotContain("silver:images/talking_head_anime_3/crypko_02.png").isSorted();
        for (LabelledImage portrait : given.subList(1, 10)) {
            assertThat(portrait.image().width()).isEqualTo(512);
            assertThat(portrait.boxes()).hasSize(1);
        }
        assertThat(given.get(1).boxes().get(0)).isEqualTo(new BoundingBox(185.2f, 78.1f, 344.6f, 210.5f));
    }

    @Test
    void inTheStudioStyleThePortraitBoxesNarrowAndTheGridStays() {
        List<LabelledImage> given = RealReference.load(TestData.dir());
        List<LabelledImage> studio = RealReference.load(TestData.dir(), RealReference.Style.STUDIO);
        assertThat(studio.get(0).boxes()).isEqualTo(given.get(0).boxes());
        // crypko_00: [185.2, 78.1, 344.6, 210.5] is 159.4 wide; the studio box keeps 1 - 0.187 - 0.170 of it.
        BoundingBox b = studio.get(1).boxes().get(0);
        assertThat(b.width()).isCloseTo(159.4f * 0.643f, org.assertj.core.api.Assertions.within(0.01f));
        assertThat(b.x1()).isCloseTo(185.2f + 0.187f * 159.4f, org.assertj.core.api.Assertions.within(0.01f));
        assertThat(b.y2()).isCloseTo(210.5f - 0.085f * 132.4f, org.assertj.core.api.Assertions.within(0.01f));
    }

    @Test
    void aFolderWithoutTheGroundTruthIsNamed() {
        assertThatThrownBy(() -> RealReference.load(Path.of("/nonexistent-testdata")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("GROUND_TRUTH_faces.json");
    }
}
