package org.anivid.metrics;

import java.util.Locale;

/**
 * Which definition of the image-similarity metrics to use. {@link #STANDARD} is the textbook one on 8-bit pictures and
 * the studio's default; {@link #PAPER} reproduces the Python package {@code image-similarity-measures} 0.3.6 (the same
 * numbers as 0.4) that produced the AniVid paper's Table 2, quirks included (DESIGN.md §7), so that our numbers can
 * be set beside the paper's.
 */
public enum MetricMode {
    STANDARD,
    PAPER;

    /** The name used on the command line and in JSON. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code standard} or {@code paper} (any case). */
    public static MetricMode parse(String s) {
        for (MetricMode m : values()) {
            if (m.id().equalsIgnoreCase(s.strip())) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown metric mode '" + s + "' (use standard or paper)");
    }
}
