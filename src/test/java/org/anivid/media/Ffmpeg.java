package org.anivid.media;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the FFmpeg command-line tools bundled with JavaCV, for reference answers in tests. */
public final class Ffmpeg {
    private Ffmpeg() {
    }

    public static String ffprobe(String... args) throws IOException, InterruptedException {
        return run(Natives.ffprobeExecutable(), args);
    }

    public static String ffmpeg(String... args) throws IOException, InterruptedException {
        return run(Natives.ffmpegExecutable(), args);
    }

    public static String run(Path exe, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(exe.toString());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("LD_LIBRARY_PATH", exe.getParent().toString());
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(300, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(exe.getFileName() + " " + String.join(" ", args) + " failed:\n"
                    + new String(out, StandardCharsets.UTF_8));
        }
        return new String(out, StandardCharsets.UTF_8);
    }
}
