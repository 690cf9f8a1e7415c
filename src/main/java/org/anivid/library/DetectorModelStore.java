package org.anivid.library;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.anivid.core.DetectorModel;

/** The face detectors fine-tuned on this library's corrections, and which one its face search uses. */
public final class DetectorModelStore {
    private static final String COLUMNS = "id, file, base_model, compared_with, trained_frames, held_out_frames, held_out_before, "
            + "held_out_after, generated_before, generated_after, state, created_at, decided_at";
    private final Database database;

    DetectorModelStore(Database database) {
        this.database = database;
    }

    /** Records a finished fine-tune awaiting the animator's decision; returns it with its id. */
    public DetectorModel addCandidate(DetectorModel model) {
        Objects.requireNonNull(model.file(), "file");
        long id = database.write(connection -> Sql.insert(connection, "INSERT INTO detector_models (file, base_model, "
                + "compared_with, trained_frames, held_out_frames, held_out_before, held_out_after, generated_before, "
                + "generated_after, state, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'candidate', ?)",
                statement -> {
                    statement.setString(1, model.file());
                    statement.setString(2, model.baseModel());
                    statement.setString(3, model.comparedWith());
                    statement.setInt(4, model.trainedFrames());
                    statement.setInt(5, model.heldOutFrames());
                    setScore(statement, 6, model.heldOutBefore());
                    setScore(statement, 7, model.heldOutAfter());
                    statement.setDouble(8, model.generatedBefore());
                    statement.setDouble(9, model.generatedAfter());
                    statement.setLong(10, Sql.now().toEpochMilli());
                }));
        return get(id).orElseThrow();
    }

    /**
     * Records the animator's decision on a candidate.
     *
     * @throws LibraryException when there is no such model or it was already decided
     */
    public void decide(long id, DetectorModel.State state) {
        if (state == DetectorModel.State.CANDIDATE) {
            throw new IllegalArgumentException("a decision is kept or discarded");
        }
        database.write(connection -> {
            int changed = Sql.update(connection, "UPDATE detector_models SET state = ?, decided_at = ? "
                    + "WHERE id = ? AND state = 'candidate'", statement -> {
                        statement.setString(1, state.name().toLowerCase(Locale.ROOT));
                        statement.setLong(2, Sql.now().toEpochMilli());
                        statement.setLong(3, id);
                    });
            if (changed == 0) {
                throw new LibraryException("no undecided detector model with id " + id);
            }
            return null;
        });
    }

    public Optional<DetectorModel> get(long id) {
        return database.read(connection -> Sql.queryOne(connection, "SELECT " + COLUMNS
                + " FROM detector_models WHERE id = ?", statement -> statement.setLong(1, id),
                DetectorModelStore::map));
    }

    /** The newest kept model: the one the library's face search uses. */
    public Optional<DetectorModel> current() {
        return database.read(connection -> Sql.queryOne(connection, "SELECT " + COLUMNS + " FROM detector_models "
                + "WHERE state = 'kept' ORDER BY decided_at DESC, id DESC LIMIT 1", statement -> { },
                DetectorModelStore::map));
    }

    /** Every model, oldest first. */
    public List<DetectorModel> list() {
        return database.read(connection -> Sql.query(connection, "SELECT " + COLUMNS
                + " FROM detector_models ORDER BY id", statement -> { }, DetectorModelStore::map));
    }

    private static void setScore(java.sql.PreparedStatement statement, int index, double value) throws SQLException {
        if (Double.isNaN(value)) {
            statement.setNull(index, java.sql.Types.REAL);
        } else {
            statement.setDouble(index, value);
        }
    }

    private static double score(ResultSet row, String column) throws SQLException {
        double v = row.getDouble(column);
        return row.wasNull() ? Double.NaN : v;
    }

    private static DetectorModel map(ResultSet row) throws SQLException {
        return new DetectorModel(row.getLong("id"), row.getString("file"), row.getString("base_model"),
                row.getString("compared_with"), row.getInt("trained_frames"), row.getInt("held_out_frames"), score(row, "held_out_before"),
                score(row, "held_out_after"), row.getDouble("generated_before"), row.getDouble("generated_after"),
                DetectorModel.State.valueOf(row.getString("state").toUpperCase(Locale.ROOT)),
                Sql.instantOrNull(row, "created_at"), Sql.instantOrNull(row, "decided_at"));
    }
}
