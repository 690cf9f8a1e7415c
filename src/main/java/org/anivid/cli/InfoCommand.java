package org.anivid.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.anivid.core.VideoInfo;
import org.anivid.media.FfmpegVideoProbe;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Probe a video: frames, fps, duration, size, codec, rotation, variable frame rate.")
final class InfoCommand implements Callable<Integer> {
    @Parameters(paramLabel = "VIDEO")
    Path video;

    @Option(names = "--json", description = "Print one JSON object on stdout.")
    boolean json;

    @Override
    public Integer call() {
        VideoInfo info = new FfmpegVideoProbe().probe(video);
        Map<String, Object> m = toMap(info);
        if (json) {
            Json.print(System.out, m);
        } else {
            m.forEach((k, v) -> System.out.printf("%-15s %s%n", k, v));
        }
        return 0;
    }

    static Map<String, Object> toMap(VideoInfo info) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("video", info.path().toString());
        m.put("container", info.container());
        m.put("codec", info.codec());
        m.put("width", info.displayWidth());
        m.put("height", info.displayHeight());
        m.put("coded_width", info.width());
        m.put("coded_height", info.height());
        m.put("rotation", info.rotation());
        m.put("fps", info.fps());
        m.put("frames", info.frames());
        m.put("duration", info.durationSeconds());
        m.put("vfr", info.variableFrameRate());
        m.put("has_audio", info.hasAudio());
        m.put("size_bytes", info.sizeBytes());
        return m;
    }
}
