package org.anivid.faces.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.anivid.core.BoundingBox;
import org.anivid.faces.detector.DetectorConfig;
import org.junit.jupiter.api.Test;

/**
 * YOLOv5's target assignment on a case worked out by hand: a 128 × 128 input (grids 16, 8, 4; anchors 3.2/6.4,
 * 12.8/25.6, 51.2/89.6 px), one 24 × 24 face centred at (19, 27) in picture 0 and nothing in picture 1.
 */
class TargetAssignerTest {
    private static final DetectorConfig CONFIG = DetectorConfig.defaults(128);
    private static final int[] GRID = {16, 8, 4};

    private static TargetAssigner.LevelTargets[] assign(List<List<BoundingBox>> boxes) {
        return TargetAssigner.assign(boxes, CONFIG, GRID, GRID, 4.0);
    }

    @Test
    void stride8OnlyTheLargerAnchorFitsAndTheLeftAndUpperNeighboursJoin() {
        var t = assign(List.of(List.of(new BoundingBox(7, 15, 31, 39)), List.of()))[0];
        // gx = 19/8 = 2.375, gy = 3.375, size 3 grid units; anchors 0.4 (ratio 7.5: no) and 0.8 (3.75: yes).
        // Fractions 0.375 < 0.5 → the left (column 1) and upper (row 2) cells learn it too.
        // Flat index ((b·2 + a)·16 + row)·16 + column with a = 1: 306 (3, 2), 305 (3, 1), 290 (2, 2).
        assertThat(t.count()).isEqualTo(3);
        assertThat(t.index()).containsExactly(306, 305, 290);
        assertThat(t.box()).containsExactly(new float[] {0.375f, 0.375f, 3, 3, 1.375f, 0.375f, 3, 3,
            0.375f, 1.375f, 3, 3}, within(1e-6f));
        assertThat(t.anchor()).containsExactly(new float[] {0.8f, 0.8f, 0.8f, 0.8f, 0.8f, 0.8f}, within(1e-6f));
        assertThat(t.image()).containsOnly(0);
    }

    @Test
    void stride16BothAnchorsFitWithTheLeftAndLowerNeighbours() {
        var t = assign(List.of(List.of(new BoundingBox(7, 15, 31, 39)), List.of()))[1];
        // gx = 1.1875 (fraction .1875 < .5 and gx > 1: left), gy = 1.6875 (8 − gy = 6.3125, fraction .3125: lower).
        // Anchors 0.8 (ratio 1.875) and 1.6 (1.07) both fit. Index ((a)·8 + row)·8 + column.
        assertThat(t.count()).isEqualTo(6);
        assertThat(t.index()).containsExactly(9, 8, 17, 73, 72, 81);
        assertThat(t.box()).containsExactly(new float[] {0.1875f, 0.6875f, 1.5f, 1.5f, 1.1875f, 0.6875f, 1.5f, 1.5f,
            0.1875f, -0.3125f, 1.5f, 1.5f, 0.1875f, 0.6875f, 1.5f, 1.5f, 1.1875f, 0.6875f, 1.5f, 1.5f,
            0.1875f, -0.3125f, 1.5f, 1.5f}, within(1e-6f));
    }

    @Test
    void stride32TheRightAndLowerNeighboursJoinWithNegativeOffsets() {
        var t = assign(List.of(List.of(new BoundingBox(7, 15, 31, 39)), List.of()))[2];
        // gx = 0.59375 (no left: gx < 1; 4 − gx = 3.40625, fraction .40625: right), gy = 0.84375 (lower).
        assertThat(t.count()).isEqualTo(6);
        assertThat(t.index()).containsExactly(0, 1, 4, 16, 17, 20);
        assertThat(t.box()).containsExactly(new float[] {0.59375f, 0.84375f, 0.75f, 0.75f, -0.40625f, 0.84375f,
            0.75f, 0.75f, 0.59375f, -0.15625f, 0.75f, 0.75f, 0.59375f, 0.84375f, 0.75f, 0.75f, -0.40625f, 0.84375f,
            0.75f, 0.75f, 0.59375f, -0.15625f, 0.75f, 0.75f}, within(1e-6f));
        assertThat(t.anchor()).containsExactly(new float[] {1.6f, 1.6f, 1.6f, 1.6f, 1.6f, 1.6f, 2.8f, 2.8f, 2.8f, 2.8f,
            2.8f, 2.8f}, within(1e-6f));
    }

    @Test
    void boxesFarFromEveryAnchorAreNotLearntOnThatLevelAndEmptyPicturesGiveNothing() {
        // A 120-pixel face: 15 grid units at stride 8 (ratio to 0.8 is 18.75) — only stride 32 takes it.
        var t = assign(List.of(List.of(), List.of(new BoundingBox(4, 4, 124, 124))));
        assertThat(t[0].count()).isZero();
        assertThat(t[1].count()).isZero();
        assertThat(t[2].count()).isGreaterThan(0);
        assertThat(t[2].image()).containsOnly(1);
        // Picture 1 starts after the 2 anchors × 16 cells of picture 0.
        assertThat(t[2].index()[0]).isGreaterThanOrEqualTo(32);
        var none = assign(List.of(List.of(), List.of()));
        assertThat(none[0].count() + none[1].count() + none[2].count()).isZero();
    }
}
