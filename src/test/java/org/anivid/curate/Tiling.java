package org.anivid.curate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.anivid.core.FrameRange;
import org.anivid.core.Shot;

/** The invariant of every curation result: proposals and rejected runs tile each shot, frame by frame, once. */
final class Tiling {
    private Tiling() {
    }

    static void assertTiles(EpisodeEvidence evidence, CurationResult result) {
        List<long[]> runs = new ArrayList<>(); // {shotId, start, end}
        result.proposals().forEach(p -> runs.add(new long[] {p.shotId(), p.range().start(), p.range().end()}));
        result.rejected().forEach(r -> runs.add(new long[] {r.shotId(), r.range().start(), r.range().end()}));
        int covered = 0;
        for (Shot shot : evidence.shots()) {
            FrameRange range = shot.range();
            List<long[]> mine = new ArrayList<>();
            for (long[] run : runs) {
                if (run[0] == shot.id()) {
                    mine.add(run);
                }
            }
            mine.sort(Comparator.comparingLong(run -> run[1]));
            long next = range.start();
            for (long[] run : mine) {
                assertThat(run[1]).as("run of shot %d starts where the previous ended", shot.id()).isEqualTo(next);
                assertThat(run[2]).as("runs are not empty").isGreaterThan(run[1]);
                next = run[2];
            }
            assertThat(next).as("runs of shot %d reach its end", shot.id()).isEqualTo(range.end());
            covered += mine.size();
        }
        assertThat(covered).as("every run belongs to a shot").isEqualTo(runs.size());
        assertThat(result.proposals()).isSortedAccordingTo(Comparator.comparingInt(p -> p.range().start()));
        assertThat(result.rejected()).isSortedAccordingTo(Comparator.comparingInt(r -> r.range().start()));
    }
}
