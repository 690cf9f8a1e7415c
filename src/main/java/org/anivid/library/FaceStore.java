package org.anivid.library;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import org.anivid.core.BoundingBox;
import org.anivid.core.FaceBox;
import org.anivid.core.FaceTrack;
import org.anivid.core.FrameRange;

/**
 * Face boxes per frame and the tracks that group them. Boxes a person drew or moved are {@code manual}; a
 * detector re-run ({@link #deleteAutomatic} then inserts) never touches them. Track sources follow the shot
 * convention: {@code auto:<detector>} or {@value ShotStore#MANUAL}.
 */
public final class FaceStore {
    private static final String BOX_COLUMNS = "id, episode_id, frame, x1, y1, x2, y2, score, track_id, manual";

    private final Database database;

    FaceStore(Database database) {
        this.database = database;
    }

    /** Adds a track and returns its id; {@code shotId} may be null. */
    public long insertTrack(long episodeId, Long shotId, FrameRange range, String source) {
        Objects.requireNonNull(range, "range");
        Objects.requireNonNull(source, "source");
        return database.write(connection -> Sql.insert(connection,
                "INSERT INTO face_tracks (episode_id, shot_id, start_frame, end_frame, source) VALUES (?, ?, ?, ?, ?)",
                statement -> {
                    statement.setLong(1, episodeId);
                    Sql.setIdOrNull(statement, 2, shotId == null ? 0 : shotId);
                    statement.setInt(3, range.start());
                    statement.setInt(4, range.end());
                    statement.setString(5, source);
                }));
    }

    /**
     * Adds boxes in one batched transaction (all or none). Their {@code id} is ignored (the database assigns
     * one); {@code trackId} 0 means no track.
     */
    public void insertBoxes(List<FaceBox> boxes) {
        List<FaceBox> rows = List.copyOf(boxes);
        if (rows.isEmpty()) {
            return;
        }
        database.write(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO face_boxes "
                    + "(episode_id, track_id, frame, x1, y1, x2, y2, score, manual) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (FaceBox face : rows) {
                    BoundingBox box = face.box();
                    insert.setLong(1, face.episodeId());
                    Sql.setIdOrNull(insert, 2, face.trackId());
                    insert.setInt(3, face.frame());
                    insert.setFloat(4, box.x1());
                    insert.setFloat(5, box.y1());
                    insert.setFloat(6, box.x2());
                    insert.setFloat(7, box.y2());
                    insert.setFloat(8, face.score());
                    insert.setInt(9, face.manual() ? 1 : 0);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            return null;
        });
    }

    /** The boxes of an episode on frames {@code [frames.start, frames.end)}, by frame. */
    public List<FaceBox> boxes(long episodeId, FrameRange frames) {
        Objects.requireNonNull(frames, "frames");
        return database.read(connection -> Sql.query(connection, "SELECT " + BOX_COLUMNS
                        + " FROM face_boxes WHERE episode_id = ? AND frame >= ? AND frame < ? ORDER BY frame, id",
                statement -> {
                    statement.setLong(1, episodeId);
                    statement.setInt(2, frames.start());
                    statement.setInt(3, frames.end());
                }, FaceStore::mapBox));
    }

    /** The tracks of an episode, in frame order; {@code shotId} is 0 for a track in no shot. */
    public List<FaceTrack> tracks(long episodeId) {
        return database.read(connection -> Sql.query(connection, "SELECT id, episode_id, shot_id, start_frame, "
                        + "end_frame FROM face_tracks WHERE episode_id = ? ORDER BY start_frame, end_frame, id",
                statement -> statement.setLong(1, episodeId),
                row -> new FaceTrack(row.getLong("id"), row.getLong("episode_id"), Sql.idOrZero(row, "shot_id"),
                        new FrameRange(row.getInt("start_frame"), row.getInt("end_frame")))));
    }

    /**
     * Deletes the detector's work on an episode before a re-run: every non-manual box, then every non-manual
     * track that no remaining (manual) box belongs to. Manual boxes and the tracks they hang on stay.
     */
    public void deleteAutomatic(long episodeId) {
        database.write(connection -> {
            Sql.update(connection, "DELETE FROM face_boxes WHERE episode_id = ? AND manual = 0",
                    statement -> statement.setLong(1, episodeId));
            Sql.update(connection, "DELETE FROM face_tracks WHERE episode_id = ? AND source <> ? AND NOT EXISTS "
                            + "(SELECT 1 FROM face_boxes WHERE face_boxes.track_id = face_tracks.id)",
                    statement -> {
                        statement.setLong(1, episodeId);
                        statement.setString(2, ShotStore.MANUAL);
                    });
            return null;
        });
    }

    private static FaceBox mapBox(ResultSet row) throws SQLException {
        BoundingBox box = new BoundingBox(row.getFloat("x1"), row.getFloat("y1"), row.getFloat("x2"), row.getFloat("y2"));
        return new FaceBox(row.getLong("id"), row.getLong("episode_id"), row.getInt("frame"), box,
                row.getFloat("score"), Sql.idOrZero(row, "track_id"), Sql.flag(row, "manual"));
    }

    /** Track id → source ({@code auto:<detector>} or {@code manual}) of one episode's tracks. */
    public java.util.Map<Long, String> trackSources(long episodeId) {
        return database.read(connection -> {
            java.util.Map<Long, String> sources = new java.util.HashMap<>();
            for (FaceTrackSource row : Sql.query(connection, "SELECT id, source FROM face_tracks WHERE episode_id = ?",
                    statement -> statement.setLong(1, episodeId),
                    r -> new FaceTrackSource(r.getLong("id"), r.getString("source")))) {
                sources.put(row.id(), row.source());
            }
            return sources;
        });
    }

    private record FaceTrackSource(long id, String source) {
    }
}
