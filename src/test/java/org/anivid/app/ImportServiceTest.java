package org.anivid.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.anivid.TestData;
import org.anivid.core.JobRun;
import org.anivid.core.JobState;
import org.anivid.jobs.JobCancelledException;
import org.anivid.jobs.JobContext;
import org.anivid.jobs.JobQueue;
import org.anivid.jobs.JobTracker;
import org.anivid.library.Library;
import org.anivid.media.FfmpegVideoProbe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImportServiceTest {
    @TempDir
    Path tmp;

    @Test
    void sameContentUnderAnotherNameIsNotImportedTwice() throws Exception {
        Path a = TestData.file("videos/pyscenedetect/counter.mp4");
        Path b = Files.copy(a, tmp.resolve("renamed.mp4"));
        try (Library lib = Library.open(tmp.resolve("lib"))) {
            ImportService service = new ImportService(lib, new FfmpegVideoProbe());
            ImportService.Report first = JobQueue.runNow("import", service.importJob(List.of(a), "S"));
            ImportService.Report second = JobQueue.runNow("import", service.importJob(List.of(b), "S"));
            assertThat(first.count(ImportService.Outcome.IMPORTED)).isEqualTo(1);
            assertThat(second.count(ImportService.Outcome.ALREADY_PRESENT)).isEqualTo(1);
            assertThat(lib.episodes().list()).hasSize(1);
            assertThat(lib.episodes().list().get(0).info().frames()).isEqualTo(30);
            assertThat(lib.episodes().list().get(0).contentHash()).hasSize(64);
        }
    }

    @Test
    void jobRunsAreRecordedAndACrashedRunIsMarkedInterrupted() throws Exception {
        Path lib = tmp.resolve("lib");
        Path video = TestData.file("videos/pyscenedetect/counter.mp4");
        try (Library library = Library.open(lib)) {
            ImportService service = new ImportService(library, new FfmpegVideoProbe());
            JobQueue.runNow("import", service.importJob(List.of(video), "S"));
            assertThat(library.jobRuns().list()).extracting(JobRun::state).containsExactly(JobState.SUCCEEDED);
            // A run "left running" by a process that died (this pid can never be alive).
            library.write(c -> {
                try (var st = c.prepareStatement(
                        "INSERT INTO job_runs(kind, target, state, message, started_at, pid) VALUES ('import', ?, 'running', '', 0, ?)")) {
                    st.setString(1, video.toString());
                    st.setLong(2, Long.MAX_VALUE / 2);
                    st.executeUpdate();
                }
                return null;
            });
        }
        try (Library library = Library.open(lib)) {
            assertThat(library.jobRuns().list()).extracting(JobRun::state)
                    .containsExactlyInAnyOrder(JobState.SUCCEEDED, JobState.INTERRUPTED);
            // Re-running the interrupted import duplicates nothing.
            ImportService service = new ImportService(library, new FfmpegVideoProbe());
            ImportService.Report again = JobQueue.runNow("import", service.importJob(List.of(video), "S"));
            assertThat(again.count(ImportService.Outcome.ALREADY_PRESENT)).isEqualTo(1);
            assertThat(library.episodes().list()).hasSize(1);
        }
    }

    @Test
    void cancelledImportIsRecordedAsCancelledAndLeavesNoEpisode() throws Exception {
        try (Library lib = Library.open(tmp.resolve("lib"))) {
            ImportService service = new ImportService(lib, new FfmpegVideoProbe());
            JobTracker tracker = new JobTracker("import");
            tracker.cancel();
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> service.importJob(
                    List.of(TestData.file("videos/onepiece_demo.mp4")), "S").run(tracker))
                    .isInstanceOf(JobCancelledException.class);
            assertThat(lib.episodes().list()).isEmpty();
            assertThat(lib.jobRuns().list()).extracting(JobRun::state).containsExactly(JobState.CANCELLED);
        }
    }

    @Test
    void progressCoversAllBytes() throws Exception {
        Path a = TestData.file("videos/pyscenedetect/counter.mp4");
        Path b = TestData.file("videos/pyscenedetect/delayed_start.mp4");
        try (Library lib = Library.open(tmp.resolve("lib"))) {
            JobTracker tracker = new JobTracker("import");
            new ImportService(lib, new FfmpegVideoProbe()).importJob(List.of(a, b), null).run(tracker);
            var p = tracker.snapshot();
            assertThat(p.total()).isEqualTo(Files.size(a) + Files.size(b));
            assertThat(p.fraction()).isEqualTo(1.0);
            assertThat(lib.series().list()).extracting(s -> s.name()).containsExactly("pyscenedetect");
        }
        assertThat(JobContext.silent().isCancelled()).isFalse();
    }
}
