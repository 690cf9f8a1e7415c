package org.anivid.dataset;

import java.nio.file.Path;
import java.util.List;

/**
 * What an export did.
 *
 * @param out the export folder
 * @param clips clips in the export now ({@code trainClips + testClips})
 * @param written clips encoded by this run (new or changed)
 * @param reused clips kept from the previous export unchanged (hard-linked, never re-encoded)
 * @param removed clips of the previous export that are no longer exported
 * @param frames frames in the export now
 * @param seconds wall-clock time of the export
 * @param warnings clips skipped and why, and other things worth a look; empty when all went to plan
 */
public record ExportResult(Path out, int clips, int trainClips, int testClips, int written, int reused, int removed,
                           long frames, double seconds, List<String> warnings) {
    public ExportResult {
        warnings = List.copyOf(warnings);
    }

    /** Clips handled per second of wall-clock time (reused ones included). */
    public double clipsPerSecond() {
        return seconds > 0 ? clips / seconds : 0;
    }

    /** Clips encoded per second of wall-clock time: the speed of the export's real work. */
    public double writtenPerSecond() {
        return seconds > 0 ? written / seconds : 0;
    }
}
