package org.anivid.library;

import java.sql.PreparedStatement;
import java.util.List;
import java.util.Objects;
import org.anivid.core.CurationRun;
import org.anivid.core.FrameRange;

/** The explanation of each episode's last automatic curation: every run of frames, proposed or rejected and why. */
public final class CurationRunStore {
    private final Database database;

    CurationRunStore(Database database) {
        this.database = database;
    }

    /** Replaces the episode's runs in one transaction; {@code rulesJson} records the thresholds used. */
    public void replace(long episodeId, List<CurationRun> runs, String rulesJson) {
        List<CurationRun> rows = List.copyOf(runs);
        String rules = Objects.requireNonNullElse(rulesJson, "{}");
        database.write(connection -> {
            Sql.update(connection, "DELETE FROM curation_runs WHERE episode_id = ?",
                    statement -> statement.setLong(1, episodeId));
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO curation_runs (episode_id, "
                    + "shot_id, track_id, start_frame, end_frame, verdict, reason, detail, rules, created_at) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                long now = Sql.now().toEpochMilli();
                for (CurationRun run : rows) {
                    if (run.episodeId() != episodeId) {
                        throw new IllegalArgumentException("run " + run + " is not of episode " + episodeId);
                    }
                    insert.setLong(1, episodeId);
                    Sql.setIdOrNull(insert, 2, run.shotId());
                    Sql.setIdOrNull(insert, 3, run.trackId());
                    insert.setInt(4, run.range().start());
                    insert.setInt(5, run.range().end());
                    insert.setString(6, run.proposed() ? "proposed" : "rejected");
                    insert.setString(7, run.reason());
                    insert.setString(8, Objects.requireNonNullElse(run.detail(), ""));
                    insert.setString(9, rules);
                    insert.setLong(10, now);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            return null;
        });
    }

    /** The thresholds of the episode's last curation (as {@link #replace} recorded them), if it was curated. */
    public java.util.Optional<String> rulesJson(long episodeId) {
        return database.read(connection -> Sql.queryOne(connection,
                "SELECT rules FROM curation_runs WHERE episode_id = ? ORDER BY id DESC LIMIT 1",
                statement -> statement.setLong(1, episodeId), row -> row.getString("rules")));
    }

    /** The episode's runs in frame order. */
    public List<CurationRun> list(long episodeId) {
        return database.read(connection -> Sql.query(connection, "SELECT id, episode_id, shot_id, track_id, "
                        + "start_frame, end_frame, verdict, reason, detail FROM curation_runs WHERE episode_id = ? "
                        + "ORDER BY start_frame, id",
                statement -> statement.setLong(1, episodeId),
                row -> new CurationRun(row.getLong("id"), row.getLong("episode_id"), Sql.idOrZero(row, "shot_id"),
                        Sql.idOrZero(row, "track_id"), new FrameRange(row.getInt("start_frame"), row.getInt("end_frame")),
                        "proposed".equals(row.getString("verdict")), row.getString("reason"), row.getString("detail"))));
    }
}
