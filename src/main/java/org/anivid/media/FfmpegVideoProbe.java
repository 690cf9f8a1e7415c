package org.anivid.media;

import java.nio.file.Path;
import org.anivid.core.VideoInfo;
import org.anivid.core.VideoProbe;

/** Probes a file by opening it as a {@link FrameSource}: a file that probes is a file whose first frame decodes. */
public final class FfmpegVideoProbe implements VideoProbe {
    @Override
    public VideoInfo probe(Path file) {
        try (FrameSource source = FrameSource.open(file, FrameSize.fitWidth(64))) {
            return source.info();
        }
    }
}
