package org.anivid.library;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.anivid.core.JobRun;
import org.anivid.core.JobState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobRunStoreTest {
    @TempDir
    Path temp;

    @Test
    void startAndFinishRecordTheRun() {
        try (Library library = Library.open(temp)) {
            long id = library.jobRuns().start("shots", "episode:1");
            JobRun running = library.jobRuns().get(id).orElseThrow();
            assertThat(running.state()).isEqualTo(JobState.RUNNING);
            assertThat(running.pid()).isEqualTo(ProcessHandle.current().pid());
            assertThat(running.startedAt()).isNotNull();
            assertThat(running.finishedAt()).isNull();
            assertThat(library.jobRuns().unfinished("shots", "episode:1")).containsExactly(running);

            library.jobRuns().finish(id, JobState.SUCCEEDED, "42 shots");

            JobRun done = library.jobRuns().get(id).orElseThrow();
            assertThat(done.state()).isEqualTo(JobState.SUCCEEDED);
            assertThat(done.message()).isEqualTo("42 shots");
            assertThat(done.finishedAt()).isNotNull();
            assertThat(library.jobRuns().unfinished("shots", "episode:1")).isEmpty();
            assertThat(library.jobRuns().list()).containsExactly(done);
            assertThatThrownBy(() -> library.jobRuns().finish(id, JobState.RUNNING, null))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void runsLeftRunningByDeadProcessesAreMarkedInterruptedOnOpen() throws Exception {
        Process exited = new ProcessBuilder("true").start();
        assertThat(exited.waitFor(30, TimeUnit.SECONDS)).isTrue();
        long deadPid = exited.pid();
        long ownPid = ProcessHandle.current().pid();
        long longAgo = 0; // 1970: our own pid then belonged to some long-gone process (pid reuse)

        long deadRun;
        long impossiblePidRun;
        long reusedPidRun;
        long liveRun;
        try (Library library = Library.open(temp)) {
            deadRun = insertRunning(library, deadPid, System.currentTimeMillis());
            impossiblePidRun = insertRunning(library, Long.MAX_VALUE, System.currentTimeMillis());
            reusedPidRun = insertRunning(library, ownPid, longAgo);
            liveRun = library.jobRuns().start("train", "fomm");
        }

        try (Library library = Library.open(temp)) {
            assertThat(library.jobRuns().get(deadRun).orElseThrow().state()).isEqualTo(JobState.INTERRUPTED);
            assertThat(library.jobRuns().get(impossiblePidRun).orElseThrow().state()).isEqualTo(JobState.INTERRUPTED);
            assertThat(library.jobRuns().get(reusedPidRun).orElseThrow().state()).isEqualTo(JobState.INTERRUPTED);
            assertThat(library.jobRuns().get(liveRun).orElseThrow().state()).isEqualTo(JobState.RUNNING);
            JobRun interrupted = library.jobRuns().get(deadRun).orElseThrow();
            assertThat(interrupted.finishedAt()).isNotNull();
            assertThat(interrupted.message()).contains(Long.toString(deadPid));
            assertThat(library.jobRuns().unfinished("faces", "episode:7")).extracting(JobRun::id)
                    .containsExactly(deadRun, impossiblePidRun, reusedPidRun);
            assertThat(library.jobRuns().markInterrupted()).isZero();
        }
    }

    private static long insertRunning(Library library, long pid, long startedAtMillis) {
        return library.write(c -> Sql.insert(c,
                "INSERT INTO job_runs (kind, target, state, started_at, pid) VALUES ('faces', 'episode:7', 'running', ?, ?)",
                s -> {
                    s.setLong(1, startedAtMillis);
                    s.setLong(2, pid);
                }));
    }
}
