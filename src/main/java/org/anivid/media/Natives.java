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

    /**
     * Loads FFmpeg's libraries (unpacking them into the native cache on first use). The work runs on a thread of
     * its own that nothing interrupts: an interrupt during unpacking (a job being cancelled, a queue shutting
     * down) would otherwise fail JavaCPP's file lock and leave the classes unusable for the rest of the process.
     */
    public static void load() {
        if (loaded) {
            return;
        }
        synchronized (Natives.class) {
            if (loaded) {
                return;
            }
            org.anivid.core.AppPaths.configureNativeCaches();
            loadQuietly(() -> {
                Loader.load(avutil.class);
                Loader.load(org.bytedeco.ffmpeg.global.swscale.class);
                Loader.load(org.bytedeco.ffmpeg.global.avcodec.class);
                Loader.load(org.bytedeco.ffmpeg.global.avformat.class);
                avutil.av_log_set_level(avutil.AV_LOG_FATAL);
            });
            loaded = true;
        }
    }

    private static volatile boolean openCvLoaded;

    /** Loads OpenCV's libraries the same protected way (for the motion scorer and the cascade detector). */
    public static void loadOpenCv() {
        if (openCvLoaded) {
            return;
        }
        synchronized (Natives.class) {
            if (!openCvLoaded) {
                load();
                loadQuietly(() -> {
                    Loader.load(org.bytedeco.opencv.global.opencv_core.class);
                    Loader.load(org.bytedeco.opencv.global.opencv_imgproc.class);
                    Loader.load(org.bytedeco.opencv.global.opencv_video.class);
                    Loader.load(org.bytedeco.opencv.global.opencv_objdetect.class);
                    Loader.load(org.bytedeco.opencv.global.opencv_imgcodecs.class);
                });
                openCvLoaded = true;
            }
        }
    }

    /** Runs native loading on a thread that nothing interrupts, waiting for it uninterruptibly. */
    private static void loadQuietly(Runnable work) {
        Throwable[] failure = new Throwable[1];
        Thread loader = new Thread(() -> {
            try {
                work.run();
            } catch (Throwable t) {
                failure[0] = t;
            }
        }, "anivid-native-loader");
        loader.start();
        boolean interrupted = false;
        while (loader.isAlive()) {
            try {
                loader.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (failure[0] != null) {
            throw new IllegalStateException("cannot load native libraries: " + failure[0], failure[0]);
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
