package org.anivid.library;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.anivid.core.Episode;
import org.anivid.core.VideoInfo;

/**
 * Imported episodes, identified by the hash of their content: one file imported twice (even under another
 * name) is one episode. Deleting an episode deletes its shots, faces and clips; the decision log keeps its
 * entries.
 */
public final class EpisodeStore {
    private static final String COLUMNS = "id, series_id, title, path, content_hash, container, codec, width, "
            + "height, rotation, fps, frame_count, duration_s, vfr, has_audio, size_bytes, imported_at";

    private final Database database;

    EpisodeStore(Database database) {
        this.database = database;
    }

    public Optional<Episode> findByHash(String contentHash) {
        Objects.requireNonNull(contentHash, "contentHash");
        return database.read(connection -> findByHash(connection, contentHash));
    }

    /**
     * Adds an episode. {@code info.path()} is ignored in favour of {@code path} (stored absolute).
     *
     * @throws LibraryException when an episode with this content hash already exists (check with
     *     {@link #findByHash} first, or use {@link #insertIfAbsent})
     */
    public Episode insert(long seriesId, String title, Path path, String contentHash, VideoInfo info) {
        EpisodeRow row = new EpisodeRow(seriesId, title, path, contentHash, info);
        return database.write(connection -> {
            Optional<Episode> existing = findByHash(connection, contentHash);
            if (existing.isPresent()) {
                throw new LibraryException("an episode with content hash " + contentHash
                        + " is already in the library (id " + existing.get().id() + ", " + existing.get().path() + ")");
            }
            return row.insert(connection);
        });
    }

    /** Adds an episode unless one with the same content hash exists, in which case that one is returned. */
    public Episode insertIfAbsent(long seriesId, String title, Path path, String contentHash, VideoInfo info) {
        EpisodeRow row = new EpisodeRow(seriesId, title, path, contentHash, info);
        return database.write(connection -> {
            Optional<Episode> existing = findByHash(connection, contentHash);
            return existing.isPresent() ? existing.get() : row.insert(connection);
        });
    }

    /** All episodes, grouped by series, then by title. */
    public List<Episode> list() {
        return database.read(connection -> Sql.query(connection,
                "SELECT " + COLUMNS + " FROM episodes ORDER BY series_id, title COLLATE NOCASE, id",
                statement -> { }, EpisodeStore::map));
    }

    /** The episodes of one series, by title. */
    public List<Episode> listBySeries(long seriesId) {
        return database.read(connection -> Sql.query(connection,
                "SELECT " + COLUMNS + " FROM episodes WHERE series_id = ? ORDER BY title COLLATE NOCASE, id",
                statement -> statement.setLong(1, seriesId), EpisodeStore::map));
    }

    public Optional<Episode> get(long id) {
        return database.read(connection -> Sql.queryOne(connection,
                "SELECT " + COLUMNS + " FROM episodes WHERE id = ?",
                statement -> statement.setLong(1, id), EpisodeStore::map));
    }

    /** Points an episode at its file's new place (the caller checked it is the same content); returns the episode. */
    public Episode updatePath(long id, java.nio.file.Path path) {
        return database.write(connection -> {
            int changed = Sql.update(connection, "UPDATE episodes SET path = ? WHERE id = ?", statement -> {
                statement.setString(1, path.toAbsolutePath().normalize().toString());
                statement.setLong(2, id);
            });
            if (changed == 0) {
                throw new LibraryException("no episode with id " + id);
            }
            return Sql.queryOne(connection, "SELECT " + COLUMNS + " FROM episodes WHERE id = ?",
                    statement -> statement.setLong(1, id), EpisodeStore::map).orElseThrow();
        });
    }

    /** Deletes the episode with its shots, face tracks and boxes, and clips. No-op for an unknown id. */
    public void delete(long id) {
        database.write(connection -> Sql.update(connection, "DELETE FROM episodes WHERE id = ?",
                statement -> statement.setLong(1, id)));
    }

    private static Optional<Episode> findByHash(Connection connection, String contentHash) throws SQLException {
        return Sql.queryOne(connection, "SELECT " + COLUMNS + " FROM episodes WHERE content_hash = ?",
                statement -> statement.setString(1, contentHash), EpisodeStore::map);
    }

    private static Episode map(ResultSet row) throws SQLException {
        Path path = Path.of(row.getString("path"));
        VideoInfo info = new VideoInfo(path, row.getString("container"), row.getString("codec"),
                row.getInt("width"), row.getInt("height"), row.getInt("rotation"), row.getDouble("fps"),
                row.getInt("frame_count"), row.getDouble("duration_s"), Sql.flag(row, "vfr"),
                Sql.flag(row, "has_audio"), row.getLong("size_bytes"));
        return new Episode(row.getLong("id"), row.getLong("series_id"), row.getString("title"), path,
                row.getString("content_hash"), info, Instant.ofEpochMilli(row.getLong("imported_at")));
    }

    /** The validated values of a new episode row. */
    private record EpisodeRow(long seriesId, String title, Path path, String contentHash, VideoInfo info) {
        EpisodeRow {
            Objects.requireNonNull(title, "title");
            Objects.requireNonNull(contentHash, "contentHash");
            Objects.requireNonNull(info, "info");
            path = Objects.requireNonNull(path, "path").toAbsolutePath().normalize();
            if (contentHash.isBlank()) {
                throw new IllegalArgumentException("content hash cannot be blank");
            }
        }

        Episode insert(Connection connection) throws SQLException {
            Instant importedAt = Sql.now();
            long id = Sql.insert(connection, "INSERT INTO episodes (series_id, title, path, content_hash, "
                    + "container, codec, width, height, rotation, fps, frame_count, duration_s, vfr, has_audio, "
                    + "size_bytes, imported_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", statement -> {
                        statement.setLong(1, seriesId);
                        statement.setString(2, title);
                        statement.setString(3, path.toString());
                        statement.setString(4, contentHash);
                        statement.setString(5, info.container());
                        statement.setString(6, info.codec());
                        statement.setInt(7, info.width());
                        statement.setInt(8, info.height());
                        statement.setInt(9, info.rotation());
                        statement.setDouble(10, info.fps());
                        statement.setInt(11, info.frames());
                        statement.setDouble(12, info.durationSeconds());
                        statement.setInt(13, info.variableFrameRate() ? 1 : 0);
                        statement.setInt(14, info.hasAudio() ? 1 : 0);
                        statement.setLong(15, info.sizeBytes());
                        statement.setLong(16, importedAt.toEpochMilli());
                    });
            VideoInfo stored = new VideoInfo(path, info.container(), info.codec(), info.width(), info.height(),
                    info.rotation(), info.fps(), info.frames(), info.durationSeconds(), info.variableFrameRate(),
                    info.hasAudio(), info.sizeBytes());
            return new Episode(id, seriesId, title, path, contentHash, stored, importedAt);
        }
    }
}
