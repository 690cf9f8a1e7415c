package org.anivid.library;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.anivid.core.FrameRange;
import org.anivid.core.Shot;

/**
 * The shots of each episode. A shot's source is {@code auto:<detector>} when a detector found it and
 * {@value #MANUAL} when a person made it; re-running a detector replaces only automatic shots, and never over a
 * manual one, so an episode's shots keep tiling its frames.
 */
public final class ShotStore {
    public static final String MANUAL = "manual";
    public static final String AUTO_PREFIX = "auto:";
    private static final String COLUMNS = "id, episode_id, start_frame, end_frame, source, usable";

    private final Database database;

    ShotStore(Database database) {
        this.database = database;
    }

    /** The shots of an episode in frame order. */
    public List<Shot> list(long episodeId) {
        return database.read(connection -> Sql.query(connection,
                "SELECT " + COLUMNS + " FROM shots WHERE episode_id = ? ORDER BY start_frame, end_frame, id",
                statement -> statement.setLong(1, episodeId), ShotStore::map));
    }

    public Optional<Shot> get(long shotId) {
        return database.read(connection -> Sql.queryOne(connection, "SELECT " + COLUMNS + " FROM shots WHERE id = ?",
                statement -> statement.setLong(1, shotId), ShotStore::map));
    }

    /**
     * Replaces every automatic shot of the episode (from any detector) with {@code shots}, in one transaction.
     * Manual shots are a person's work and win: each automatic range is clipped to the gaps between the manual
     * shots (pieces left empty are dropped), so when {@code shots} tile the episode the result still tiles it with
     * every manual shot intact. Face tracks and clips that pointed at a replaced shot keep their rows, unlinked.
     *
     * @param source {@code auto:<detector>}, e.g. {@code auto:adaptive}
     */
    public void replaceAutomatic(long episodeId, String source, List<FrameRange> shots) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(shots, "shots");
        if (!source.startsWith(AUTO_PREFIX) || source.length() == AUTO_PREFIX.length()) {
            throw new IllegalArgumentException("an automatic shot source looks like 'auto:<detector>', not '" + source + "'");
        }
        List<FrameRange> ranges = List.copyOf(shots);
        database.write(connection -> {
            Sql.update(connection, "DELETE FROM shots WHERE episode_id = ? AND source GLOB 'auto:*'",
                    statement -> statement.setLong(1, episodeId));
            List<FrameRange> manual = Sql.query(connection, "SELECT start_frame, end_frame FROM shots "
                            + "WHERE episode_id = ? AND source = ? AND end_frame > start_frame ORDER BY start_frame",
                    statement -> {
                        statement.setLong(1, episodeId);
                        statement.setString(2, MANUAL);
                    }, row -> new FrameRange(row.getInt("start_frame"), row.getInt("end_frame")));
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO shots (episode_id, start_frame, end_frame, source, usable) VALUES (?, ?, ?, ?, 1)")) {
                for (FrameRange range : ranges) {
                    for (FrameRange piece : outside(range, manual)) {
                        insert.setLong(1, episodeId);
                        insert.setInt(2, piece.start());
                        insert.setInt(3, piece.end());
                        insert.setString(4, source);
                        insert.addBatch();
                    }
                }
                insert.executeBatch();
            }
            return null;
        });
    }

    /** The non-empty parts of {@code range} that no range of {@code taken} (sorted by start) covers. */
    static List<FrameRange> outside(FrameRange range, List<FrameRange> taken) {
        List<FrameRange> pieces = new ArrayList<>();
        int from = range.start();
        for (FrameRange t : taken) {
            if (t.end() <= from || t.start() >= range.end()) {
                continue;
            }
            if (t.start() > from) {
                pieces.add(new FrameRange(from, t.start()));
            }
            from = Math.max(from, t.end());
        }
        if (from < range.end()) {
            pieces.add(new FrameRange(from, range.end()));
        }
        return pieces;
    }

    /**
     * Replaces the shots on the frames {@code span} of an episode with {@code shots} in one transaction: what a
     * person's cut edit (or its undo) does. Shots reaching over an edge of the span keep their part outside it; a
     * shot that starts where a new one starts keeps its id (so selections, links and motion statistics survive
     * where they can). Clips and face tracks that start on the frames involved are linked again to the shot that
     * now contains their first frame.
     *
     * @param shots shots inside {@code span} in frame order without overlap, normally tiling it (their {@code id}
     *     and {@code episodeId} are ignored); none leaves the span without shots
     * @return the shots now on {@code span}, in frame order
     */
    public List<Shot> replaceSpan(long episodeId, FrameRange span, List<Shot> shots) {
        Objects.requireNonNull(span, "span");
        List<Shot> wanted = List.copyOf(shots);
        int at = span.start();
        for (Shot shot : wanted) {
            if (shot.range().start() < at || shot.range().end() > span.end() || shot.range().length() == 0) {
                throw new IllegalArgumentException("shots " + wanted.stream().map(Shot::range).toList()
                        + " are not in order, inside " + span + " and without overlap");
            }
            at = shot.range().end();
        }
        return database.write(connection -> {
            List<Shot> existing = Sql.query(connection, "SELECT " + COLUMNS + " FROM shots WHERE episode_id = ? "
                            + "AND start_frame < ? AND end_frame > ? ORDER BY start_frame, end_frame, id",
                    statement -> {
                        statement.setLong(1, episodeId);
                        statement.setInt(2, span.end());
                        statement.setInt(3, span.start());
                    }, ShotStore::map);
            Map<Integer, Shot> byStart = new HashMap<>();
            for (Shot shot : wanted) {
                byStart.put(shot.range().start(), shot);
            }
            Map<Integer, Long> reusedIds = new HashMap<>();
            int hullStart = span.start();
            int hullEnd = span.end();
            for (Shot old : existing) {
                FrameRange r = old.range();
                hullStart = Math.min(hullStart, r.start());
                hullEnd = Math.max(hullEnd, r.end());
                boolean keptLeft = r.start() < span.start();
                boolean reused = !keptLeft && byStart.containsKey(r.start()) && !reusedIds.containsKey(r.start());
                if (keptLeft) {
                    update(connection, old.id(), new FrameRange(r.start(), span.start()), old.source(), old.usable());
                } else if (reused) {
                    Shot now = byStart.get(r.start());
                    update(connection, old.id(), now.range(), now.source(), now.usable());
                    reusedIds.put(r.start(), old.id());
                }
                if (r.end() > span.end()) {
                    FrameRange right = new FrameRange(span.end(), r.end());
                    if (keptLeft || reused) {
                        insert(connection, episodeId, right, old.source(), old.usable());
                    } else {
                        update(connection, old.id(), right, old.source(), old.usable());
                    }
                } else if (!keptLeft && !reused) {
                    Sql.update(connection, "DELETE FROM shots WHERE id = ?", statement -> statement.setLong(1, old.id()));
                }
            }
            List<Shot> result = new ArrayList<>();
            for (Shot shot : wanted) {
                Long id = reusedIds.get(shot.range().start());
                result.add(id != null ? new Shot(id, episodeId, shot.range(), shot.source(), shot.usable())
                        : insert(connection, episodeId, shot.range(), shot.source(), shot.usable()));
            }
            relink(connection, episodeId, new FrameRange(hullStart, hullEnd));
            return result;
        });
    }

    /**
     * Points the clips and face tracks of an episode that start on {@code frames} at the shot holding their first
     * frame (none when no shot does).
     */
    static void relink(Connection connection, long episodeId, FrameRange frames) throws SQLException {
        for (String table : List.of("clips", "face_tracks")) {
            Sql.update(connection, "UPDATE " + table + " SET shot_id = (SELECT s.id FROM shots s WHERE s.episode_id = "
                    + table + ".episode_id AND s.start_frame <= " + table + ".start_frame AND " + table
                    + ".start_frame < s.end_frame ORDER BY s.start_frame, s.id LIMIT 1) "
                    + "WHERE episode_id = ? AND start_frame >= ? AND start_frame < ?", statement -> {
                        statement.setLong(1, episodeId);
                        statement.setInt(2, frames.start());
                        statement.setInt(3, frames.end());
                    });
        }
    }

    private static void update(Connection connection, long id, FrameRange range, String source, boolean usable)
            throws SQLException {
        Sql.update(connection, "UPDATE shots SET start_frame = ?, end_frame = ?, source = ?, usable = ? WHERE id = ?",
                statement -> {
                    statement.setInt(1, range.start());
                    statement.setInt(2, range.end());
                    statement.setString(3, source);
                    statement.setInt(4, usable ? 1 : 0);
                    statement.setLong(5, id);
                });
    }

    /** Adds a shot a person made; detectors never replace it. */
    public Shot insertManual(long episodeId, FrameRange range) {
        Objects.requireNonNull(range, "range");
        return database.write(connection -> insert(connection, episodeId, range, MANUAL));
    }

    /**
     * Marks a shot usable or not. That is a person's decision, and the flag lives on the shot row, so the shot
     * becomes {@value #MANUAL}: re-running the shot detector would otherwise replace the row and lose the flag.
     */
    public void setUsable(long shotId, boolean usable) {
        database.write(connection -> {
            int changed = Sql.update(connection, "UPDATE shots SET usable = ?, source = '" + MANUAL + "' WHERE id = ?",
                    statement -> {
                        statement.setInt(1, usable ? 1 : 0);
                        statement.setLong(2, shotId);
                    });
            if (changed == 0) {
                throw new LibraryException("no shot with id " + shotId);
            }
            return null;
        });
    }

    private static Shot insert(Connection connection, long episodeId, FrameRange range, String source)
            throws SQLException {
        return insert(connection, episodeId, range, source, true);
    }

    private static Shot insert(Connection connection, long episodeId, FrameRange range, String source, boolean usable)
            throws SQLException {
        long id = Sql.insert(connection,
                "INSERT INTO shots (episode_id, start_frame, end_frame, source, usable) VALUES (?, ?, ?, ?, ?)",
                statement -> {
                    statement.setLong(1, episodeId);
                    statement.setInt(2, range.start());
                    statement.setInt(3, range.end());
                    statement.setString(4, source);
                    statement.setInt(5, usable ? 1 : 0);
                });
        return new Shot(id, episodeId, range, source, usable);
    }

    private static Shot map(ResultSet row) throws SQLException {
        return new Shot(row.getLong("id"), row.getLong("episode_id"),
                new FrameRange(row.getInt("start_frame"), row.getInt("end_frame")), row.getString("source"),
                Sql.flag(row, "usable"));
    }
}
