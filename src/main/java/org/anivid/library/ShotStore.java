package org.anivid.library;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.anivid.core.FrameRange;
import org.anivid.core.Shot;

/**
 * The shots of each episode. A shot's source is {@code auto:<detector>} when a detector found it and
 * {@value #MANUAL} when a person made it; re-running a detector replaces only automatic shots.
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
     * Manual shots stay. Face tracks and clips that pointed at a replaced shot keep their rows, unlinked.
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
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO shots (episode_id, start_frame, end_frame, source, usable) VALUES (?, ?, ?, ?, 1)")) {
                for (FrameRange range : ranges) {
                    insert.setLong(1, episodeId);
                    insert.setInt(2, range.start());
                    insert.setInt(3, range.end());
                    insert.setString(4, source);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            return null;
        });
    }

    /** Adds a shot a person made; detectors never replace it. */
    public Shot insertManual(long episodeId, FrameRange range) {
        Objects.requireNonNull(range, "range");
        return database.write(connection -> insert(connection, episodeId, range, MANUAL));
    }

    /**
     * Marks a shot usable or not. The flag lives on the shot row, so replacing an automatic shot (re-running its
     * detector) resets it.
     */
    public void setUsable(long shotId, boolean usable) {
        database.write(connection -> {
            int changed = Sql.update(connection, "UPDATE shots SET usable = ? WHERE id = ?", statement -> {
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
        long id = Sql.insert(connection,
                "INSERT INTO shots (episode_id, start_frame, end_frame, source, usable) VALUES (?, ?, ?, ?, 1)",
                statement -> {
                    statement.setLong(1, episodeId);
                    statement.setInt(2, range.start());
                    statement.setInt(3, range.end());
                    statement.setString(4, source);
                });
        return new Shot(id, episodeId, range, source, true);
    }

    private static Shot map(ResultSet row) throws SQLException {
        return new Shot(row.getLong("id"), row.getLong("episode_id"),
                new FrameRange(row.getInt("start_frame"), row.getInt("end_frame")), row.getString("source"),
                Sql.flag(row, "usable"));
    }
}
