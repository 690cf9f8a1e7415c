package org.anivid.dataset;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.Map;
import org.anivid.library.Library;

/**
 * Two facts the stores do not expose yet but the metadata must record: whether a person made a clip
 * ({@code clips.manual}) and which detector made a face track ({@code face_tracks.source}). Read-only queries
 * on the library's read connection; they belong in {@code ClipStore} and {@code FaceStore} and should move there.
 */
final class ClipFacts {
    private ClipFacts() {
    }

    /** Clip id → made by a person. */
    static Map<Long, Boolean> manualClips(Library library) {
        return library.read(connection -> {
            Map<Long, Boolean> manual = new HashMap<>();
            try (PreparedStatement statement = connection.prepareStatement("SELECT id, manual FROM clips");
                 ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    manual.put(rows.getLong(1), rows.getInt(2) != 0);
                }
            }
            return manual;
        });
    }

    /** Track id → source ({@code auto:<detector>} or {@code manual}) for one episode. */
    static Map<Long, String> trackSources(Library library, long episodeId) {
        return library.read(connection -> {
            Map<Long, String> sources = new HashMap<>();
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT id, source FROM face_tracks WHERE episode_id = ?")) {
                statement.setLong(1, episodeId);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        sources.put(rows.getLong(1), rows.getString(2));
                    }
                }
            }
            return sources;
        });
    }
}
