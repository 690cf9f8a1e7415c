package org.anivid.shots;

import java.util.Map;
import org.anivid.core.VideoFrame;

/**
 * The part every detector shares: frames go into one {@link FrameAnalyzer} (the per-frame measurements), and the
 * detector's own rule turns the measurements into cuts when asked.
 */
abstract class AnalyzerDetector implements ShotDetector {
    private final String name;
    private final Map<String, Object> parameters;
    final FrameAnalyzer analyzer;

    AnalyzerDetector(String name, FrameAnalyzer analyzer, Map<String, Object> parameters) {
        this.name = name;
        this.analyzer = analyzer;
        this.parameters = parameters;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void accept(VideoFrame frame) {
        analyzer.accept(frame);
    }

    @Override
    public Map<String, Object> parameters() {
        return parameters;
    }

    @Override
    public int framesSeen() {
        return analyzer.count();
    }
}
