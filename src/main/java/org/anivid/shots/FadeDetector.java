package org.anivid.shots;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fades to and from black and white, on the mean intensity of each frame (the mean of all R, G, B samples, as
 * PySceneDetect's {@code ThresholdDetector}). A frame is <i>black</i> when its mean is below {@code threshold}
 * (default 12) and <i>white</i> when it is above {@code 255 − threshold}; a run of such frames is a blank run.
 *
 * <p><b>Where the cut goes</b> ({@code placement}):
 * <ul>
 *   <li>{@code content} (default, AniVid's convention, DESIGN.md §3 and the demo's {@code fade_cut}): the fade-out
 *       and the blank frames end the old shot; the cut is the <b>first frame of the fade-in</b>, where the new shot's
 *       content first shows — found by walking back from the first non-blank frame after the run while each frame
 *       is brighter (for white: darker) than the one before it by more than {@value FrameAnalyzer#FADE_STEP} of
 *       intensity. A hard cut out of black is the first non-blank frame. A blank run that starts the video (a fade
 *       in from black at the start) or ends it (a final fade-out) makes no cut: there is no shot on its other side.
 *       A run that is part of a flash ({@link Flashes}) makes no cut, and neither does a fade that comes back to the
 *       same picture (the thumbnails before the fade-out and after the fade-in, the fade undone, differ by less than
 *       {@code min-content-val}; a dip to black inside one shot). While the fade-in is less than a third of the way
 *       back, that comparison waits and the cut is not reported yet (also at the very end of a video). Option
 *       {@code return-check=false} turns the check off.</li>
 *   <li>{@code midpoint}: PySceneDetect's {@code ThresholdDetector}:
 *       {@code (f_out + f_in + bias·(f_in − f_out)) / 2} where {@code f_out} is the first blank frame and
 *       {@code f_in} the first frame above the threshold, including a
 *       run that starts the video, no flash or return checks; with {@code method=floor} (black only) and
 *       {@code min-scene-len=15} it reproduces PySceneDetect's results.</li>
 * </ul>
 * Cuts closer than {@code min-scene-len} frames to the previous one (or to frame 0) are dropped.
 */
public final class FadeDetector extends AnalyzerDetector {
    public static final String NAME = "fade";

    /** Settings; {@link #DEFAULTS} are the documented defaults. */
    public record Settings(double threshold, String method, String placement, double bias, int minSceneLen,
                           boolean flashCheck, boolean returnCheck, double minContentVal, int flashMax) {
        public static final Settings DEFAULTS = new Settings(12, "both", "content", 0, 15, true, true, 15, 3);

        public Settings {
            Options.require(threshold > 0 && threshold < 128, "fade threshold must be in (0, 128): " + threshold);
            Options.require(bias >= -1 && bias <= 1, "fade bias must be in [-1, 1]: " + bias);
            Options.require(minSceneLen >= 0, "min-scene-len must be >= 0: " + minSceneLen);
        }

        boolean black() {
            return !method.equals("ceiling");
        }

        boolean white() {
            return !method.equals("floor");
        }

        static Settings of(Map<String, String> options) {
            Options o = new Options(NAME, options);
            Settings d = DEFAULTS;
            Settings s = new Settings(o.number("threshold", d.threshold),
                    o.choice("method", d.method, "floor", "ceiling", "both"),
                    o.choice("placement", d.placement, "content", "midpoint"),
                    o.number("bias", d.bias), o.integer("min-scene-len", d.minSceneLen),
                    o.flag("flash-check", d.flashCheck), o.flag("return-check", d.returnCheck),
                    o.number("min-content-val", d.minContentVal), o.integer("flash-max", d.flashMax));
            o.rejectUnknown();
            return s;
        }

        Map<String, Object> asMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("threshold", threshold);
            m.put("method", method);
            m.put("placement", placement);
            if (placement.equals("midpoint")) {
                m.put("bias", bias);
            } else {
                m.put("flash-check", flashCheck);
                m.put("return-check", returnCheck);
                m.put("min-content-val", minContentVal);
            }
            m.put("min-scene-len", minSceneLen);
            return m;
        }
    }

    private final Settings settings;

    public FadeDetector(Settings settings) {
        super(NAME, new FrameAnalyzer(settings.minContentVal(), settings.flashMax(), settings.threshold()),
                settings.asMap());
        this.settings = settings;
    }

    @Override
    public List<Integer> cuts() {
        return toFrames(analyzer.series());
    }

    @Override
    public ShotResult finish() {
        FrameAnalyzer.Series s = analyzer.series();
        return new ShotResult(NAME, toFrames(s), s.meanCopy(), settings.asMap());
    }

    private List<Integer> toFrames(FrameAnalyzer.Series s) {
        boolean[] covered = settings.flashCheck() && settings.placement().equals("content")
                ? Flashes.covered(s, settings.minContentVal(), AdaptiveDetector.Settings.DEFAULTS.threshold(),
                        settings.flashMax())
                : new boolean[s.size()];
        return toFrames(s, MinLength.keepFirst(cuts(s, settings, covered), List.of(), settings.minSceneLen()));
    }

    static List<Integer> toFrames(FrameAnalyzer.Series s, List<Integer> positions) {
        List<Integer> frames = new ArrayList<>(positions.size());
        for (int p : positions) {
            frames.add(s.index()[p]);
        }
        return frames;
    }

    /** The fade cuts (stream positions, increasing), before the minimum-length rule. */
    static List<Integer> cuts(FrameAnalyzer.Series s, Settings cfg, boolean[] covered) {
        List<Integer> cuts = new ArrayList<>();
        if (cfg.black()) {
            for (int[] run : s.blackRuns()) {
                int cut = place(s, cfg, covered, run[0], run[1], false);
                if (cut > 0 && cut < s.size()) {
                    cuts.add(cut);
                }
            }
        }
        if (cfg.white()) {
            for (int[] run : s.whiteRuns()) {
                int cut = place(s, cfg, covered, run[0], run[1], true);
                if (cut > 0 && cut < s.size()) {
                    cuts.add(cut);
                }
            }
        }
        cuts.sort(null);
        return cuts;
    }

    /** The cut for blank run {@code [a, b]}, or -1 for none. */
    private static int place(FrameAnalyzer.Series s, Settings cfg, boolean[] covered, int a, int b, boolean white) {
        int n = s.size();
        if (b == n - 1) {
            return -1;
        }
        int fadeIn = b + 1;
        if (cfg.placement().equals("midpoint")) {
            return (int) Math.floor((fadeIn + a + (int) (cfg.bias() * (fadeIn - a))) / 2.0);
        }
        if (a == 0 || covered[a]) {
            return -1;
        }
        if (cfg.returnCheck() && s.fadeReturn(a) < cfg.minContentVal()) {
            return -1;
        }
        double[] mean = s.mean();
        int cut = fadeIn;
        while (cut - 1 > a && level(mean[cut - 1], white) > level(mean[cut - 2], white) + FrameAnalyzer.FADE_STEP) {
            cut--;
        }
        return cut;
    }

    /** Distance from the blank colour. */
    private static double level(double mean, boolean white) {
        return white ? 255 - mean : mean;
    }
}
