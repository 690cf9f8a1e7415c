package org.anivid.library;

import java.nio.file.Path;
import org.anivid.core.Episode;
import org.anivid.core.VideoInfo;

/** Small fixtures shared by the library tests. */
final class TestData {
    private TestData() {
    }

    static VideoInfo videoInfo(Path path) {
        return new VideoInfo(path, "mp4", "h264", 1920, 1080, 0, 23.976, 34_000, 1418.08, false, true, 350_000_000L);
    }

    /** An episode of series "Test series" with the given content hash. */
    static Episode episode(Library library, String contentHash) {
        long seriesId = library.series().getOrCreate("Test series").id();
        Path path = Path.of("/videos/" + contentHash + ".mp4");
        return library.episodes().insert(seriesId, "Episode " + contentHash, path, contentHash, videoInfo(path));
    }

    static long count(Library library, String table) {
        return library.read(connection -> {
            try (var statement = connection.createStatement();
                 var rows = statement.executeQuery("SELECT count(*) FROM " + table)) {
                rows.next();
                return rows.getLong(1);
            }
        });
    }
}
