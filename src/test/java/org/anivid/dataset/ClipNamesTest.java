package org.anivid.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClipNamesTest {
    @Test
    void namesUseOnlySafeCharactersAndNoHashInsideTheParts() {
        assertThat(ClipNames.sanitize("Shin-chan: Ep #3 / Ünïcode")).isEqualTo("Shin-chan_Ep_3_Unicode");
        assertThat(ClipNames.sanitize("../../etc")).isEqualTo("etc");
        assertThat(ClipNames.sanitize("ワンピース")).isEqualTo("untitled");
        assertThat(ClipNames.sanitize(".hidden")).isEqualTo("hidden");
        assertThat(ClipNames.sanitize("x".repeat(200))).hasSize(ClipNames.MAX_PART_LENGTH);
        String name = ClipNames.clipName(ClipNames.sanitize("One Piece") + "-" + ClipNames.sanitize("E#01"), 42);
        assertThat(name).isEqualTo("One_Piece-E_01#000042").matches("[A-Za-z0-9._-]+#\\d+");
        assertThat(ClipNames.groupOf(name)).isEqualTo("One_Piece-E_01");
    }

    @Test
    void episodesWhoseNamesCoincideGetTheirHashAppended() {
        Map<Long, String> prefixes = ClipNames.episodePrefixes(List.of(
                new ClipNames.EpisodeLabel(1, "Show", "Ep 1", "aaaaaaaa1111"),
                new ClipNames.EpisodeLabel(2, "Show", "Ep_1", "bbbbbbbb2222"),
                new ClipNames.EpisodeLabel(3, "show", "EP 1", "cccccccc3333"),
                new ClipNames.EpisodeLabel(4, "Show", "Ep 2", "dddddddd4444")));
        assertThat(prefixes).containsEntry(1L, "Show-Ep_1_aaaaaaaa").containsEntry(2L, "Show-Ep_1_bbbbbbbb")
                .containsEntry(3L, "show-EP_1_cccccccc").containsEntry(4L, "Show-Ep_2");
        assertThat(prefixes.values().stream().map(String::toLowerCase).distinct()).hasSize(4);
    }
}
