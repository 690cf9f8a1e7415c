package org.anivid.shots;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Detector options given by name as text ({@code --option threshold=2.5} on a command line). Names are
 * case-insensitive and {@code _} equals {@code -}. Unknown names and unreadable values are errors that name the
 * option, so a typo never silently runs the defaults.
 */
final class Options {
    private final String detector;
    private final Map<String, String> values = new HashMap<>();
    private final Set<String> used = new TreeSet<>();

    Options(String detector, Map<String, String> options) {
        this.detector = detector;
        if (options != null) {
            options.forEach((k, v) -> values.put(normalise(k), v == null ? "" : v.trim()));
        }
    }

    static String normalise(String key) {
        return key.trim().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    double number(String key, double fallback) {
        used.add(key);
        String v = values.get(key);
        if (v == null) {
            return fallback;
        }
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(detector + " option " + key + " wants a number, got '" + v + "'");
        }
    }

    int integer(String key, int fallback) {
        double d = number(key, fallback);
        if (d != Math.rint(d)) {
            throw new IllegalArgumentException(detector + " option " + key + " wants a whole number, got " + d);
        }
        return (int) d;
    }

    boolean flag(String key, boolean fallback) {
        used.add(key);
        String v = values.get(key);
        if (v == null) {
            return fallback;
        }
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "", "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw new IllegalArgumentException(detector + " option " + key + " wants true or false, got '"
                    + v + "'");
        };
    }

    String choice(String key, String fallback, String... allowed) {
        used.add(key);
        String v = values.get(key);
        if (v == null) {
            return fallback;
        }
        String lower = v.toLowerCase(Locale.ROOT);
        for (String a : allowed) {
            if (a.equals(lower)) {
                return a;
            }
        }
        throw new IllegalArgumentException(detector + " option " + key + " wants one of " + String.join("|", allowed)
                + ", got '" + v + "'");
    }

    /** Throws when an option was given that the detector does not know. */
    void rejectUnknown() {
        for (String key : values.keySet()) {
            if (!used.contains(key)) {
                throw new IllegalArgumentException("unknown " + detector + " option '" + key + "' (known: "
                        + String.join(", ", used) + ")");
            }
        }
    }

    static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
