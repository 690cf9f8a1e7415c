package org.anivid.shots;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Creates detectors by name with options given as text (see each detector's settings for the option names):
 * <ul>
 *   <li>{@code adaptive} (default): {@link AdaptiveDetector}, PySceneDetect's adaptive detector plus the anime
 *       rules (held drawings, flashes, fades to black and white, defined colour, 8-frame minimum shot);
 *       {@code anime=false} gives PySceneDetect's detector alone.</li>
 *   <li>{@code content}: {@link ContentDetector}, PySceneDetect's content detector (threshold 27, 15 frames).</li>
 *   <li>{@code fade}: {@link FadeDetector}, fades to and from black and white only.</li>
 * </ul>
 */
public final class ShotDetectors {
    public static final String DEFAULT = AdaptiveDetector.NAME;
    public static final List<String> NAMES = List.of(AdaptiveDetector.NAME, ContentDetector.NAME, FadeDetector.NAME);

    private ShotDetectors() {
    }

    public static ShotDetector create(String name) {
        return create(name, Map.of());
    }

    /**
     * @param name {@code adaptive}, {@code content} or {@code fade} (null: the default)
     * @param options option name to value, e.g. {@code threshold=2.5}, {@code min-scene-len=10}
     * @throws IllegalArgumentException for an unknown detector, option or value, with a one-line reason
     */
    public static ShotDetector create(String name, Map<String, String> options) {
        String n = name == null ? DEFAULT : name.trim().toLowerCase(Locale.ROOT);
        return switch (n) {
            case AdaptiveDetector.NAME -> new AdaptiveDetector(AdaptiveDetector.Settings.of(options));
            case ContentDetector.NAME -> new ContentDetector(ContentDetector.Settings.of(options));
            case FadeDetector.NAME -> new FadeDetector(FadeDetector.Settings.of(options));
            default -> throw new IllegalArgumentException("unknown shot detector '" + name + "' (known: "
                    + String.join(", ", NAMES) + ")");
        };
    }

    /** Parses {@code key=value} pairs (a bare {@code key} means {@code key=true}). */
    public static Map<String, String> parseOptions(List<String> pairs) {
        java.util.LinkedHashMap<String, String> map = new java.util.LinkedHashMap<>();
        for (String pair : pairs) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            if (key.isBlank()) {
                throw new IllegalArgumentException("detector option without a name: '" + pair + "'");
            }
            map.put(key.trim(), eq < 0 ? "true" : pair.substring(eq + 1).trim());
        }
        return map;
    }
}
