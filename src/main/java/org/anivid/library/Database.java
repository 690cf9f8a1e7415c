package org.anivid.library;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;

/**
 * The connections of one library database: a single write connection confined to the writer thread, where
 * every write unit runs in its own transaction, and a small pool of read-only connections that WAL lets run
 * beside the writer.
 */
final class Database implements AutoCloseable {
    static final String WRITER_THREAD_NAME = "anivid-db-writer";
    private static final Logger log = LoggerFactory.getLogger(Database.class);
    private static final int BUSY_TIMEOUT_MS = 10_000;
    private static final int MAX_IDLE_READERS = 4;
    private static final long CLOSE_WAIT_SECONDS = 60;

    private final Path file;
    private final java.util.concurrent.atomic.AtomicLong revision = new java.util.concurrent.atomic.AtomicLong();
    private final String url;
    private final Connection writeConnection;
    private final ExecutorService writer;
    private volatile Thread writerThread;
    /** Savepoint nesting of the unit running on the writer thread; touched only by that thread. */
    private int writeDepth;
    private final Deque<Connection> idleReaders = new ConcurrentLinkedDeque<>();
    private volatile boolean closed;

    private Database(Path file, Connection writeConnection) {
        this.file = file;
        this.url = "jdbc:sqlite:" + file;
        this.writeConnection = writeConnection;
        this.writer = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, WRITER_THREAD_NAME);
            thread.setDaemon(true);
            writerThread = thread;
            return thread;
        });
    }

    /** Opens (creating if needed) the database file with WAL, foreign keys and a busy timeout. */
    static Database open(Path file) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        // NORMAL is the usual pairing with WAL: no corruption on power loss, at worst the last commits are lost.
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.enforceForeignKeys(true);
        config.setBusyTimeout(BUSY_TIMEOUT_MS);
        Connection connection = config.createConnection("jdbc:sqlite:" + file);
        try {
            String journalMode = pragma(connection, "journal_mode");
            if (!"wal".equalsIgnoreCase(journalMode)) {
                log.warn("{}: SQLite refused WAL (journal_mode={}); reads will wait for writes", file, journalMode);
            }
            return new Database(file, connection);
        } catch (SQLException | RuntimeException e) {
            closeQuietly(connection);
            throw e;
        }
    }

    Path file() {
        return file;
    }

    /** How many write units have committed since opening; views poll it to notice stored results. */
    long revision() {
        return revision.get();
    }

    /**
     * Runs {@code work} on the writer thread in a transaction and waits for it; see {@link Library#write}.
     * On the writer thread itself (a write unit calling another) it runs inline inside a savepoint, so the inner
     * unit is still all-or-nothing and there is no deadlock.
     */
    <T> T write(SqlWork<T> work) {
        if (Thread.currentThread() == writerThread) {
            try {
                return inTransaction(work);
            } catch (SQLException e) {
                throw wrap(e);
            }
        }
        Future<T> result = submit(work);
        return await(result);
    }

    /** Queues {@code work} for the writer thread without waiting; failures complete the future exceptionally. */
    <T> CompletableFuture<T> writeAsync(SqlWork<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        try {
            writer.execute(() -> {
                try {
                    result.complete(inTransaction(work));
                } catch (SQLException e) {
                    result.completeExceptionally(wrap(e));
                } catch (Throwable e) {
                    result.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(closedException());
        }
        return result;
    }

    /**
     * Runs {@code work} on a read connection inside one read transaction, so it sees a single consistent
     * snapshot. On the writer thread it uses the write connection, so a write unit sees its own changes.
     */
    <T> T read(SqlWork<T> work) {
        if (Thread.currentThread() == writerThread) {
            try {
                return work.run(writeConnection);
            } catch (SQLException e) {
                throw wrap(e);
            }
        }
        Connection reader = borrowReader();
        boolean healthy = false;
        try {
            execute(reader, "BEGIN");
            T result = work.run(reader);
            execute(reader, "COMMIT");
            healthy = true;
            return result;
        } catch (SQLException e) {
            throw wrap(e);
        } finally {
            if (!healthy) {
                healthy = rollbackQuietly(reader);
            }
            returnReader(reader, healthy);
        }
    }

    @Override
    public void close() {
        if (Thread.currentThread() == writerThread) {
            throw new IllegalStateException("a write unit cannot close the library it runs in");
        }
        if (closed) {
            return;
        }
        closed = true;
        writer.shutdown();
        try {
            if (!writer.awaitTermination(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS)) {
                log.warn("{}: pending writes did not finish within {} s; closing anyway", file, CLOSE_WAIT_SECONDS);
                writer.shutdownNow();
            }
        } catch (InterruptedException e) {
            writer.shutdownNow();
            Thread.currentThread().interrupt();
        }
        for (Connection reader; (reader = idleReaders.poll()) != null; ) {
            closeQuietly(reader);
        }
        closeQuietly(writeConnection);
    }

    private <T> Future<T> submit(SqlWork<T> work) {
        if (closed) {
            throw closedException();
        }
        try {
            return writer.submit(() -> inTransaction(work));
        } catch (RejectedExecutionException e) {
            throw closedException();
        }
    }

    /** Writer thread only: a top-level unit gets a transaction, a nested one a savepoint. */
    private <T> T inTransaction(SqlWork<T> work) throws SQLException {
        String savepoint = "unit" + writeDepth;
        boolean topLevel = writeDepth == 0;
        // IMMEDIATE takes the write lock up front, so another process writing the same library makes us wait
        // for the busy timeout instead of failing halfway through the unit.
        execute(writeConnection, topLevel ? "BEGIN IMMEDIATE" : "SAVEPOINT " + savepoint);
        writeDepth++;
        try {
            T result = work.run(writeConnection);
            execute(writeConnection, topLevel ? "COMMIT" : "RELEASE " + savepoint);
            if (topLevel) {
                revision.incrementAndGet();
            }
            return result;
        } catch (Throwable failure) {
            try {
                if (topLevel) {
                    execute(writeConnection, "ROLLBACK");
                } else {
                    execute(writeConnection, "ROLLBACK TO " + savepoint);
                    execute(writeConnection, "RELEASE " + savepoint);
                }
            } catch (SQLException rollbackFailure) {
                failure.addSuppressed(rollbackFailure);
            }
            throw failure;
        } finally {
            writeDepth--;
        }
    }

    /** Waits for a write even if interrupted (the write happens anyway; the caller must learn its outcome). */
    private static <T> T await(Future<T> result) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return result.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } catch (ExecutionException e) {
            throw rethrowable(e.getCause());
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The original failure of a write unit, with SQL and other checked exceptions wrapped. */
    private static RuntimeException rethrowable(Throwable failure) {
        if (failure instanceof Error error) {
            throw error;
        }
        if (failure instanceof RuntimeException runtime) {
            return runtime;
        }
        if (failure instanceof SQLException sql) {
            return wrap(sql);
        }
        return new LibraryException("write failed: " + failure, failure);
    }

    private static LibraryException wrap(SQLException e) {
        return new LibraryException(e.getMessage(), e);
    }

    private LibraryException closedException() {
        return new LibraryException(file + ": library is closed");
    }

    private Connection borrowReader() {
        if (closed) {
            throw closedException();
        }
        Connection reader = idleReaders.poll();
        if (reader != null) {
            return reader;
        }
        try {
            SQLiteConfig config = new SQLiteConfig();
            config.setBusyTimeout(BUSY_TIMEOUT_MS);
            Connection connection = config.createConnection(url);
            // query_only rather than a read-only open: a read-only open cannot create the WAL index if needed.
            execute(connection, "PRAGMA query_only = ON");
            return connection;
        } catch (SQLException e) {
            throw wrap(e);
        }
    }

    private void returnReader(Connection reader, boolean healthy) {
        if (healthy && !closed && idleReaders.size() < MAX_IDLE_READERS) {
            idleReaders.push(reader);
            // close() may have drained the pool between the check and the push.
            if (closed && idleReaders.remove(reader)) {
                closeQuietly(reader);
            }
        } else {
            closeQuietly(reader);
        }
    }

    private static boolean rollbackQuietly(Connection connection) {
        try {
            execute(connection, "ROLLBACK");
            return true;
        } catch (SQLException e) {
            // "no transaction is active" is fine: BEGIN itself failed. Anything else: do not reuse it.
            return e.getMessage() != null && e.getMessage().contains("no transaction is active");
        }
    }

    static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /**
     * Runs a script of several statements. executeUpdate hands the whole text to sqlite3_exec, which runs every
     * statement (trigger bodies included); execute would stop after the first.
     */
    static void executeScript(Connection connection, String script) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.executeUpdate(script);
        }
    }

    static String pragma(Connection connection, String name) throws SQLException {
        try (Statement statement = connection.createStatement();
             var rows = statement.executeQuery("PRAGMA " + name)) {
            return rows.next() ? rows.getString(1) : null;
        }
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            log.debug("closing a database connection failed", e);
        }
    }
}
