package org.anivid.motion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.anivid.TestData;
import org.anivid.jobs.JobCancelledException;
import org.anivid.jobs.JobContext;
import org.junit.jupiter.api.Test;

class MotionServiceTest {
    private static final Path DEMO = TestData.repo().resolve("assets/demo/demo.mp4");

    /** Records progress; cancels once {@code cancelAfter} frames are done (never when negative). */
    static final class Recorder implements JobContext {
        final AtomicLong calls = new AtomicLong();
        volatile long done;
        volatile long total;
        final long cancelAfter;

        Recorder(long cancelAfter) {
            this.cancelAfter = cancelAfter;
        }

        @Override
        public void progress(long d, long t) {
            calls.incrementAndGet();
            done = d;
            total = t;
        }

        @Override
        public void message(String message) {
        }

        @Override
        public boolean isCancelled() {
            return cancelAfter >= 0 && done >= cancelAfter;
        }
    }

    @Test
    void progressIsReportedPerFrame() {
        Recorder ctx = new Recorder(-1);
        MotionReport r = MotionService.score(DEMO, MotionOptions.dvrScan().withDownscaleFactor(4), ctx);
        assertThat(r.result().frames()).isEqualTo(480);
        assertThat(ctx.calls.get()).isEqualTo(480);
        assertThat(ctx.done).isEqualTo(480);
        assertThat(ctx.total).isEqualTo(480);
        assertThat(r.result().analysisWidth()).isEqualTo(160);
    }

    @Test
    void cancellationStopsAtTheNextFrame() {
        Recorder ctx = new Recorder(50);
        assertThatThrownBy(() -> MotionService.score(DEMO, MotionOptions.dvrScan().withDownscaleFactor(4), ctx))
                .isInstanceOf(JobCancelledException.class);
        assertThat(ctx.done).isEqualTo(50);
    }

    @Test
    void jsonCarriesShotsWhenCutsAreGiven() {
        MotionReport r = MotionService.score(DEMO, MotionOptions.curation().withDownscaleFactor(4),
                List.of(66, 138, 210, 276, 366, 414), JobContext.silent());
        var m = r.toJsonMap(false);
        assertThat(m).containsKeys("video", "frames", "events", "cuts", "shots", "threshold", "kernel_size");
        assertThat((List<?>) m.get("shots")).hasSize(7);
        assertThat(m.get("threshold")).isEqualTo(0.35);
        assertThat(m.get("compensate_camera_motion")).isEqualTo(true);
    }
}
