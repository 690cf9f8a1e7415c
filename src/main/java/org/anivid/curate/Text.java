package org.anivid.curate;

/**
 * Number formatting for the reasons, without {@code String.format}: curation may write thousands of reasons per pass
 * while a threshold slider moves, and {@code String.format} would cost more than the curation arithmetic itself.
 */
final class Text {
    private Text() {
    }

    /** {@code value} with {@code places} decimals (half up), always with a dot: 0.6 → "0.60" for 2 places. */
    static String decimals(double value, int places) {
        if (!Double.isFinite(value)) {
            return String.valueOf(value);
        }
        long scale = places == 1 ? 10 : places == 2 ? 100 : (long) Math.pow(10, places);
        long scaled = Math.round(Math.abs(value) * scale);
        StringBuilder out = new StringBuilder(8);
        if (value < 0 && scaled != 0) {
            out.append('-');
        }
        out.append(scaled / scale);
        if (places > 0) {
            String fraction = Long.toString(scaled % scale);
            out.append('.');
            for (int i = fraction.length(); i < places; i++) {
                out.append('0');
            }
            out.append(fraction);
        }
        return out.toString();
    }

    /** A duration in seconds with one decimal: "2.4 s". */
    static String seconds(double seconds) {
        return decimals(seconds, 1) + " s";
    }

    /** A fraction as a whole percentage: 0.874 → "87%". */
    static String percent(double fraction) {
        return Math.round(fraction * 100) + "%";
    }
}
