package org.anivid.ui;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every keyboard shortcut of the studio in one place: the help sheet lists them, tooltips quote them, and the key
 * handler's tests check they do what the sheet says.
 */
final class Shortcuts {
    /** One shortcut: the keys as the user types them, and what they do. */
    record Entry(String id, String keys, String action) {
    }

    private static final Map<String, List<Entry>> SECTIONS = new LinkedHashMap<>();

    static {
        section("Playback",
                new Entry("play", "Space", "Play / pause"),
                new Entry("step", "→ / ←", "Next / previous frame"),
                new Entry("second", "Shift+→ / Shift+←", "One second forward / back"),
                new Entry("ends", "Home / End", "First / last frame"));
        section("Navigate",
                new Entry("cut", "↓ / ↑", "Next / previous cut"),
                new Entry("proposal", "N / Shift+N", "Next / previous clip waiting for a decision"),
                new Entry("problem", "P / Shift+P", "Next / previous problem frame (no face, several faces, low confidence)"),
                new Entry("zoom", "+ / − / 0", "Zoom the timeline in / out / whole episode"));
        section("Correct",
                new Entry("accept", "A", "Accept the clip at the playhead (in the review queue: the selected clip)"),
                new Entry("reject", "R", "Reject the clip at the playhead (in the review queue: the selected clip)"),
                new Entry("addCut", "C", "Cut here: the playhead frame starts a new shot (split the shot)"),
                new Entry("merge", "Shift+C", "Merge this shot with the previous one (remove its cut)"),
                new Entry("usable", "U", "Mark the shot not usable / usable again"),
                new Entry("deleteBox", "Delete", "Delete the selected face box"),
                new Entry("deselect", "Esc", "Clear the box selection (the next box drawn starts a new track)"),
                new Entry("undo", "Ctrl+Z", "Undo (also after a restart: the decision log keeps it)"),
                new Entry("redo", "Ctrl+Shift+Z / Ctrl+Y", "Redo"));
        section("Mouse",
                new Entry("drawBox", "Drag on the picture", "Draw a face box (a keyframe of the selected track)"),
                new Entry("moveBox", "Drag a box / its corner", "Move / resize the box; neighbouring frames follow"),
                new Entry("dragCut", "Drag a cut on the shots lane", "Move the cut"),
                new Entry("dragClip", "Drag a clip's edge", "Move its in or out point"),
                new Entry("timelineZoom", "Ctrl+wheel on the timeline", "Zoom at the pointer; wheel scrolls"));
        section("Animate tab",
                new Entry("recapture", "X", "Re-capture the neutral driving pose (while the Animate panel has focus)"));
        section("Jobs",
                new Entry("import", "Ctrl+O", "Import episodes"),
                new Entry("detect", "Ctrl+D", "Detect shots & motion"),
                new Entry("faces", "Ctrl+F", "Find faces"),
                new Entry("curate", "Ctrl+R", "Curate the selected episodes (shots, faces, motion, proposals)"),
                new Entry("theme", "Ctrl+Shift+T", "Toggle light/dark theme"),
                new Entry("help", "F1", "This sheet"));
    }

    private Shortcuts() {
    }

    private static void section(String name, Entry... entries) {
        SECTIONS.put(name, List.of(entries));
    }

    static Map<String, List<Entry>> sections() {
        return SECTIONS;
    }

    static Entry get(String id) {
        for (List<Entry> entries : SECTIONS.values()) {
            for (Entry e : entries) {
                if (e.id().equals(id)) {
                    return e;
                }
            }
        }
        throw new IllegalArgumentException("no shortcut " + id);
    }

    /** "Accept the clip … (A)": a tooltip that teaches the key. */
    static String tip(String id) {
        Entry e = get(id);
        return e.action() + " (" + e.keys() + ")";
    }

    /** The whole sheet as text, one shortcut per line under its section. */
    static String sheet() {
        StringBuilder text = new StringBuilder();
        SECTIONS.forEach((name, entries) -> {
            if (!text.isEmpty()) {
                text.append('\n');
            }
            text.append(name).append('\n');
            for (Entry e : entries) {
                text.append("  ").append(e.keys()).append('\t').append(e.action()).append('\n');
            }
        });
        return text.toString();
    }
}
