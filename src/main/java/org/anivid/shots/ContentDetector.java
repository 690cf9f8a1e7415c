package org.anivid.shots;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * PySceneDetect's {@code ContentDetector}: a frame is a cut when its {@code content_val} (mean absolute HSV difference
 * to the previous frame, hue/saturation/value weighted 1/1/1) is at least {@code threshold} (27), with
 * PySceneDetect's {@code FlashFilter} in merge mode enforcing {@code min-scene-len} (15 frames): cuts closer than that
 * are merged into one. No anime rules; the reference the adaptive detector is measured against.
 */
public final class ContentDetector extends AnalyzerDetector {
    public static final String NAME = "content";

    /** Settings; {@link #DEFAULTS} are PySceneDetect's. */
    public record Settings(double threshold, int minSceneLen) {
        public static final Settings DEFAULTS = new Settings(27, 15);

        public Settings {
            Options.require(threshold > 0, "content threshold must be > 0: " + threshold);
            Options.require(minSceneLen >= 0, "min-scene-len must be >= 0: " + minSceneLen);
        }

        static Settings of(Map<String, String> options) {
            Options o = new Options(NAME, options);
            Settings s = new Settings(o.number("threshold", DEFAULTS.threshold),
                    o.integer("min-scene-len", DEFAULTS.minSceneLen));
            o.rejectUnknown();
            return s;
        }

        Map<String, Object> asMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("threshold", threshold);
            m.put("min-scene-len", minSceneLen);
            return m;
        }
    }

    private final Settings settings;

    public ContentDetector(Settings settings) {
        super(NAME, new FrameAnalyzer(Double.POSITIVE_INFINITY, 0, 12), settings.asMap());
        this.settings = settings;
    }

    @Override
    public ShotResult finish() {
        FrameAnalyzer.Series s = analyzer.series();
        double[] content = s.contentCopy();
        return new ShotResult(NAME, FadeDetector.toFrames(s, cuts(content, settings)), content, settings.asMap());
    }

    static List<Integer> cuts(double[] content, Settings cfg) {
        Flashes.MergeFilter filter = new Flashes.MergeFilter(cfg.minSceneLen());
        List<Integer> cuts = new ArrayList<>();
        for (int i = 0; i < content.length; i++) {
            int cut = filter.filter(i, content[i] >= cfg.threshold());
            if (cut > 0) {
                cuts.add(cut);
            }
        }
        return cuts;
    }
}
