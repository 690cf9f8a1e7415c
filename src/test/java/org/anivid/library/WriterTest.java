package org.anivid.library;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The single-writer contract of {@link Library#write} and {@link Library#read}. */
class WriterTest extends LibraryFixture {
    @Test
    void concurrentWritesFromFourThreadsAllLandOnTheOneWriterThread() throws Exception {
        int threads = 4;
        int writesPerThread = 200;
        Set<String> writerThreads = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            CountDownLatch start = new CountDownLatch(1);
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < writesPerThread; i++) {
                        String name = "series " + thread + "-" + i;
                        library.write(c -> {
                            writerThreads.add(Thread.currentThread().getName());
                            return Sql.insert(c, "INSERT INTO series (name) VALUES (?)", s -> s.setString(1, name));
                        });
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : futures) {
                future.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(TestData.count(library, "series")).isEqualTo((long) threads * writesPerThread);
        assertThat(writerThreads).containsExactly(Database.WRITER_THREAD_NAME);
    }

    @Test
    void failingWriteUnitRollsBackCompletelyAndRethrowsTheOriginalException() {
        IllegalStateException failure = new IllegalStateException("boom");
        assertThatThrownBy(() -> library.write(c -> {
            long seriesId = Sql.insert(c, "INSERT INTO series (name) VALUES ('doomed')", s -> { });
            Sql.insert(c, "INSERT INTO job_runs (kind, state) VALUES ('doomed', 'queued')", s -> { });
            assertThat(seriesId).isPositive();
            throw failure;
        })).isSameAs(failure);
        assertThat(TestData.count(library, "series")).isZero();
        assertThat(TestData.count(library, "job_runs")).isZero();
        // The writer is still healthy afterwards.
        assertThat(library.series().getOrCreate("after").id()).isPositive();
    }

    @Test
    void sqlFailureIsWrappedAndRollsBack() {
        assertThatThrownBy(() -> library.write(c -> {
            Sql.insert(c, "INSERT INTO series (name) VALUES ('first')", s -> { });
            return Sql.insert(c, "INSERT INTO series (name) VALUES ('first')", s -> { }); // UNIQUE violation
        })).isInstanceOf(LibraryException.class)
                .hasCauseInstanceOf(SQLException.class)
                .hasMessageContaining("UNIQUE");
        assertThat(TestData.count(library, "series")).isZero();
    }

    @Test
    void writeInsideAWriteUnitRunsInlineWithoutDeadlock() {
        long id = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> library.write(c -> library.series().getOrCreate("nested").id()));
        assertThat(library.series().get(id)).isPresent();
    }

    @Test
    void failedNestedUnitRollsBackOnlyItselfWhenTheOuterUnitCatchesIt() {
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> library.write(c -> {
            library.series().getOrCreate("outer");
            try {
                library.write(inner -> {
                    library.series().getOrCreate("inner");
                    throw new IllegalStateException("inner fails");
                });
            } catch (IllegalStateException expected) {
                // the outer unit decides to carry on
            }
            return null;
        }));
        assertThat(library.series().list()).extracting("name").containsExactly("outer");
    }

    @Test
    void readsRunBesideAnOpenWriteTransactionAndSeeOnlyCommittedData() throws Exception {
        library.series().getOrCreate("committed");
        CountDownLatch insideWrite = new CountDownLatch(1);
        CountDownLatch readDone = new CountDownLatch(1);
        CompletableFuture<Void> write = CompletableFuture.runAsync(() -> library.write(c -> {
            Sql.insert(c, "INSERT INTO series (name) VALUES ('uncommitted')", s -> { });
            insideWrite.countDown();
            try {
                // Hold the write transaction open until the reader is done (or give up after a while).
                readDone.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        }));
        assertThat(insideWrite.await(10, TimeUnit.SECONDS)).isTrue();
        List<String> seen = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> library.series().list().stream().map(s -> s.name()).toList());
        readDone.countDown();
        write.get(20, TimeUnit.SECONDS);
        assertThat(seen).containsExactly("committed");
        assertThat(library.series().list()).extracting("name").containsExactly("committed", "uncommitted");
    }

    @Test
    void readInsideAWriteUnitSeesTheUnitsOwnChanges() {
        List<String> seen = library.write(c -> {
            library.series().getOrCreate("in progress");
            return library.series().list().stream().map(s -> s.name()).toList();
        });
        assertThat(seen).containsExactly("in progress");
    }

    @Test
    void readConnectionsCannotWrite() {
        assertThatThrownBy(() -> library.read(c -> Sql.update(c, "INSERT INTO series (name) VALUES ('x')", s -> { })))
                .isInstanceOf(LibraryException.class);
        assertThat(TestData.count(library, "series")).isZero();
    }

    @Test
    void writeAsyncCompletesWithTheResultOrTheOriginalFailure() throws Exception {
        long id = library.writeAsync(c -> Sql.insert(c, "INSERT INTO series (name) VALUES ('async')", s -> { }))
                .get(10, TimeUnit.SECONDS);
        assertThat(library.series().get(id)).isPresent();

        IllegalArgumentException failure = new IllegalArgumentException("async boom");
        CompletableFuture<Object> failed = library.writeAsync(c -> {
            Sql.insert(c, "INSERT INTO series (name) VALUES ('rolled back')", s -> { });
            throw failure;
        });
        assertThatThrownBy(() -> failed.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasCause(failure);
        assertThat(library.series().list()).extracting("name").containsExactly("async");
    }

    @Test
    void interruptedCallerStillLearnsTheOutcomeAndKeepsItsInterruptFlag() {
        Thread.currentThread().interrupt();
        try {
            Long id = library.write(c -> Sql.insert(c, "INSERT INTO series (name) VALUES ('x')", s -> { }));
            assertThat(id).isPositive();
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }
}
