package org.anivid.faces.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.anivid.core.BoundingBox;
import org.junit.jupiter.api.Test;

class BoxCleanerTest {
    @Test
    void clipsWhatReachesOutsideAndDropsWhatHasNoAreaLeft() {
        BoxCleaner.Cleaned c = BoxCleaner.clean(List.of(
                new BoundingBox(10, 10, 30, 40),      // fine
                new BoundingBox(-5, 20, 15, 50),      // partly left of the picture → [0, 20, 15, 50]
                new BoundingBox(90, 90, 130, 110),    // partly outside right and bottom → [90, 90, 100, 100]
                new BoundingBox(20, 20, 20, 40),      // zero width
                new BoundingBox(40, 30, 50, 30.5f),   // half a pixel high
                new BoundingBox(200, 10, 230, 40),    // wholly outside
                new BoundingBox(30, 30, 10, 50),      // x2 < x1: no area
                new BoundingBox(Float.NaN, 0, 10, 10)), 100, 100);
        assertThat(c.boxes()).containsExactly(new BoundingBox(10, 10, 30, 40), new BoundingBox(0, 20, 15, 50),
                new BoundingBox(90, 90, 100, 100));
        assertThat(c.clipped()).isEqualTo(2);
        assertThat(c.dropped()).isEqualTo(5);
    }

    @Test
    void noBoxesIsANegativePicture() {
        BoxCleaner.Cleaned c = BoxCleaner.clean(List.of(), 64, 64);
        assertThat(c.boxes()).isEmpty();
        assertThat(c.clipped()).isZero();
        assertThat(c.dropped()).isZero();
    }
}
