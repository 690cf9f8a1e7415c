package org.anivid.library;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.anivid.core.Series;

/** The series (shows) that episodes belong to; names are unique. */
public final class SeriesStore {
    private final Database database;

    SeriesStore(Database database) {
        this.database = database;
    }

    /** The series called {@code name} (exact match), created if there is none yet. */
    public Series getOrCreate(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a series name cannot be blank");
        }
        return database.write(connection -> {
            Optional<Series> existing = Sql.queryOne(connection, "SELECT id, name FROM series WHERE name = ?",
                    statement -> statement.setString(1, name), SeriesStore::map);
            if (existing.isPresent()) {
                return existing.get();
            }
            long id = Sql.insert(connection, "INSERT INTO series (name) VALUES (?)",
                    statement -> statement.setString(1, name));
            return new Series(id, name);
        });
    }

    /** All series, sorted by name (case-insensitively). */
    public List<Series> list() {
        return database.read(connection -> Sql.query(connection,
                "SELECT id, name FROM series ORDER BY name COLLATE NOCASE, name, id", statement -> { },
                SeriesStore::map));
    }

    public Optional<Series> get(long id) {
        return database.read(connection -> Sql.queryOne(connection, "SELECT id, name FROM series WHERE id = ?",
                statement -> statement.setLong(1, id), SeriesStore::map));
    }

    private static Series map(ResultSet row) throws SQLException {
        return new Series(row.getLong("id"), row.getString("name"));
    }
}
