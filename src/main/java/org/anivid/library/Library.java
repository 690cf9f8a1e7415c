package org.anivid.library;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.anivid.core.InvalidInputException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * An AniVid library: a folder holding {@code anivid.db} (SQLite in WAL mode) and {@code cache/}.
 *
 * <p>All writes go through one writer thread ({@value Database#WRITER_THREAD_NAME}) that owns the only write
 * connection, one transaction per write unit; reads use separate connections and run beside it. Both are safe
 * to call from any thread. The stores ({@link #series()}, {@link #episodes()}, …) follow the same rule.
 */
public final class Library implements AutoCloseable {
    public static final String DATABASE_FILE_NAME = "anivid.db";
    public static final String CACHE_FOLDER_NAME = "cache";
    private static final Logger log = LoggerFactory.getLogger(Library.class);

    private final Path folder;
    private final Database database;
    private final SeriesStore series;
    private final EpisodeStore episodes;
    private final ShotStore shots;
    private final FaceStore faces;
    private final ClipStore clips;
    private final DecisionLog decisions;
    private final JobRunStore jobRuns;
    private final AnalysisStore analysis;
    private final CurationRunStore curationRuns;
    private final DetectorModelStore detectorModels;

    private Library(Path folder, Database database) {
        this.folder = folder;
        this.database = database;
        this.series = new SeriesStore(database);
        this.episodes = new EpisodeStore(database);
        this.shots = new ShotStore(database);
        this.faces = new FaceStore(database);
        this.clips = new ClipStore(database);
        this.decisions = new DecisionLog(database);
        this.jobRuns = new JobRunStore(database);
        this.analysis = new AnalysisStore(database);
        this.curationRuns = new CurationRunStore(database);
        this.detectorModels = new DetectorModelStore(database);
    }

    /**
     * Opens the library in {@code folder}, creating the folder, {@code cache/} and the database as needed, and
     * brings the schema up to date. Job runs left 'running' by a process that is gone become 'interrupted'.
     *
     * @throws InvalidInputException (one line naming the folder or database file) when the folder cannot be
     *     created or written, the database is not an AniVid SQLite file, or its schema is newer than this build.
     *     Nothing this call created is left behind.
     */
    public static Library open(Path folder) {
        Path dir = folder.toAbsolutePath().normalize();
        Path databaseFile = dir.resolve(DATABASE_FILE_NAME);
        List<Path> createdFolders = new ArrayList<>();
        boolean databaseExisted = Files.exists(databaseFile);
        boolean databaseCreatedHere = false;
        Database database = null;
        try {
            createFolders(dir, createdFolders);
            if (!Files.isWritable(dir)) {
                throw notWritable(dir, null);
            }
            if (databaseExisted && !Files.isRegularFile(databaseFile)) {
                throw new InvalidInputException(databaseFile, "library database is not a regular file");
            }
            if (databaseExisted && !Files.isWritable(databaseFile)) {
                throw new InvalidInputException(databaseFile, "library database is not writable");
            }
            createFolders(dir.resolve(CACHE_FOLDER_NAME), createdFolders);
            databaseCreatedHere = !databaseExisted;
            database = Database.open(databaseFile);
            Migrations.migrate(database, Migrations.bundled());
            Library library = new Library(dir, database);
            int interrupted = library.jobRuns.markInterrupted();
            if (interrupted > 0) {
                log.info("{}: {} job run(s) of an earlier process marked interrupted", dir, interrupted);
            }
            return library;
        } catch (IOException | SQLException | RuntimeException | Error e) {
            if (database != null) {
                database.close();
            }
            removeWhatWasCreated(databaseCreatedHere ? databaseFile : null, createdFolders);
            if (e instanceof Error error) {
                throw error;
            }
            throw asInvalidInput(e, dir, databaseFile);
        }
    }

    public Path folder() {
        return folder;
    }

    public Path cacheDir() {
        return folder.resolve(CACHE_FOLDER_NAME);
    }

    public Path databaseFile() {
        return database.file();
    }

    public SeriesStore series() {
        return series;
    }

    public EpisodeStore episodes() {
        return episodes;
    }

    public ShotStore shots() {
        return shots;
    }

    public FaceStore faces() {
        return faces;
    }

    public ClipStore clips() {
        return clips;
    }

    public DecisionLog decisions() {
        return decisions;
    }

    public AnalysisStore analysis() {
        return analysis;
    }

    public CurationRunStore curationRuns() {
        return curationRuns;
    }

    public DetectorModelStore detectorModels() {
        return detectorModels;
    }

    public JobRunStore jobRuns() {
        return jobRuns;
    }

    /** The schema version the database is at ({@code PRAGMA user_version}). */
    public int schemaVersion() {
        return read(Migrations::userVersion);
    }

    /**
     * Runs {@code work} as one transaction on the writer thread and waits for it: committed when it returns,
     * rolled back when it throws, and the original exception rethrown here ({@link SQLException} wrapped in
     * {@link LibraryException}). Called from inside a write unit it runs inline as a nested, all-or-nothing
     * unit. It blocks while earlier writes finish, so the JavaFX thread should prefer {@link #writeAsync}.
     */
    public <T> T write(SqlWork<T> work) {
        return database.write(work);
    }

    /** {@link #write} without waiting: the future completes with the result or the (unwrapped) failure. */
    public <T> CompletableFuture<T> writeAsync(SqlWork<T> work) {
        return database.writeAsync(work);
    }

    /**
     * Runs {@code work} on a read connection in one read transaction (a consistent snapshot that never waits
     * for the writer). Inside a write unit it sees that unit's uncommitted changes.
     */
    public <T> T read(SqlWork<T> work) {
        return database.read(work);
    }

    /**
     * A counter that grows with every committed write unit (from this process). The studio polls it to show results
     * that a job or another view stored, without a callback per write.
     */
    public long revision() {
        return database.revision();
    }

    /** Finishes queued writes and closes every connection. Idempotent. */
    @Override
    public void close() {
        database.close();
    }

    /** Creates {@code dir} and any missing parents, remembering the ones it created (outermost first). */
    private static void createFolders(Path dir, List<Path> created) throws IOException {
        List<Path> missing = new ArrayList<>();
        for (Path p = dir; p != null && !Files.exists(p); p = p.getParent()) {
            missing.add(0, p);
        }
        for (Path p : missing) {
            Files.createDirectory(p);
            created.add(p);
        }
        if (!Files.isDirectory(dir)) {
            throw new InvalidInputException(dir, "exists but is not a folder");
        }
    }

    private static void removeWhatWasCreated(Path databaseFile, List<Path> createdFolders) {
        List<Path> leftovers = new ArrayList<>();
        if (databaseFile != null) {
            for (String suffix : List.of("", "-wal", "-shm", "-journal")) {
                leftovers.add(databaseFile.resolveSibling(databaseFile.getFileName() + suffix));
            }
        }
        for (int i = createdFolders.size() - 1; i >= 0; i--) {
            leftovers.add(createdFolders.get(i));
        }
        for (Path path : leftovers) {
            try {
                Files.deleteIfExists(path);
            } catch (DirectoryNotEmptyException e) {
                log.warn("{}: left in place, something else wrote into it meanwhile", path);
            } catch (IOException e) {
                log.warn("{}: could not remove after a failed open: {}", path, e.toString());
            }
        }
    }

    /** Maps a failure to open to the one-line user-facing error where it is the user's input at fault. */
    private static RuntimeException asInvalidInput(Throwable failure, Path dir, Path databaseFile) {
        if (failure instanceof InvalidInputException invalid) {
            return invalid;
        }
        if (failure instanceof AccessDeniedException) {
            return notWritable(dir, failure);
        }
        if (failure instanceof FileSystemException io && io.getReason() != null) {
            return new InvalidInputException(dir, "library folder cannot be created: " + io.getReason(), io);
        }
        if (failure instanceof IOException io) {
            return new InvalidInputException(dir, "library folder cannot be created: " + io, io);
        }
        SQLException sql = failure instanceof SQLException s ? s
                : failure.getCause() instanceof SQLException s ? s : null;
        if (sql instanceof SQLiteException sqlite) {
            // Extended result codes (e.g. SQLITE_READONLY_DBMOVED) share the primary code in the low byte.
            int primaryCode = sqlite.getResultCode().code & 0xff;
            if (primaryCode == SQLiteErrorCode.SQLITE_NOTADB.code) {
                return new InvalidInputException(databaseFile, "not a SQLite database", sql);
            }
            if (primaryCode == SQLiteErrorCode.SQLITE_CORRUPT.code) {
                return new InvalidInputException(databaseFile, "library database is corrupt", sql);
            }
            if (primaryCode == SQLiteErrorCode.SQLITE_READONLY.code || primaryCode == SQLiteErrorCode.SQLITE_PERM.code
                    || primaryCode == SQLiteErrorCode.SQLITE_CANTOPEN.code) {
                return notWritable(dir, sql);
            }
        }
        if (failure instanceof RuntimeException runtime) {
            return runtime;
        }
        return new LibraryException(databaseFile + ": cannot open library database: " + failure.getMessage(), failure);
    }

    private static InvalidInputException notWritable(Path dir, Throwable cause) {
        return new InvalidInputException(dir, "library folder is not writable", cause);
    }
}
