package org.anivid.library;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.anivid.core.JobRun;
import org.anivid.core.JobState;

/**
 * A record of background jobs, so that work cut short by a crash or a kill is visible at the next start
 * ({@link #markInterrupted}) and can be re-run.
 */
public final class JobRunStore {
    private static final String COLUMNS = "id, kind, target, state, message, started_at, finished_at, pid";
    /**
     * How much later than a run's start its pid's process may claim to have started and still be the same
     * process: process start times are estimated from boot time and clock ticks, a little imprecisely.
     */
    private static final Duration PROCESS_START_TOLERANCE = Duration.ofSeconds(2);

    private final Database database;

    JobRunStore(Database database) {
        this.database = database;
    }

    /** Records a job starting now in this process (state 'running') and returns its id. */
    public long start(String kind, String target) {
        Objects.requireNonNull(kind, "kind");
        long pid = ProcessHandle.current().pid();
        return database.write(connection -> Sql.insert(connection,
                "INSERT INTO job_runs (kind, target, state, started_at, pid) VALUES (?, ?, ?, ?, ?)", statement -> {
                    statement.setString(1, kind);
                    statement.setString(2, target);
                    statement.setString(3, dbName(JobState.RUNNING));
                    statement.setLong(4, Sql.now().toEpochMilli());
                    statement.setLong(5, pid);
                }));
    }

    /** Records how a run ended; {@code state} must be a finished one (not queued or running). */
    public void finish(long id, JobState state, String message) {
        Objects.requireNonNull(state, "state");
        if (!state.finished()) {
            throw new IllegalArgumentException("a run cannot finish in state " + state);
        }
        database.write(connection -> {
            int changed = Sql.update(connection,
                    "UPDATE job_runs SET state = ?, message = ?, finished_at = ? WHERE id = ?", statement -> {
                        statement.setString(1, dbName(state));
                        statement.setString(2, message);
                        statement.setLong(3, Sql.now().toEpochMilli());
                        statement.setLong(4, id);
                    });
            if (changed == 0) {
                throw new LibraryException("no job run with id " + id);
            }
            return null;
        });
    }

    public Optional<JobRun> get(long id) {
        return database.read(connection -> Sql.queryOne(connection, "SELECT " + COLUMNS + " FROM job_runs WHERE id = ?",
                statement -> statement.setLong(1, id), JobRunStore::map));
    }

    /** Every run, oldest first. */
    public List<JobRun> list() {
        return database.read(connection -> Sql.query(connection, "SELECT " + COLUMNS + " FROM job_runs ORDER BY id",
                statement -> { }, JobRunStore::map));
    }

    /**
     * The runs of {@code kind} on {@code target} whose work did not complete and is worth re-running: queued,
     * running, or interrupted. (Failed and cancelled runs ended on purpose, so they are not listed.)
     */
    public List<JobRun> unfinished(String kind, String target) {
        Objects.requireNonNull(kind, "kind");
        return database.read(connection -> Sql.query(connection, "SELECT " + COLUMNS + " FROM job_runs "
                        + "WHERE kind = ? AND target IS ? AND state IN ('queued', 'running', 'interrupted') ORDER BY id",
                statement -> {
                    statement.setString(1, kind);
                    statement.setString(2, target);
                }, JobRunStore::map));
    }

    /**
     * Marks 'running' rows whose process is gone as 'interrupted' and returns how many. A pid now used by a
     * process that started after the run did (pid reuse) counts as gone.
     */
    public int markInterrupted() {
        return database.write(connection -> {
            List<JobRun> running = Sql.query(connection, "SELECT " + COLUMNS + " FROM job_runs WHERE state = ?",
                    statement -> statement.setString(1, dbName(JobState.RUNNING)), JobRunStore::map);
            int marked = 0;
            for (JobRun run : running) {
                if (processAlive(run)) {
                    continue;
                }
                marked += Sql.update(connection,
                        "UPDATE job_runs SET state = ?, message = ?, finished_at = ? WHERE id = ? AND state = ?",
                        statement -> {
                            statement.setString(1, dbName(JobState.INTERRUPTED));
                            statement.setString(2, "process " + run.pid() + " ended while the job was running");
                            statement.setLong(3, Sql.now().toEpochMilli());
                            statement.setLong(4, run.id());
                            statement.setString(5, dbName(JobState.RUNNING));
                        });
            }
            return marked;
        });
    }

    private static boolean processAlive(JobRun run) {
        Optional<ProcessHandle> process = run.pid() > 0 ? ProcessHandle.of(run.pid()) : Optional.empty();
        if (process.isEmpty() || !process.get().isAlive()) {
            return false;
        }
        Optional<Instant> processStart = process.get().info().startInstant();
        if (processStart.isPresent() && run.startedAt() != null
                && processStart.get().isAfter(run.startedAt().plus(PROCESS_START_TOLERANCE))) {
            return false;
        }
        return true;
    }

    private static String dbName(JobState state) {
        return state.name().toLowerCase(Locale.ROOT);
    }

    private static JobRun map(ResultSet row) throws SQLException {
        return new JobRun(row.getLong("id"), row.getString("kind"), row.getString("target"),
                JobState.valueOf(row.getString("state").toUpperCase(Locale.ROOT)), row.getString("message"),
                Sql.instantOrNull(row, "started_at"), Sql.instantOrNull(row, "finished_at"), row.getLong("pid"));
    }
}
