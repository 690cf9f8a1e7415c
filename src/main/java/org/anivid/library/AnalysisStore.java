package org.anivid.library;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.anivid.core.ShotMotion;

/**
 * Results of the analysis passes of each episode: per-frame score series (what the timeline draws) and the
 * motion statistics of each shot. Series are stored whole, as float32 blobs, and replaced whole.
 */
public final class AnalysisStore {
    /** Per-frame shot-boundary score of the shot detector. */
    public static final String SHOT_SCORES = "shot_score";
    /** Per-frame motion score (DVR-Scan scale). */
    public static final String MOTION_SCORES = "motion_score";
    /** Per-frame mark of the one-face rule: the code of the faces package's FrameFlag (0 none, 1 one, 2 several, 3 low). */
    public static final String FACE_FLAGS = "face_flags";
    /** Per-frame best face score (0 where no face was found). */
    public static final String FACE_SCORES = "face_score";

    /** A stored series with where it came from. */
    public record Series(long episodeId, String kind, String source, String parameters, float[] values) {
    }

    private final Database database;

    AnalysisStore(Database database) {
        this.database = database;
    }

    public void saveSeries(long episodeId, String kind, String source, String parametersJson, float[] values) {
        ByteBuffer blob = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        blob.asFloatBuffer().put(values);
        byte[] bytes = blob.array();
        database.write(connection -> Sql.update(connection,
                "INSERT OR REPLACE INTO frame_series (episode_id, kind, source, parameters, frames, data, created_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?)",
                statement -> {
                    statement.setLong(1, episodeId);
                    statement.setString(2, kind);
                    statement.setString(3, source);
                    statement.setString(4, parametersJson == null ? "{}" : parametersJson);
                    statement.setInt(5, values.length);
                    statement.setBytes(6, bytes);
                    statement.setLong(7, System.currentTimeMillis());
                }));
    }

    public Optional<Series> series(long episodeId, String kind) {
        return database.read(connection -> Sql.queryOne(connection,
                "SELECT source, parameters, data FROM frame_series WHERE episode_id = ? AND kind = ?",
                statement -> {
                    statement.setLong(1, episodeId);
                    statement.setString(2, kind);
                },
                row -> {
                    ByteBuffer blob = ByteBuffer.wrap(row.getBytes("data")).order(ByteOrder.LITTLE_ENDIAN);
                    float[] values = new float[blob.remaining() / 4];
                    blob.asFloatBuffer().get(values);
                    return new Series(episodeId, kind, row.getString("source"), row.getString("parameters"), values);
                }));
    }

    /** Sets the motion statistics of shots (replacing earlier ones). */
    public void saveShotMotion(List<ShotMotion> motions) {
        database.write(connection -> {
            try (var insert = connection.prepareStatement("INSERT OR REPLACE INTO shot_motion"
                    + " (shot_id, mean_score, max_score, fraction_above, threshold) VALUES (?, ?, ?, ?, ?)")) {
                for (ShotMotion m : motions) {
                    insert.setLong(1, m.shotId());
                    insert.setDouble(2, m.mean());
                    insert.setDouble(3, m.max());
                    insert.setDouble(4, m.fractionAbove());
                    insert.setDouble(5, m.threshold());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            return null;
        });
    }

    /** Motion statistics of the shots of an episode, by shot id, in frame order. */
    public Map<Long, ShotMotion> shotMotion(long episodeId) {
        List<ShotMotion> rows = database.read(connection -> Sql.query(connection,
                "SELECT m.shot_id, m.mean_score, m.max_score, m.fraction_above, m.threshold FROM shot_motion m"
                        + " JOIN shots s ON s.id = m.shot_id WHERE s.episode_id = ? ORDER BY s.start_frame",
                statement -> statement.setLong(1, episodeId),
                row -> new ShotMotion(row.getLong(1), row.getDouble(2), row.getDouble(3), row.getDouble(4),
                        row.getDouble(5))));
        Map<Long, ShotMotion> byShot = new LinkedHashMap<>();
        rows.forEach(m -> byShot.put(m.shotId(), m));
        return byShot;
    }
}
