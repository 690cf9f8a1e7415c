package org.anivid.dataset;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.anivid.core.RgbImage;
import org.anivid.jobs.JobProgress;

/**
 * The dataset card ({@code README.md}) and the contact sheet picture it shows. Pure: the same export gives the
 * same bytes (no dates inside; the files' own times say when).
 */
final class DatasetCard {
    static final String FILE_NAME = "README.md";
    static final String CONTACT_SHEET = "contact_sheet.png";
    /** Clips shown on the contact sheet at most. */
    static final int SHEET_CLIPS = 48;
    static final int SHEET_COLUMNS = 8;
    static final int SHEET_GAP = 2;

    private DatasetCard() {
    }

    /** Up to {@link #SHEET_CLIPS} clips spread evenly over the (name-sorted) list. */
    static List<ExportedClip> sheetClips(List<ExportedClip> clips) {
        if (clips.size() <= SHEET_CLIPS) {
            return clips;
        }
        List<ExportedClip> chosen = new ArrayList<>(SHEET_CLIPS);
        for (int i = 0; i < SHEET_CLIPS; i++) {
            chosen.add(clips.get((int) ((long) i * clips.size() / SHEET_CLIPS)));
        }
        return chosen;
    }

    /** Thumbnails in a grid, {@link #SHEET_COLUMNS} wide, on dark grey. */
    static RgbImage contactSheet(List<RgbImage> thumbnails, int thumbSize) {
        int columns = Math.min(SHEET_COLUMNS, Math.max(1, thumbnails.size()));
        int rows = Math.max(1, (thumbnails.size() + columns - 1) / columns);
        int width = columns * thumbSize + (columns + 1) * SHEET_GAP;
        int height = rows * thumbSize + (rows + 1) * SHEET_GAP;
        byte[] pixels = new byte[width * height * 3];
        java.util.Arrays.fill(pixels, (byte) 40);
        for (int i = 0; i < thumbnails.size(); i++) {
            RgbImage t = thumbnails.get(i);
            int x0 = SHEET_GAP + (i % columns) * (thumbSize + SHEET_GAP);
            int y0 = SHEET_GAP + (i / columns) * (thumbSize + SHEET_GAP);
            for (int y = 0; y < Math.min(thumbSize, t.height()); y++) {
                System.arraycopy(t.pixels(), y * t.width() * 3, pixels, ((y0 + y) * width + x0) * 3,
                        Math.min(thumbSize, t.width()) * 3);
            }
        }
        return new RgbImage(width, height, pixels);
    }

    static String render(List<ExportedClip> clips, List<ExportedClip> onSheet, ExportOptions options,
                         List<String> warnings) {
        StringBuilder md = new StringBuilder();
        md.append("# AniVid dataset\n\n");
        md.append("Clips of one talking anime face each, exported by AniVid Studio in the layout the First Order "
                + "Motion Model (FOMM) trains on. `metadata.jsonl` and `clips.csv` describe every clip; "
                + "`export.json` is the export's manifest (do not edit it: the next export to this folder uses it "
                + "to write only what changed).\n\n");

        md.append("## Contents\n\n");
        md.append("| split | clips | frames | duration |\n|---|---:|---:|---:|\n");
        for (Split split : Split.values()) {
            List<ExportedClip> side = clips.stream().filter(c -> c.plan().split() == split).toList();
            md.append(row(split.folder(), side));
        }
        md.append(row("**total**", clips)).append('\n');

        md.append("| series | episodes | train clips | test clips | frames | duration |\n"
                + "|---|---:|---:|---:|---:|---:|\n");
        Map<String, List<ExportedClip>> bySeries = new TreeMap<>();
        clips.forEach(c -> bySeries.computeIfAbsent(c.plan().seriesName(), k -> new ArrayList<>()).add(c));
        bySeries.forEach((series, list) -> md.append("| ").append(escape(series)).append(" | ")
                .append(list.stream().map(c -> c.plan().episode().id()).distinct().count()).append(" | ")
                .append(list.stream().filter(c -> c.plan().split() == Split.TRAIN).count()).append(" | ")
                .append(list.stream().filter(c -> c.plan().split() == Split.TEST).count()).append(" | ")
                .append(list.stream().mapToLong(ExportedClip::frames).sum()).append(" | ")
                .append(duration(list)).append(" |\n"));
        md.append('\n');

        String unit = options.format() == ExportFormat.MP4 ? "`<name>.mp4`" : "a folder `<name>/` of `00000.png`, …";
        md.append("## Layout\n\n");
        md.append("- `train/`, `test/`: one ").append(unit).append(" per clip, ").append(options.size()).append('×')
                .append(options.size()).append(" pixels. Names are `<series>-<episode>#<clip id>`: with "
                        + "`id_sampling: True` FOMM groups clips by the part before `#`, i.e. by episode.\n");
        md.append("- `metadata.jsonl`: one JSON object per clip (source file and its SHA-256, frame range "
                + "`[frame_start, frame_end)`, times in seconds from presentation timestamps, fps, per-frame crop "
                + "boxes `[x1, y1, x2, y2]` in source pixels, face source, status, settings).\n");
        md.append("- `clips.csv`: the main fields, one row per clip.\n");
        md.append("- `contact_sheet.png`: the middle frame of up to ").append(SHEET_CLIPS).append(" clips.\n\n");
        md.append("For FOMM, set `dataset_params.root_dir` to this folder and `frame_shape` to `[")
                .append(options.size()).append(", ").append(options.size()).append(", 3]`.\n\n");

        md.append("## How the clips were made\n\n");
        md.append("- **Clips**: ").append(options.onlyAccepted() ? "accepted clips only"
                : "accepted and proposed clips").append(" (rejected ones never).\n");
        md.append(String.format(Locale.ROOT, "- **Crops**: square, centred on the face track. The side is %.2f × "
                        + "the %d%% quantile of the face side over the clip, constant per clip (no zoom jitter); the "
                        + "centre is smoothed over time by a Gaussian-weighted local linear fit (σ = %.2f s, "
                        + "zero-phase, exact on straight-line motion); frames without a box are interpolated. "
                        + "Where a crop reaches past the picture it is padded black, never shifted or squashed. "
                        + "Resampled with an anti-aliased bilinear filter.\n", options.margin(),
                Math.round(CropTrack.SIZE_QUANTILE * 100), CropTrack.DEFAULT_SMOOTHING_SECONDS));
        md.append(String.format(Locale.ROOT, "- **Split**: by %s, never by clip. A group goes to `test/` when "
                        + "SHA-256(seed, group) as a fraction is below %s (seed %d): deterministic, and stable "
                        + "when episodes are added.\n", options.splitBy().name().toLowerCase(Locale.ROOT),
                format(options.testFraction()), options.seed()));
        md.append("- **Encoding**: `").append(ClipEncoding.of(options.format(), options.size()).describe())
                .append("`").append(options.format() == ExportFormat.MP4
                        ? " (H.264 near-lossless in luma; 4:2:0 chroma, so saturated colour edges are softened)."
                        : " (lossless).").append("\n\n");

        md.append("## Settings\n\n```json\n").append(settingsJson(options)).append("\n```\n\n");
        if (!warnings.isEmpty()) {
            md.append("## Warnings\n\n");
            warnings.forEach(w -> md.append("- ").append(escape(w)).append('\n'));
            md.append('\n');
        }
        md.append("## Contact sheet\n\n");
        if (onSheet.isEmpty()) {
            md.append("No clips exported.\n");
        } else {
            md.append("![contact sheet](").append(CONTACT_SHEET).append(")\n\n");
            md.append("Middle frames of ").append(onSheet.size()).append(" of ").append(clips.size())
                    .append(" clips, left to right and top to bottom:\n\n");
            for (int i = 0; i < onSheet.size(); i++) {
                md.append(i + 1).append(". `").append(onSheet.get(i).plan().name()).append("` (")
                        .append(onSheet.get(i).plan().split().folder()).append(")\n");
            }
        }
        return md.toString();
    }

    /** Every option that shaped the export, plus the caller's settings, as sorted JSON. */
    static Map<String, Object> optionsMap(ExportOptions options) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("size", options.size());
        m.put("format", options.format().name().toLowerCase(Locale.ROOT));
        m.put("encoding", ClipEncoding.of(options.format(), options.size()).describe());
        m.put("split_by", options.splitBy().name().toLowerCase(Locale.ROOT));
        m.put("test_fraction", options.testFraction());
        m.put("seed", options.seed());
        m.put("margin", options.margin());
        m.put("size_quantile", CropTrack.SIZE_QUANTILE);
        m.put("smoothing_seconds", CropTrack.DEFAULT_SMOOTHING_SECONDS);
        m.put("padding", "black");
        m.put("only_accepted", options.onlyAccepted());
        m.put("settings", options.settings());
        return m;
    }

    private static String settingsJson(ExportOptions options) {
        try {
            return ExportManifest.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(optionsMap(options));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("settings cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static String row(String label, List<ExportedClip> clips) {
        return "| " + label + " | " + clips.size() + " | " + clips.stream().mapToLong(ExportedClip::frames).sum()
                + " | " + duration(clips) + " |\n";
    }

    private static String duration(List<ExportedClip> clips) {
        double seconds = clips.stream().mapToDouble(ExportedClip::durationSeconds).sum();
        return String.format(Locale.ROOT, "%.1f s (%s)", seconds, JobProgress.formatDuration(Math.round(seconds)));
    }

    private static String format(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }

    private static String escape(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
