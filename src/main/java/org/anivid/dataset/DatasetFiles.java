package org.anivid.dataset;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.anivid.core.VideoInfo;

/** The text files beside the clips: {@code metadata.jsonl} and {@code clips.csv}. Pure. */
final class DatasetFiles {
    static final String METADATA = "metadata.jsonl";
    static final String CSV = "clips.csv";
    static final List<String> CSV_COLUMNS = List.of("name", "split", "path", "series", "episode", "clip_id",
            "status", "manual", "frame_start", "frame_end", "frames", "start_seconds", "end_seconds", "fps",
            "face_source", "crop_side", "source_path", "source_sha256");

    /** Keeps insertion order: each line reads in the order the fields are documented. */
    private static final ObjectMapper LINE = JsonMapper.builder().build();

    private DatasetFiles() {
    }

    /** Fails early, before any encoding, when the caller's settings cannot be written as JSON. */
    static void checkSettings(ExportOptions options) {
        try {
            LINE.writeValueAsString(options.settings());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("export settings cannot be written as JSON: "
                    + e.getOriginalMessage(), e);
        }
    }

    /** One JSON object per clip and line, in clip-name order. */
    static String metadataJsonl(List<ExportedClip> clips, ExportOptions options) {
        StringBuilder out = new StringBuilder();
        for (ExportedClip clip : clips) {
            try {
                out.append(LINE.writeValueAsString(metadata(clip, options))).append('\n');
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("settings cannot be written as JSON: " + e.getOriginalMessage(), e);
            }
        }
        return out.toString();
    }

    /**
     * The metadata of one clip. Frame ranges are half-open {@code [frame_start, frame_end)} in decode order;
     * times are presentation times in seconds from the source's first frame ({@code end_seconds} is where the
     * frame after the clip starts); {@code crop_boxes} are {@code [x1, y1, x2, y2]} per frame in source pixels
     * before resizing, and may reach past the picture (padded black).
     */
    static Map<String, Object> metadata(ExportedClip exported, ExportOptions options) {
        ClipPlan plan = exported.plan();
        VideoInfo info = plan.episode().info();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", plan.name());
        m.put("split", plan.split().folder());
        m.put("path", plan.relativePath());
        m.put("format", options.format().name().toLowerCase(Locale.ROOT));
        m.put("size", options.size());
        m.put("series", plan.seriesName());
        m.put("episode", plan.episode().title());
        m.put("episode_id", plan.episode().id());
        m.put("clip_id", plan.clip().id());
        m.put("shot_id", plan.clip().shotId());
        m.put("track_id", plan.clip().trackId());
        m.put("source_path", plan.episode().path().toString());
        m.put("source_sha256", plan.episode().contentHash());
        m.put("source_width", info.displayWidth());
        m.put("source_height", info.displayHeight());
        m.put("frame_start", plan.clip().range().start());
        m.put("frame_end", plan.clip().range().end());
        m.put("frames", exported.frames());
        m.put("start_seconds", round(exported.startSeconds(), 6));
        m.put("end_seconds", round(exported.endSeconds(), 6));
        m.put("fps", round(exported.fps(), 6));
        m.put("status", plan.clip().status().dbName());
        m.put("reason", plan.clip().reason());
        m.put("manual", plan.manualClip());
        m.put("face_source", plan.faceSource());
        m.put("face_frames", plan.faces().framesWithBox());
        m.put("interpolated_frames", exported.frames() - plan.faces().framesWithBox());
        m.put("manual_boxes", plan.faces().manualBoxes());
        m.put("margin", options.margin());
        m.put("size_quantile", CropTrack.SIZE_QUANTILE);
        m.put("smoothing_sigma_frames", round(CropTrack.sigmaFrames(info.fps()), 3));
        m.put("crop_side", round(plan.windows().get(0).side(), 2));
        List<double[]> boxes = new ArrayList<>(plan.windows().size());
        for (CropTrack.Window w : plan.windows()) {
            boxes.add(new double[] {round(w.x1(), 2), round(w.y1(), 2), round(w.x2(), 2), round(w.y2(), 2)});
        }
        m.put("crop_boxes", boxes);
        m.put("encoding", ClipEncoding.of(options.format(), options.size()).describe());
        m.put("fingerprint", plan.fingerprint());
        m.put("settings", options.settings());
        return m;
    }

    /** One row per clip with the main scalar fields, RFC 4180 quoting. */
    static String clipsCsv(List<ExportedClip> clips) {
        StringBuilder out = new StringBuilder(String.join(",", CSV_COLUMNS)).append("\r\n");
        for (ExportedClip clip : clips) {
            ClipPlan plan = clip.plan();
            List<Object> row = List.of(plan.name(), plan.split().folder(), plan.relativePath(), plan.seriesName(),
                    plan.episode().title(), plan.clip().id(), plan.clip().status().dbName(), plan.manualClip(),
                    plan.clip().range().start(), plan.clip().range().end(), clip.frames(),
                    round(clip.startSeconds(), 6), round(clip.endSeconds(), 6), round(clip.fps(), 6),
                    plan.faceSource(), round(plan.windows().get(0).side(), 2), plan.episode().path().toString(),
                    plan.episode().contentHash());
            List<String> cells = new ArrayList<>(row.size());
            for (Object cell : row) {
                cells.add(csvCell(String.valueOf(cell)));
            }
            out.append(String.join(",", cells)).append("\r\n");
        }
        return out.toString();
    }

    static String csvCell(String text) {
        boolean quote = text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r");
        return quote ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }

    static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }
}
