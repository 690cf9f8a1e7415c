package org.anivid.media;

import java.nio.file.Path;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacpp.Loader;

/**
 * Loads the FFmpeg natives once, keeps FFmpeg's own logging quiet (we report errors ourselves, one line per
 * file), and finds the FFmpeg command-line tools that ship inside the JavaCV jar (used by benchmarks and tests
 * as the reference, so both sides run the very same FFmpeg build).
 */
public final class Natives {
    private static volatile boolean loaded;

    private Natives() {
    }

    public static void load() {
        if (loaded) {
            return;
        }
        synchronized (Natives.class) {
            if (!loaded) {
                org.anivid.core.AppPaths.configureNativeCaches();
                Loader.load(avutil.class);
                avutil.av_log_set_level(avutil.AV_LOG_FATAL);
                loaded = true;
            }
        }
    }

    /** The {@code ffmpeg} executable bundled with JavaCV. */
    public static Path ffmpegExecutable() {
        load();
        return Path.of(Loader.load(org.bytedeco.ffmpeg.ffmpeg.class));
    }

    /** The {@code ffprobe} executable bundled with JavaCV. */
    public static Path ffprobeExecutable() {
        load();
        return Path.of(Loader.load(org.bytedeco.ffmpeg.ffprobe.class));
    }
}
