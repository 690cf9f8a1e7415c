package org.anivid.demo;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.anivid.core.BoundingBox;
import org.anivid.core.FrameRange;

/**
 * Ground truth of the demo episode, exact by construction ({@code truth.json} beside {@code demo.mp4}).
 * The {@link #conventions()} map inside the file states every definition; the most important ones:
 * frames are numbered from 0 in decode order, a cut is the first frame of the new shot (DESIGN.md §3), shots
 * are half-open {@code [start, end)}, boxes are {@code [x1, y1, x2, y2]} in pixels.
 */
@JsonPropertyOrder({"format", "video", "width", "height", "fps", "frame_count", "seed", "conventions",
    "characters", "cuts", "shots", "flashes", "fades", "subtitles", "frames"})
public record DemoTruth(
        String format,
        String video,
        int width,
        int height,
        double fps,
        @JsonProperty("frame_count") int frameCount,
        long seed,
        Map<String, String> conventions,
        List<CharacterTruth> characters,
        List<Integer> cuts,
        List<ShotTruth> shots,
        List<Integer> flashes,
        List<FadeTruth> fades,
        List<SubtitleTruth> subtitles,
        List<FrameTruth> frames) {

    public static final String FORMAT = "anivid-demo-truth/1";

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    @JsonPropertyOrder({"id", "name", "description"})
    public record CharacterTruth(String id, String name, String description) {
    }

    /**
     * A shot {@code [start, end)}. {@code kind}: talking, flash, pan, fade, two-faces, still, subtitle.
     * {@code motion}: anything on screen changes between two frames of the shot. {@code hold}: frames per
     * drawing of the character animation as seen in the picture (2 = on twos; 1 where the camera moves every frame).
     * {@code talking}: some face's mouth moves during the shot; {@code talkingCharacters} says whose.
     */
    @JsonPropertyOrder({"index", "start", "end", "kind", "camera", "motion", "faces", "characters", "talking",
        "talking_characters", "hold", "background", "note"})
    public record ShotTruth(int index, int start, int end, String kind, String camera, boolean motion, int faces,
                            List<String> characters, boolean talking,
                            @JsonProperty("talking_characters") List<String> talkingCharacters,
                            int hold, String background, String note) {
        public FrameRange range() {
            return new FrameRange(start, end);
        }
    }

    /** A fade over frames {@code [start, end)}: type out (to colour), hold (full colour) or in (from colour). */
    @JsonPropertyOrder({"type", "start", "end", "color", "shot"})
    public record FadeTruth(String type, int start, int end, String color, int shot) {
        public FrameRange range() {
            return new FrameRange(start, end);
        }
    }

    /** A subtitle line burnt into frames {@code [start, end)}. */
    @JsonPropertyOrder({"start", "end", "text"})
    public record SubtitleTruth(int start, int end, String text) {
    }

    /**
     * One frame. {@code drawing}: index of the held drawing within the shot (changes every 2nd frame).
     * {@code brightness}: the fade multiplier (1 = normal, 0 = black). {@code white}: flash blend towards white.
     * {@code faces}: only the faces visible enough to annotate ({@code brightness × (1 − white) ≥ 0.5}).
     */
    @JsonPropertyOrder({"frame", "shot", "drawing", "brightness", "white", "subtitle", "faces"})
    public record FrameTruth(int frame, int shot, int drawing, double brightness, double white, boolean subtitle,
                             List<FaceTruth> faces) {
    }

    /** One face box {@code [x1, y1, x2, y2]}; mouth closed/half/open, eyes open/half/closed. */
    @JsonPropertyOrder({"character", "box", "mouth", "eyes", "talking"})
    public record FaceTruth(String character, double[] box, String mouth, String eyes, boolean talking) {
        public BoundingBox boundingBox() {
            return new BoundingBox((float) box[0], (float) box[1], (float) box[2], (float) box[3]);
        }
    }

    /** The definitions written into every truth file. */
    static Map<String, String> standardConventions() {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("frames", "0-based, in decode order; the video has exactly frame_count frames at a constant fps");
        c.put("cuts", "index of the FIRST frame of each new shot (DESIGN.md 3); frame 0 is not a cut");
        c.put("shots", "[start, end) frame ranges covering the video without gaps; kind names the test case");
        c.put("fade_cut", "a fade out to black, a black hold and a fade in: the black frames end the old shot and"
                + " the cut is the first frame of the fade-in, where the new shot's content first shows");
        c.put("flashes", "white impact frames inside a shot; they are not cuts and carry no face boxes");
        c.put("boxes", "[x1, y1, x2, y2] in source pixels, floats: from the forehead hairline (hidden under the"
                + " bangs, not the top of the hair) down to the chin tip, horizontally from ear to ear (cheek"
                + " outline plus ears); i.e. face + fringe, not the whole head of hair");
        c.put("face_visibility", "boxes only on frames where brightness * (1 - white) >= 0.5; fade frames below"
                + " that and flash frames have an empty faces list although a face may faintly show (a detector"
                + " working on equalized grayscale still finds it): score frames with 0 < brightness * (1 - white)"
                + " < 0.5 as don't-care, not as false positives");
        c.put("animation", "characters are animated on twos: drawing k of a shot is shown on frames start+2k and"
                + " start+2k+1; fades and the pan change every frame");
        c.put("talking", "a face talks while its mouth drawing changes (closed/half/open); the per-face flag"
                + " marks those frames, the per-shot flag any talking face in the shot");
        return c;
    }

    public static DemoTruth read(Path file) {
        try {
            return MAPPER.readValue(file.toFile(), DemoTruth.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read demo truth " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The file's text: an object with one line per shot, fade and frame, so that diffs stay readable. Byte-stable:
     * same truth, same bytes, {@code \n} line ends on every platform.
     */
    public String toJson() {
        try {
            Map<String, Object> top = new LinkedHashMap<>();
            top.put("format", format);
            top.put("video", video);
            top.put("width", width);
            top.put("height", height);
            top.put("fps", fps);
            top.put("frame_count", frameCount);
            top.put("seed", seed);
            top.put("conventions", conventions);
            top.put("characters", characters);
            top.put("cuts", cuts);
            top.put("shots", shots);
            top.put("flashes", flashes);
            top.put("fades", fades);
            top.put("subtitles", subtitles);
            top.put("frames", frames);
            StringBuilder out = new StringBuilder("{\n");
            int i = 0;
            for (Map.Entry<String, Object> e : top.entrySet()) {
                out.append("  ").append(MAPPER.writeValueAsString(e.getKey())).append(": ");
                Object value = e.getValue();
                if (value instanceof List<?> list && !list.isEmpty() && !(list.get(0) instanceof Number)) {
                    out.append("[\n");
                    for (int j = 0; j < list.size(); j++) {
                        out.append("    ").append(MAPPER.writeValueAsString(list.get(j)))
                                .append(j + 1 < list.size() ? ",\n" : "\n");
                    }
                    out.append("  ]");
                } else if (value instanceof Map<?, ?> map) {
                    out.append("{\n");
                    int j = 0;
                    for (Map.Entry<?, ?> m : map.entrySet()) {
                        out.append("    ").append(MAPPER.writeValueAsString(m.getKey())).append(": ")
                                .append(MAPPER.writeValueAsString(m.getValue()))
                                .append(++j < map.size() ? ",\n" : "\n");
                    }
                    out.append("  }");
                } else {
                    out.append(MAPPER.writeValueAsString(value));
                }
                out.append(++i < top.size() ? ",\n" : "\n");
            }
            return out.append("}\n").toString();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise demo truth", e);
        }
    }

    public void write(Path file) {
        try {
            Files.writeString(file, toJson(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    // ---- queries for the stages tested on the demo ----

    /** The shot holding a frame. */
    public ShotTruth shotOf(int frame) {
        for (ShotTruth s : shots) {
            if (frame >= s.start() && frame < s.end()) {
                return s;
            }
        }
        throw new IndexOutOfBoundsException("frame " + frame + " of " + frameCount);
    }

    /** Frames that show exactly one annotated face. */
    public List<Integer> oneFaceFrames() {
        List<Integer> result = new ArrayList<>();
        for (FrameTruth f : frames) {
            if (f.faces().size() == 1) {
                result.add(f.frame());
            }
        }
        return result;
    }
}
