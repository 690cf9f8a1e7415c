package org.anivid.library;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.anivid.core.FrameRange;
import org.anivid.core.Shot;
import org.anivid.core.ShotMotion;
import org.anivid.core.VideoInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnalysisStoreTest {
    @TempDir
    Path tmp;

    @Test
    void seriesRoundTripAndShotMotionFollowsItsShot() {
        try (Library lib = Library.open(tmp)) {
            long series = lib.series().getOrCreate("S").id();
            VideoInfo info = new VideoInfo(tmp.resolve("a.mp4"), "mp4", "h264", 64, 48, 0, 24, 100, 4.1, false, false, 10);
            long ep = lib.episodes().insert(series, "a", info.path(), "hash", info).id();
            float[] scores = {0f, 1.5f, 27.25f, Float.MAX_VALUE, -0f};
            lib.analysis().saveSeries(ep, AnalysisStore.SHOT_SCORES, "auto:adaptive", "{\"threshold\":3}", scores);
            AnalysisStore.Series back = lib.analysis().series(ep, AnalysisStore.SHOT_SCORES).orElseThrow();
            assertThat(back.values()).containsExactly(scores);
            assertThat(back.source()).isEqualTo("auto:adaptive");
            assertThat(lib.analysis().series(ep, AnalysisStore.MOTION_SCORES)).isEmpty();
            lib.analysis().saveSeries(ep, AnalysisStore.SHOT_SCORES, "auto:content", "{}", new float[] {1f});
            assertThat(lib.analysis().series(ep, AnalysisStore.SHOT_SCORES).orElseThrow().values()).containsExactly(1f);

            lib.shots().replaceAutomatic(ep, "auto:adaptive", List.of(new FrameRange(0, 40), new FrameRange(40, 100)));
            List<Shot> shots = lib.shots().list(ep);
            lib.analysis().saveShotMotion(List.of(new ShotMotion(shots.get(0).id(), 1.2, 5, 0.5, 0.35),
                    new ShotMotion(shots.get(1).id(), 0, 0, 0, 0.35)));
            assertThat(lib.analysis().shotMotion(ep)).hasSize(2);
            assertThat(lib.analysis().shotMotion(ep).get(shots.get(0).id()).max()).isEqualTo(5);
            // Re-detecting shots drops the statistics of the replaced shots.
            lib.shots().replaceAutomatic(ep, "auto:adaptive", List.of(new FrameRange(0, 100)));
            assertThat(lib.analysis().shotMotion(ep)).isEmpty();
            lib.episodes().delete(ep);
            assertThat(lib.analysis().series(ep, AnalysisStore.SHOT_SCORES)).isEmpty();
        }
    }
}
