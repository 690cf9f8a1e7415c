package org.anivid.library;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.anivid.core.Clip;
import org.anivid.core.ClipStatus;
import org.anivid.core.FrameRange;

/**
 * Clip proposals and the decisions on them. A clip is <em>manual</em> when a person made it. The curation step
 * re-proposes with {@link #replaceProposals}, which only ever removes automatic clips still 'proposed' — a clip
 * a person made or decided on is never touched. {@code shotId}/{@code trackId} 0 mean "none".
 */
public final class ClipStore {
    private static final String COLUMNS = "id, episode_id, shot_id, track_id, start_frame, end_frame, status, reason";

    private final Database database;

    ClipStore(Database database) {
        this.database = database;
    }

    /** Adds a clip (its {@code id} is ignored) and returns it with the id the database gave it. */
    public Clip insert(Clip clip, boolean manual) {
        Objects.requireNonNull(clip, "clip");
        return database.write(connection -> insert(connection, clip, manual, Sql.now()));
    }

    public Optional<Clip> get(long clipId) {
        return database.read(connection -> Sql.queryOne(connection, "SELECT " + COLUMNS + " FROM clips WHERE id = ?",
                statement -> statement.setLong(1, clipId), ClipStore::map));
    }

    /** The clips of an episode in frame order. */
    public List<Clip> list(long episodeId) {
        return database.read(connection -> Sql.query(connection,
                "SELECT " + COLUMNS + " FROM clips WHERE episode_id = ? ORDER BY start_frame, end_frame, id",
                statement -> statement.setLong(1, episodeId), ClipStore::map));
    }

    /** The clips in one status across all episodes, by episode then frame. */
    public List<Clip> listByStatus(ClipStatus status) {
        Objects.requireNonNull(status, "status");
        return database.read(connection -> Sql.query(connection, "SELECT " + COLUMNS
                        + " FROM clips WHERE status = ? ORDER BY episode_id, start_frame, end_frame, id",
                statement -> statement.setString(1, status.dbName()), ClipStore::map));
    }

    /**
     * Moves a clip's in and out points (a person's correction: the clip becomes manual, so re-curation keeps it).
     * The clip's shot link follows its new first frame.
     */
    public void setRange(long clipId, FrameRange range) {
        Objects.requireNonNull(range, "range");
        if (range.length() == 0) {
            throw new IllegalArgumentException("a clip needs at least one frame: " + range);
        }
        database.write(connection -> {
            int changed = Sql.update(connection, "UPDATE clips SET start_frame = ?, end_frame = ?, manual = 1, "
                            + "updated_at = ? WHERE id = ?",
                    statement -> {
                        statement.setInt(1, range.start());
                        statement.setInt(2, range.end());
                        statement.setLong(3, Sql.now().toEpochMilli());
                        statement.setLong(4, clipId);
                    });
            if (changed == 0) {
                throw new LibraryException("no clip with id " + clipId);
            }
            linkToShot(connection, clipId);
            return null;
        });
    }

    /** Sets a clip's status and the reason for it. */
    public void setStatus(long clipId, ClipStatus status, String reason) {
        Objects.requireNonNull(status, "status");
        database.write(connection -> {
            int changed = Sql.update(connection, "UPDATE clips SET status = ?, reason = ?, updated_at = ? WHERE id = ?",
                    statement -> {
                        statement.setString(1, status.dbName());
                        statement.setString(2, reason);
                        statement.setLong(3, Sql.now().toEpochMilli());
                        statement.setLong(4, clipId);
                    });
            if (changed == 0) {
                throw new LibraryException("no clip with id " + clipId);
            }
            return null;
        });
    }

    /**
     * A clip row as a correction snapshots it for undo: the clip, whether a person made it, and when the row was
     * created (which tells the row apart from a later one that re-used its id).
     */
    public record State(Clip clip, boolean manual, long createdAtMillis) {
        public State {
            Objects.requireNonNull(clip, "clip");
        }
    }

    /** The full state of one clip row. */
    public Optional<State> state(long clipId) {
        return database.read(connection -> Sql.queryOne(connection, "SELECT " + COLUMNS + ", manual, created_at "
                        + "FROM clips WHERE id = ?", statement -> statement.setLong(1, clipId),
                row -> new State(map(row), Sql.flag(row, "manual"), row.getLong("created_at"))));
    }

    /**
     * Puts a clip back the way {@code state} describes it (undo and redo of a correction): range, status, reason
     * and the manual flag; its shot link follows the range. When re-curation deleted the row meanwhile (an
     * automatic proposal that an undo had returned to 'proposed'), it is inserted again, with its old id when no
     * other row has taken it.
     *
     * @return the clip as now stored; its id differs from the state's only when the row had to be re-created
     *     under a new id
     */
    public Clip restore(State state) {
        Objects.requireNonNull(state, "state");
        Clip clip = state.clip();
        return database.write(connection -> {
            long now = Sql.now().toEpochMilli();
            int changed = Sql.update(connection, "UPDATE clips SET start_frame = ?, end_frame = ?, status = ?, "
                    + "reason = ?, manual = ?, updated_at = ? WHERE id = ? AND episode_id = ? AND created_at = ?",
                    statement -> {
                        statement.setInt(1, clip.range().start());
                        statement.setInt(2, clip.range().end());
                        statement.setString(3, clip.status().dbName());
                        statement.setString(4, clip.reason());
                        statement.setInt(5, state.manual() ? 1 : 0);
                        statement.setLong(6, now);
                        statement.setLong(7, clip.id());
                        statement.setLong(8, clip.episodeId());
                        statement.setLong(9, state.createdAtMillis());
                    });
            long id = clip.id();
            if (changed == 0) {
                boolean idFree = Sql.queryOne(connection, "SELECT 1 FROM clips WHERE id = ?",
                        statement -> statement.setLong(1, clip.id()), row -> true).isEmpty();
                id = Sql.insert(connection, "INSERT INTO clips (id, episode_id, track_id, start_frame, end_frame, "
                        + "status, reason, manual, created_at, updated_at) VALUES (?, ?, (SELECT t.id FROM face_tracks t "
                        + "WHERE t.id = ?), ?, ?, ?, ?, ?, ?, ?)",
                        statement -> {
                            Sql.setIdOrNull(statement, 1, idFree ? clip.id() : 0);
                            statement.setLong(2, clip.episodeId());
                            statement.setLong(3, clip.trackId());
                            statement.setInt(4, clip.range().start());
                            statement.setInt(5, clip.range().end());
                            statement.setString(6, clip.status().dbName());
                            statement.setString(7, clip.reason());
                            statement.setInt(8, state.manual() ? 1 : 0);
                            statement.setLong(9, state.createdAtMillis());
                            statement.setLong(10, now);
                        });
            }
            long clipId = id;
            linkToShot(connection, clipId);
            return Sql.queryOne(connection, "SELECT " + COLUMNS + " FROM clips WHERE id = ?",
                    statement -> statement.setLong(1, clipId), ClipStore::map).orElseThrow();
        });
    }

    /** Points a clip at the shot holding its first frame (none when no shot does). */
    private static void linkToShot(Connection connection, long clipId) throws SQLException {
        Sql.update(connection, "UPDATE clips SET shot_id = (SELECT s.id FROM shots s WHERE s.episode_id = "
                + "clips.episode_id AND s.start_frame <= clips.start_frame AND clips.start_frame < s.end_frame "
                + "ORDER BY s.start_frame, s.id LIMIT 1) WHERE id = ?", statement -> statement.setLong(1, clipId));
    }

    /**
     * Replaces the automatic proposals of an episode in one transaction: deletes its automatic clips still in
     * 'proposed' state, then inserts {@code proposals} as automatic clips — except those whose frame range equals
     * a clip that stayed (a person already decided on that range, or made it).
     *
     * @param proposals clips of this episode, all {@link ClipStatus#PROPOSED}; anything else would never be
     *     replaced by the next run and pile up
     */
    public void replaceProposals(long episodeId, List<Clip> proposals) {
        List<Clip> clips = List.copyOf(proposals);
        for (Clip clip : clips) {
            if (clip.episodeId() != episodeId) {
                throw new IllegalArgumentException("proposal " + clip + " is not of episode " + episodeId);
            }
            if (clip.status() != ClipStatus.PROPOSED) {
                throw new IllegalArgumentException("proposals must have status PROPOSED: " + clip);
            }
        }
        database.write(connection -> {
            Sql.update(connection, "DELETE FROM clips WHERE episode_id = ? AND manual = 0 AND status = ?",
                    statement -> {
                        statement.setLong(1, episodeId);
                        statement.setString(2, ClipStatus.PROPOSED.dbName());
                    });
            Set<FrameRange> kept = new HashSet<>(Sql.query(connection,
                    "SELECT start_frame, end_frame FROM clips WHERE episode_id = ?",
                    statement -> statement.setLong(1, episodeId),
                    row -> new FrameRange(row.getInt("start_frame"), row.getInt("end_frame"))));
            Instant now = Sql.now();
            for (Clip clip : clips) {
                if (kept.add(clip.range())) {
                    insert(connection, clip, false, now);
                }
            }
            return null;
        });
    }

    private static Clip insert(Connection connection, Clip clip, boolean manual, Instant now) throws SQLException {
        Objects.requireNonNull(clip.range(), "range");
        Objects.requireNonNull(clip.status(), "status");
        long id = Sql.insert(connection, "INSERT INTO clips (episode_id, shot_id, track_id, start_frame, end_frame, "
                + "status, reason, manual, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", statement -> {
                    statement.setLong(1, clip.episodeId());
                    Sql.setIdOrNull(statement, 2, clip.shotId());
                    Sql.setIdOrNull(statement, 3, clip.trackId());
                    statement.setInt(4, clip.range().start());
                    statement.setInt(5, clip.range().end());
                    statement.setString(6, clip.status().dbName());
                    statement.setString(7, clip.reason());
                    statement.setInt(8, manual ? 1 : 0);
                    statement.setLong(9, now.toEpochMilli());
                    statement.setLong(10, now.toEpochMilli());
                });
        return new Clip(id, clip.episodeId(), clip.shotId(), clip.trackId(), clip.range(), clip.status(), clip.reason());
    }

    private static Clip map(ResultSet row) throws SQLException {
        return new Clip(row.getLong("id"), row.getLong("episode_id"), Sql.idOrZero(row, "shot_id"),
                Sql.idOrZero(row, "track_id"), new FrameRange(row.getInt("start_frame"), row.getInt("end_frame")),
                ClipStatus.fromDb(row.getString("status")), row.getString("reason"));
    }

    /** Clip id → whether a person made the clip (rather than the curation rules), for every clip of the library. */
    public java.util.Map<Long, Boolean> madeByPerson() {
        return madeByPerson("", statement -> { });
    }

    /** The same for one episode's clips (what re-curating an episode needs). */
    public java.util.Map<Long, Boolean> madeByPerson(long episodeId) {
        return madeByPerson(" WHERE episode_id = ?", statement -> statement.setLong(1, episodeId));
    }

    private java.util.Map<Long, Boolean> madeByPerson(String where, Sql.Binder binder) {
        return database.read(connection -> {
            java.util.Map<Long, Boolean> manual = new java.util.HashMap<>();
            for (long[] row : Sql.query(connection, "SELECT id, manual FROM clips" + where, binder,
                    r -> new long[] {r.getLong("id"), r.getInt("manual")})) {
                manual.put(row[0], row[1] != 0);
            }
            return manual;
        });
    }
}
