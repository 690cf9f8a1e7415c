package org.anivid.ui.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Per-pixel-column summaries on hand-made arrays. */
class ColumnAggregatesTest {
    @Test
    void maxPerColumnOverEvenColumns() {
        float[] values = {0.1f, 0.9f, 0.2f, 0.3f, 0.5f, 0.4f, 0f, 0.05f};
        assertThat(ColumnAggregates.of(values, 0, 8, 4)).containsExactly(0.9f, 0.3f, 0.5f, 0.05f);
        assertThat(ColumnAggregates.of(values, 0, 8, 1)).containsExactly(0.9f);
        assertThat(ColumnAggregates.of(values, 2, 6, 2)).containsExactly(0.3f, 0.5f);
    }

    @Test
    void unevenColumnsCoverEveryFrameOnce() {
        float[] values = {1, 2, 3, 4, 5, 6, 7};
        // 7 frames over 3 columns: [0,2) [2,4) [4,7)
        assertThat(ColumnAggregates.of(values, 0, 7, 3)).containsExactly(2f, 4f, 7f);
    }

    @Test
    void moreColumnsThanFramesRepeatEachFrame() {
        float[] values = {0.25f, 0.75f};
        assertThat(ColumnAggregates.of(values, 0, 2, 4)).containsExactly(0.25f, 0.25f, 0.75f, 0.75f);
    }

    @Test
    void columnsPastTheDataAreNaN() {
        float[] values = {1, 2};
        float[] out = ColumnAggregates.maxPerColumn(values, 0, 1, 4);
        assertThat(out[0]).isEqualTo(1f);
        assertThat(out[1]).isEqualTo(2f);
        assertThat(out[2]).isNaN();
        assertThat(out[3]).isNaN();
        assertThat(ColumnAggregates.maxPerColumn(values, 0.5, 0.5, 2)).containsExactly(1f, 2f);
    }

    @Test
    void flagsTakeTheMajorityWithTiesToWhatMattersMost() {
        byte[] flags = {
            0, 0, 0, 1,   // mostly none
            1, 1, 2, 0,   // one face wins
            2, 1, 0, 3,   // tie between several and one (and none, low): several
            3, 3, 0, 0};  // tie low/none: low confidence
        assertThat(ColumnAggregates.flags(flags, 0, 16, 4)).containsExactly(0, 1, 2, 3);
    }

    @Test
    void scoreIsTheBestOfTheFramesCarryingTheShownFlag() {
        byte[] flags = {1, 1, 2, 0, 2, 2, 1, 0};
        float[] scores = {0.6f, 0.7f, 0.99f, 0f, 0.5f, 0.4f, 0.95f, 0f};
        byte[] shown = ColumnAggregates.flagPerColumn(flags, 0, 4, 2);
        assertThat(shown).containsExactly(1, 2);
        float[] peaks = ColumnAggregates.scorePerColumn(flags, scores, shown, 0, 4);
        // Column 0 shows "one face": the several-faces frame's 0.99 does not count.
        assertThat(peaks).containsExactly(0.7f, 0.5f);
    }

    @Test
    void aFortyThousandFrameEpisodeAggregatesQuickly() {
        int n = 40_000;
        float[] motion = new float[n];
        byte[] flags = new byte[n];
        float[] scores = new float[n];
        for (int i = 0; i < n; i++) {
            motion[i] = (i * 7919 % 1000) / 1000f;
            flags[i] = (byte) (i % 4);
            scores[i] = (i % 100) / 100f;
        }
        float[] peaks = ColumnAggregates.of(motion, 0, n, 1920);
        byte[] shown = ColumnAggregates.flags(flags, 0, n, 1920);
        ColumnAggregates.scorePerColumn(flags, scores, shown, 0, n / 1920.0);
        assertThat(peaks).hasSize(1920);
        assertThat(shown).hasSize(1920);
        // Each column is the maximum of exactly its own frames (checked naively on a few columns).
        for (int c : new int[] {0, 1, 777, 1919}) {
            int from = (int) ((long) c * n / 1920);
            int to = (int) ((long) (c + 1) * n / 1920);
            float max = 0;
            for (int i = from; i < to; i++) {
                max = Math.max(max, motion[i]);
            }
            assertThat(peaks[c]).as("column %d", c).isEqualTo(max);
        }
    }
}
