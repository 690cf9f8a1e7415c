package org.anivid.library;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.anivid.core.BoundingBox;
import org.anivid.core.FaceBox;
import org.anivid.core.FaceTrack;
import org.anivid.core.FrameRange;

/**
 * Face boxes per frame and the tracks that group them. Boxes a person drew or moved are {@code manual} (keyframes);
 * a detector re-run ({@link #deleteAutomatic} then inserts) never touches them, nor any box of a track a person drew
 * (source {@value ShotStore#MANUAL}), whose in-between boxes are interpolated from the keyframes. Track sources
 * follow the shot convention: {@code auto:<detector>} or {@value ShotStore#MANUAL}.
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

    /**
     * The tracks of an episode, in frame order; {@code shotId} is 0 for a track in no shot. Emptied tracks (a
     * zero-length range: every box deleted or undone, kept only so that their id stays reserved) are left out.
     */
    public List<FaceTrack> tracks(long episodeId) {
        return database.read(connection -> Sql.query(connection, "SELECT id, episode_id, shot_id, start_frame, "
                        + "end_frame FROM face_tracks WHERE episode_id = ? AND end_frame > start_frame "
                        + "ORDER BY start_frame, end_frame, id",
                statement -> statement.setLong(1, episodeId), FaceStore::mapTrack));
    }

    /**
     * Deletes the detector's work on an episode before a re-run: every non-manual box that is not on a manual
     * track, then every non-manual track that no remaining box belongs to. What a person made stays: manual boxes
     * (keyframes), the tracks they hang on, and manual tracks with every box on them (the boxes interpolated
     * between a person's keyframes are theirs too). A detector's track that a logged correction names
     * ({@link DecisionLog#trackTarget}) keeps its row, emptied (zero-length range, no boxes), so its id is never
     * handed to another track while undo or redo may still name it.
     */
    public void deleteAutomatic(long episodeId) {
        database.write(connection -> {
            Sql.update(connection, "DELETE FROM face_boxes WHERE episode_id = ? AND manual = 0 AND (track_id IS NULL "
                            + "OR track_id NOT IN (SELECT id FROM face_tracks WHERE episode_id = ? AND source = ?))",
                    statement -> {
                        statement.setLong(1, episodeId);
                        statement.setLong(2, episodeId);
                        statement.setString(3, ShotStore.MANUAL);
                    });
            String noBoxes = "NOT EXISTS (SELECT 1 FROM face_boxes WHERE face_boxes.track_id = face_tracks.id)";
            Sql.update(connection, "DELETE FROM face_tracks WHERE episode_id = ? AND source <> ? AND " + noBoxes
                            + " AND NOT EXISTS (SELECT 1 FROM decisions d WHERE d.episode_id = face_tracks.episode_id"
                            + " AND d.target = '" + DecisionLog.TRACK_TARGET_PREFIX + "' || face_tracks.id)",
                    statement -> {
                        statement.setLong(1, episodeId);
                        statement.setString(2, ShotStore.MANUAL);
                    });
            Sql.update(connection, "UPDATE face_tracks SET end_frame = start_frame WHERE episode_id = ? AND source <> ? "
                    + "AND " + noBoxes, statement -> {
                        statement.setLong(1, episodeId);
                        statement.setString(2, ShotStore.MANUAL);
                    });
            return null;
        });
    }

    /** One box by id. */
    public Optional<FaceBox> box(long boxId) {
        return database.read(connection -> Sql.queryOne(connection, "SELECT " + BOX_COLUMNS
                + " FROM face_boxes WHERE id = ?", statement -> statement.setLong(1, boxId), FaceStore::mapBox));
    }

    /** One track by id, empty or not. */
    public Optional<FaceTrack> track(long trackId) {
        return database.read(connection -> Sql.queryOne(connection, "SELECT id, episode_id, shot_id, start_frame, "
                        + "end_frame FROM face_tracks WHERE id = ?", statement -> statement.setLong(1, trackId),
                FaceStore::mapTrack));
    }

    /** The source of a track ({@code auto:<detector>} or {@code manual}), if the track exists. */
    public Optional<String> trackSource(long trackId) {
        return database.read(connection -> Sql.queryOne(connection, "SELECT source FROM face_tracks WHERE id = ?",
                statement -> statement.setLong(1, trackId), row -> row.getString("source")));
    }

    /**
     * The boxes of one track on {@code frames}, by frame; {@code trackIdOrZero} 0 means the episode's boxes that
     * belong to no track.
     */
    public List<FaceBox> trackBoxes(long episodeId, long trackIdOrZero, FrameRange frames) {
        Objects.requireNonNull(frames, "frames");
        return database.read(connection -> Sql.query(connection, "SELECT " + BOX_COLUMNS + " FROM face_boxes WHERE "
                        + "episode_id = ? AND track_id IS ? AND frame >= ? AND frame < ? ORDER BY frame, id",
                statement -> {
                    statement.setLong(1, episodeId);
                    Sql.setIdOrNull(statement, 2, trackIdOrZero);
                    statement.setInt(3, frames.start());
                    statement.setInt(4, frames.end());
                }, FaceStore::mapBox));
    }

    /**
     * Replaces the boxes of one track (0: the episode's boxes on no track) on the frames {@code span} with
     * {@code boxes}, in one transaction, then fits the track's range to the boxes it has left (a zero-length range
     * when none: the row stays, so its id stays reserved for the decision log) and links it to the shot holding
     * its first frame.
     *
     * @param boxes boxes on frames inside {@code span}; their {@code id}, {@code episodeId} and {@code trackId} are
     *     ignored
     */
    public void replaceTrackBoxes(long episodeId, long trackIdOrZero, FrameRange span, List<FaceBox> boxes) {
        Objects.requireNonNull(span, "span");
        List<FaceBox> rows = new ArrayList<>();
        for (FaceBox box : boxes) {
            if (!span.contains(box.frame())) {
                throw new IllegalArgumentException("box on frame " + box.frame() + " is outside " + span);
            }
            rows.add(new FaceBox(0, episodeId, box.frame(), box.box(), box.score(), trackIdOrZero, box.manual()));
        }
        database.write(connection -> {
            Sql.update(connection, "DELETE FROM face_boxes WHERE episode_id = ? AND track_id IS ? AND frame >= ? "
                    + "AND frame < ?", statement -> {
                        statement.setLong(1, episodeId);
                        Sql.setIdOrNull(statement, 2, trackIdOrZero);
                        statement.setInt(3, span.start());
                        statement.setInt(4, span.end());
                    });
            insertBoxes(rows);
            if (trackIdOrZero != 0) {
                fitTrack(connection, trackIdOrZero);
            }
            return null;
        });
    }

    /** Sets a track's range to the frames of its boxes and its shot to the one holding its first frame. */
    private static void fitTrack(Connection connection, long trackId) throws SQLException {
        int[] extent = Sql.queryOne(connection, "SELECT count(*) AS n, min(frame) AS first, max(frame) AS last "
                        + "FROM face_boxes WHERE track_id = ?", statement -> statement.setLong(1, trackId),
                row -> new int[] {row.getInt("n"), row.getInt("first"), row.getInt("last")}).orElseThrow();
        if (extent[0] > 0) {
            Sql.update(connection, "UPDATE face_tracks SET start_frame = ?, end_frame = ? WHERE id = ?", statement -> {
                statement.setInt(1, extent[1]);
                statement.setInt(2, extent[2] + 1);
                statement.setLong(3, trackId);
            });
        } else {
            Sql.update(connection, "UPDATE face_tracks SET end_frame = start_frame WHERE id = ?",
                    statement -> statement.setLong(1, trackId));
        }
        Sql.update(connection, "UPDATE face_tracks SET shot_id = (SELECT s.id FROM shots s WHERE s.episode_id = "
                + "face_tracks.episode_id AND s.start_frame <= face_tracks.start_frame AND face_tracks.start_frame < "
                + "s.end_frame ORDER BY s.start_frame, s.id LIMIT 1) WHERE id = ?", statement -> statement.setLong(1, trackId));
    }

    private static FaceTrack mapTrack(ResultSet row) throws SQLException {
        return new FaceTrack(row.getLong("id"), row.getLong("episode_id"), Sql.idOrZero(row, "shot_id"),
                new FrameRange(row.getInt("start_frame"), row.getInt("end_frame")));
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
