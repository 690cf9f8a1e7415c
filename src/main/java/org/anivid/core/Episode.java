package org.anivid.core;

import java.nio.file.Path;
import java.time.Instant;

/** An imported video file, identified by the hash of its content. */
public record Episode(
        long id,
        long seriesId,
        String title,
        Path path,
        String contentHash,
        VideoInfo info,
        Instant importedAt) {
}
