package org.anivid.dataset;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * File names of exported clips: {@code <series>-<episode>#<clip>}. FOMM's {@code id_sampling} groups clips by
 * the part before {@code #}, so that part names the episode and the clip part is the library's clip id (zero
 * padded): stable while the clip exists, even when its range is edited, and unique. Series and episode are
 * reduced to {@code [A-Za-z0-9._-]} (accents dropped, anything else becomes {@code _}), so no {@code #} or path
 * separator can appear inside them. Two episodes whose names would still coincide (also when only the case
 * differs, for case-insensitive file systems) both get the first 8 hex digits of their content hash appended.
 * Pure.
 */
public final class ClipNames {
    /** Longest series or episode part, so that names stay well under file-system limits. */
    public static final int MAX_PART_LENGTH = 60;

    private ClipNames() {
    }

    /** What names an episode. */
    public record EpisodeLabel(long episodeId, String series, String title, String contentHash) {
    }

    /** A name part in {@code [A-Za-z0-9._-]}, never empty, never starting with a dot or dash. */
    public static String sanitize(String text) {
        String plain = Normalizer.normalize(text == null ? "" : text, Normalizer.Form.NFKD).replaceAll("\\p{M}+", "");
        String safe = plain.replaceAll("[^A-Za-z0-9._-]+", "_").replaceAll("_{2,}", "_");
        safe = safe.replaceAll("^[._-]+", "").replaceAll("[_]+$", "");
        if (safe.length() > MAX_PART_LENGTH) {
            safe = safe.substring(0, MAX_PART_LENGTH);
        }
        return safe.isEmpty() ? "untitled" : safe;
    }

    /** The {@code <series>-<episode>} part of each episode's clip names, unique across the given episodes. */
    public static Map<Long, String> episodePrefixes(List<EpisodeLabel> episodes) {
        Map<Long, String> prefixes = new LinkedHashMap<>();
        Map<String, List<EpisodeLabel>> byKey = new LinkedHashMap<>();
        for (EpisodeLabel e : episodes) {
            String prefix = sanitize(e.series()) + "-" + sanitize(e.title());
            byKey.computeIfAbsent(prefix.toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(e);
            prefixes.put(e.episodeId(), prefix);
        }
        for (List<EpisodeLabel> same : byKey.values()) {
            if (same.size() > 1) {
                for (EpisodeLabel e : same) {
                    String hash = sanitize(e.contentHash());
                    prefixes.put(e.episodeId(), prefixes.get(e.episodeId()) + "_"
                            + hash.substring(0, Math.min(8, hash.length())));
                }
            }
        }
        // A suffixed name could in theory meet another episode's own name: the episode id settles that.
        Map<String, Long> seen = new HashMap<>();
        for (Map.Entry<Long, String> e : prefixes.entrySet()) {
            String key = e.getValue().toLowerCase(Locale.ROOT);
            if (seen.putIfAbsent(key, e.getKey()) != null) {
                e.setValue(e.getValue() + "_e" + e.getKey());
                seen.put(e.getValue().toLowerCase(Locale.ROOT), e.getKey());
            }
        }
        return prefixes;
    }

    /** {@code <prefix>#<clip id, 6 digits>}. */
    public static String clipName(String episodePrefix, long clipId) {
        return episodePrefix + "#" + String.format(Locale.ROOT, "%06d", clipId);
    }

    /** The part FOMM groups by: everything before the {@code #}. */
    public static String groupOf(String clipName) {
        int hash = clipName.indexOf('#');
        return hash < 0 ? clipName : clipName.substring(0, hash);
    }
}
