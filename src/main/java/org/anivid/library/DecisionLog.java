package org.anivid.library;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.anivid.core.Decision;

/**
 * The append-only log of manual changes (SQLite triggers reject UPDATE and DELETE on its table). Entries
 * outlive the episode they are about. {@code episodeId} 0 means a change not tied to one episode.
 */
public final class DecisionLog {
    /**
     * How an entry names the face track it changed ({@code track:<id>}). {@link FaceStore#deleteAutomatic} keeps
     * the rows of tracks named so, which keeps their ids from being reused while undo or redo may name them.
     */
    public static final String TRACK_TARGET_PREFIX = "track:";
    private static final String COLUMNS = "id, at, episode_id, kind, target, before_json, after_json, reverts_id";

    private final Database database;

    DecisionLog(Database database) {
        this.database = database;
    }

    /** The {@code target} of an entry about face track {@code trackId}. */
    public static String trackTarget(long trackId) {
        return TRACK_TARGET_PREFIX + trackId;
    }

    public Decision append(long episodeIdOrZero, String kind, String target, String beforeJson, String afterJson) {
        return append(episodeIdOrZero, kind, target, beforeJson, afterJson, 0);
    }

    /**
     * Appends an entry; {@code revertsIdOrZero} names the entry this one undoes (0 for none), so undo is itself
     * a logged change rather than an edit of history.
     */
    public Decision append(long episodeIdOrZero, String kind, String target, String beforeJson, String afterJson,
                           long revertsIdOrZero) {
        Objects.requireNonNull(kind, "kind");
        return database.write(connection -> {
            Instant at = Sql.now();
            long id = Sql.insert(connection, "INSERT INTO decisions (at, episode_id, kind, target, before_json, "
                    + "after_json, reverts_id) VALUES (?, ?, ?, ?, ?, ?, ?)", statement -> {
                        statement.setLong(1, at.toEpochMilli());
                        Sql.setIdOrNull(statement, 2, episodeIdOrZero);
                        statement.setString(3, kind);
                        statement.setString(4, target);
                        statement.setString(5, beforeJson);
                        statement.setString(6, afterJson);
                        Sql.setIdOrNull(statement, 7, revertsIdOrZero);
                    });
            return new Decision(id, at, episodeIdOrZero, kind, target, beforeJson, afterJson, revertsIdOrZero);
        });
    }

    /** The entries about one episode (0: those tied to no episode), oldest first. */
    public List<Decision> list(long episodeIdOrZero) {
        return database.read(connection -> Sql.query(connection,
                "SELECT " + COLUMNS + " FROM decisions WHERE episode_id IS ? ORDER BY id",
                statement -> Sql.setIdOrNull(statement, 1, episodeIdOrZero), DecisionLog::map));
    }

    /** Every entry, oldest first. */
    public List<Decision> all() {
        return database.read(connection -> Sql.query(connection, "SELECT " + COLUMNS + " FROM decisions ORDER BY id",
                statement -> { }, DecisionLog::map));
    }

    private static Decision map(ResultSet row) throws SQLException {
        return new Decision(row.getLong("id"), Instant.ofEpochMilli(row.getLong("at")), Sql.idOrZero(row, "episode_id"),
                row.getString("kind"), row.getString("target"), row.getString("before_json"),
                row.getString("after_json"), Sql.idOrZero(row, "reverts_id"));
    }
}
