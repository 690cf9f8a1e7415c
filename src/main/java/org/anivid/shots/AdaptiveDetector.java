package org.anivid.shots;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default detector: PySceneDetect's {@code AdaptiveDetector} with rules for anime.
 *
 * <p><b>The PySceneDetect core</b> (option {@code anime=false} gives exactly this): each frame's score is
 * {@code content_val}, the mean absolute difference of hue, saturation and value to the previous frame averaged over
 * the three (weights 1, 1, 1). A frame is a cut when its score is at least {@code threshold} (3.0) times the mean
 * score of the {@code window} (2) frames on each side — 255 when that mean is zero — and at least
 * {@code min-content-val} (15), and {@code min-scene-len} frames (15) have passed since the last cut.
 *
 * <p><b>Anime rules</b> (default, {@code anime=true}):
 * <ol>
 *   <li><b>Held drawings.</b> Anime holds each drawing for 2–3 frames (longer for still shots), so most frame
 *       differences are zero and every new drawing is a lone jump: PySceneDetect's ±2-frame window would see zeros
 *       around it and call it a cut. The window therefore skips held frames — frames without a visible change: a
 *       defined-colour score (rule 4) below {@code held-max} (3.0), or fewer than {@code held-area} (1 %) of the
 *       pixels changing value by 24 levels or more (compression noise and film grain stay under both) — and takes
 *       the {@code window} nearest <i>changing</i> frames on each side within {@code reach} (12) frames. A side
 *       that stood still for the whole reach counts its missing frames as zero, as PySceneDetect counts held
 *       frames, so a still shot stays a still; a side whose scan meets a cut or the end of the video first (another
 *       shot, or nothing) leaves them out. Flash frames are not motion either. Cuts are decided in rounds, each
 *       round's cuts ending the scans of the next, so two cuts a few held frames apart do not hide each other.</li>
 *   <li><b>Flashes and impact frames</b> ({@link Flashes}): a 1–{@code flash-max} (3) frame spike after which the
 *       picture comes back is not a cut.</li>
 *   <li><b>Fades</b> ({@link FadeDetector}, {@code placement=content}): fades to and from black and white are found
 *       on the mean intensity ({@code fade-threshold} 12) and cut at the first frame of the fade-in. Blank (black or
 *       white) frames never start a shot themselves. {@code fades=false} turns this off.</li>
 *   <li><b>Defined colour.</b> The hue of a grey or dark pixel and the saturation of a dark one are compression
 *       noise; a dark frame whose chroma flickers can pass {@code min-content-val} with hardly any visible change.
 *       A cut must also pass {@code min-content-val} on the score that counts hue only where saturation and value
 *       are both ≥ 32 (as an angle) and saturation only where value is ≥ 32.</li>
 *   <li><b>Localized changes.</b> A cut replaces the picture; a speech bubble, a subtitle, an emote popping up
 *       or a hand entering changes a part of it. A cut must change at least {@code min-changed-area} (a third) of
 *       the picture: the cells of an 8×8 grid whose mean {@code content_val} reaches {@code min-content-val}.</li>
 *   <li><b>Shorter minimum shot.</b> Anime cuts to reaction shots of a third of a second; {@code min-scene-len}
 *       is 8 frames (PySceneDetect: 15), measured from the previous cut (or frame 0), first come first kept. Fade
 *       cuts win over nearby content cuts.</li>
 * </ol>
 * A character changing pose on threes (with a subtitle appearing, as in the One Piece clip at frames 112–115) is a
 * jump among other drawing changes: rule 1 keeps its ratio near 2. Pans and zooms change every frame, so the
 * adaptive ratio stays near 1.
 */
public final class AdaptiveDetector extends AnalyzerDetector {
    public static final String NAME = "adaptive";
    private static final Logger LOG = LoggerFactory.getLogger(AdaptiveDetector.class);

    /** Settings; {@link #DEFAULTS} are the documented (anime) defaults, {@link #PYSCENEDETECT} the reference. */
    public record Settings(boolean anime, double threshold, double minContentVal, int window, int minSceneLen,
                           double heldMax, double heldArea, int reach, int flashMax, boolean definedCheck,
                           double minChangedArea, boolean fades, double fadeThreshold) {
        public static final Settings DEFAULTS =
                new Settings(true, 3.0, 15, 2, 8, 3.0, 0.01, 12, 3, true, 1 / 3.0, true, 12);
        public static final Settings PYSCENEDETECT =
                new Settings(false, 3.0, 15, 2, 15, 0, 0, 2, 0, false, 0, false, 12);

        public Settings {
            Options.require(threshold > 0, "adaptive threshold must be > 0: " + threshold);
            Options.require(window >= 1, "window must be at least 1: " + window);
            Options.require(minSceneLen >= 0, "min-scene-len must be >= 0: " + minSceneLen);
            Options.require(reach >= window, "reach must be at least the window: " + reach);
            Options.require(flashMax >= 0 && flashMax <= 12, "flash-max must be in [0, 12]: " + flashMax);
            Options.require(minChangedArea >= 0 && minChangedArea <= 1,
                    "min-changed-area must be in [0, 1]: " + minChangedArea);
        }

        static Settings of(Map<String, String> options) {
            Options o = new Options(NAME, options);
            boolean anime = o.flag("anime", true);
            Settings d = anime ? DEFAULTS : PYSCENEDETECT;
            Settings s = new Settings(anime, o.number("threshold", d.threshold),
                    o.number("min-content-val", d.minContentVal), o.integer("window", d.window),
                    o.integer("min-scene-len", d.minSceneLen), o.number("held-max", d.heldMax),
                    o.number("held-area", d.heldArea),
                    o.integer("reach", Math.max(d.reach, o.integer("window", d.window))),
                    o.integer("flash-max", d.flashMax), o.flag("defined-check", d.definedCheck),
                    o.number("min-changed-area", d.minChangedArea), o.flag("fades", d.fades),
                    o.number("fade-threshold", d.fadeThreshold));
            o.rejectUnknown();
            if (!anime && (s.heldMax > 0 || s.heldArea > 0 || s.flashMax > 0 || s.definedCheck
                    || s.minChangedArea > 0 || s.fades || s.reach != s.window)) {
                throw new IllegalArgumentException("adaptive: anime=false is PySceneDetect's detector; the anime"
                        + " options (held-max, held-area, reach, flash-max, defined-check, min-changed-area, fades)"
                        + " need anime=true");
            }
            return s;
        }

        Map<String, Object> asMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("anime", anime);
            m.put("threshold", threshold);
            m.put("min-content-val", minContentVal);
            m.put("window", window);
            m.put("min-scene-len", minSceneLen);
            if (anime) {
                m.put("held-max", heldMax);
                m.put("held-area", heldArea);
                m.put("reach", reach);
                m.put("flash-max", flashMax);
                m.put("defined-check", definedCheck);
                m.put("min-changed-area", round(minChangedArea));
                m.put("fades", fades);
                m.put("fade-threshold", fadeThreshold);
            }
            return m;
        }
    }

    private final Settings settings;

    public AdaptiveDetector(Settings settings) {
        super(NAME, new FrameAnalyzer(settings.minContentVal(), settings.flashMax(), settings.fadeThreshold()),
                settings.asMap());
        this.settings = settings;
    }

    @Override
    public List<Integer> cuts() {
        FrameAnalyzer.Series s = analyzer.series();
        List<Integer> positions = settings.anime() ? anime(s, settings) : pySceneDetect(s.contentCopy(), settings);
        return FadeDetector.toFrames(s, positions);
    }

    @Override
    public ShotResult finish() {
        FrameAnalyzer.Series s = analyzer.series();
        double[] content = s.contentCopy();
        List<Integer> cuts = settings.anime() ? anime(s, settings) : pySceneDetect(content, settings);
        return new ShotResult(NAME, FadeDetector.toFrames(s, cuts), content, settings.asMap());
    }

    /** PySceneDetect's AdaptiveDetector over a score series (stream positions). */
    static List<Integer> pySceneDetect(double[] content, Settings cfg) {
        int w = cfg.window();
        List<Integer> cuts = new ArrayList<>();
        int lastCut = 0;
        for (int t = w; t + w < content.length; t++) { // content is trimmed to the frames seen
            double sum = 0;
            for (int j = t - w; j <= t + w; j++) {
                if (j != t) {
                    sum += content[j];
                }
            }
            double ratio = ratio(content[t], sum / (2.0 * w), cfg.minContentVal());
            boolean thresholdMet = ratio >= cfg.threshold() && content[t] >= cfg.minContentVal();
            // PySceneDetect measures the minimum length from the last cut to the newest frame, t + w.
            boolean minLengthMet = t + w - lastCut >= cfg.minSceneLen();
            if (thresholdMet && minLengthMet) {
                cuts.add(t);
                lastCut = t;
            }
        }
        return cuts;
    }

    private static double ratio(double score, double average, double minContentVal) {
        if (Math.abs(average) < 1e-5) {
            return score >= minContentVal ? 255.0 : 0.0;
        }
        return Math.min(score / average, 255.0);
    }

    /**
     * The anime rules over the series (stream positions). Works from the series' jump list (the candidates) and
     * blank runs, so that asking for the cuts again while frames keep coming costs little.
     */
    static List<Integer> anime(FrameAnalyzer.Series s, Settings cfg) {
        int n = s.size();
        double[] content = s.content();
        double[] defined = s.defined();
        double[] changed = s.changed();
        double[] visible = s.visible();
        double[] mean = s.mean();
        boolean[] covered = cfg.flashMax() > 0
                ? Flashes.covered(s, cfg.minContentVal(), cfg.threshold(), cfg.flashMax())
                : new boolean[n];
        List<Integer> candidates = new ArrayList<>();
        for (int t = 0; t < s.jumpCount(); t++) {
            int i = s.jumps()[t];
            boolean blank = cfg.fades() && (mean[i] < cfg.fadeThreshold() || mean[i] > 255 - cfg.fadeThreshold());
            if (content[i] >= cfg.minContentVal() && !covered[i] && !blank
                    && (!cfg.definedCheck() || defined[i] >= cfg.minContentVal())
                    && changed[i] >= cfg.minChangedArea()) {
                candidates.add(i);
            }
        }
        Window window = new Window(s, cfg, covered, new boolean[n]);
        List<Integer> round = new ArrayList<>();
        do {
            round.clear();
            for (int c : candidates) {
                if (!window.accepted[c]
                        && ratio(content[c], window.motionLevel(c), cfg.minContentVal()) >= cfg.threshold()) {
                    round.add(c);
                }
            }
            for (int c : round) {
                window.accepted[c] = true;
            }
        } while (!round.isEmpty());
        List<Integer> adaptive = new ArrayList<>();
        for (int c : candidates) {
            if (window.accepted[c]) {
                adaptive.add(c);
            }
        }
        if (LOG.isDebugEnabled()) {
            for (int t = 0; t < s.jumpCount(); t++) {
                int c = s.jumps()[t];
                LOG.debug("frame {}: content {} defined {} changed {} mean {} ratio {} flash {} candidate {} cut {}",
                        s.index()[c], round(content[c]), round(defined[c]), round(changed[c]), round(mean[c]),
                        round(ratio(content[c], window.motionLevel(c), cfg.minContentVal())), covered[c],
                        candidates.contains(c), window.accepted[c]);
            }
        }
        List<Integer> fades = List.of();
        if (cfg.fades()) {
            FadeDetector.Settings fade = new FadeDetector.Settings(cfg.fadeThreshold(), "both", "content", 0,
                    cfg.minSceneLen(), cfg.flashMax() > 0, true, cfg.minContentVal(), cfg.flashMax());
            fades = FadeDetector.cuts(s, fade, covered);
        }
        return MinLength.keepFirst(fades, adaptive, cfg.minSceneLen());
    }

    /**
     * The motion level around a frame: on each side, the scores of up to {@code window} moving frames within
     * {@code reach}, the scan stopping at an accepted cut or the end of the video (another shot, or nothing).
     * Where a side's scan covered the whole reach without finding enough moving frames, the picture really stood
     * still there and the missing frames count as zero (as PySceneDetect counts held frames); where the scan was cut
     * short, the missing frames are left out. Zero when there is nothing to compare with.
     */
    private static final class Window {
        private final FrameAnalyzer.Series s;
        private final Settings cfg;
        private final boolean[] covered;
        final boolean[] accepted;

        Window(FrameAnalyzer.Series s, Settings cfg, boolean[] covered, boolean[] accepted) {
            this.s = s;
            this.cfg = cfg;
            this.covered = covered;
            this.accepted = accepted;
        }

        /**
         * A frame with a new drawing or a camera move: not held (held = only noise: a small defined-colour score,
         * hue and saturation swings of grey and dark pixels left out, or hardly any pixel visibly changed, film
         * grain staying under the step) and not part of a flash.
         */
        boolean moving(int j) {
            return s.defined()[j] >= cfg.heldMax() && s.visible()[j] >= cfg.heldArea() && !covered[j];
        }

        double motionLevel(int c) {
            double[] sumAndSlots = new double[2];
            side(c, -1, sumAndSlots);
            side(c, +1, sumAndSlots);
            return sumAndSlots[1] == 0 ? 0 : sumAndSlots[0] / sumAndSlots[1];
        }

        private void side(int c, int step, double[] sumAndSlots) {
            int found = 0;
            int scanned = 0;
            boolean cutShort = false;
            for (int j = c + step; found < cfg.window(); j += step) {
                if (scanned == cfg.reach()) {
                    break;
                }
                if (j < 1 || j >= s.size() || accepted[j]) {
                    cutShort = true;
                    break;
                }
                scanned++;
                if (moving(j)) {
                    sumAndSlots[0] += s.content()[j];
                    found++;
                }
            }
            sumAndSlots[1] += cutShort ? found : cfg.window();
        }
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
