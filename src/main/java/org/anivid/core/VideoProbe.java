package org.anivid.core;

import java.nio.file.Path;

/** Port: reads what a video file holds. Implemented by the media layer. */
public interface VideoProbe {
    /** @throws InvalidInputException naming the file when it is missing, empty, truncated or not a video */
    VideoInfo probe(Path file);
}
