package org.anivid.app;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.anivid.core.BoundingBox;
import org.anivid.core.Clip;
import org.anivid.core.ClipStatus;
import org.anivid.core.Decision;
import org.anivid.core.Episode;
import org.anivid.core.FaceBox;
import org.anivid.core.FaceTrack;
import org.anivid.core.FrameRange;
import org.anivid.core.InvalidInputException;
import org.anivid.core.Shot;
import org.anivid.library.ClipStore;
import org.anivid.library.DecisionLog;
import org.anivid.library.Library;
import org.anivid.library.ShotStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every manual correction an animator makes on the timeline — cuts, shots, face boxes, clips — with undo and redo.
 *
 * <p><b>One transaction each.</b> A correction changes the library and appends its entry to the decision log in one
 * write unit: a rejected or failed edit leaves both untouched. Nonsensical edits (a cut at frame 0 or on an existing
 * cut, a box without area, a clip outside the episode, an unknown id…) throw {@link InvalidInputException} with a
 * one-line reason before anything is written.
 *
 * <p><b>Snapshots.</b> Each entry stores JSON {@code before}/{@code after} snapshots of exactly the rows it changed,
 * by range: the shots on a span of frames, the boxes of one track on a span of frames, or one clip row. Restoring a
 * snapshot replaces what is on that range now (row ids may change; the frames are what count).
 *
 * <p><b>Undo and redo live in the log</b>, so they survive a restart: the stacks are rebuilt from the episode's
 * entries every time (edits push on the undo stack and clear the redo stack; an {@code undo} entry, whose
 * {@code revertsId} names the entry it reverts, moves it to the redo stack; a {@code redo} entry, reverting that
 * {@code undo}, moves it back). Undo restores the reverted entry's {@code before}, redo the undo's {@code before};
 * each logs what it found as its own {@code before}, so undo followed by redo is an exact round trip even when a
 * detector re-ran in between.
 *
 * <p><b>Detector re-runs in between.</b> A shot snapshot is put back by span: shots reaching over the span's edges
 * are trimmed to what lies outside it, so undo after a shot-detector re-run still leaves the episode tiled (the
 * restored automatic shots are the old detector's and the next re-run replaces them again). Box snapshots are put
 * back on their track, whose row a face re-run never deletes while the log names it. A clip that re-curation
 * deleted meanwhile is inserted again.
 */
public final class Corrections {
    /** Kind of the entry that reverts an edit or a redo. */
    public static final String UNDO = "undo";
    /** Kind of the entry that reverts an undo. */
    public static final String REDO = "redo";
    public static final String ADD_CUT = "cut.add";
    public static final String MOVE_CUT = "cut.move";
    public static final String DELETE_CUT = "cut.delete";
    public static final String SPLIT_SHOT = "shot.split";
    public static final String MERGE_SHOTS = "shot.merge";
    public static final String SHOT_USABLE = "shot.usable";
    public static final String DRAW_BOX = "box.draw";
    public static final String MOVE_BOX = "box.move";
    public static final String DELETE_BOX = "box.delete";
    public static final String CLIP_STATUS = "clip.status";
    public static final String CLIP_RANGE = "clip.range";
    /** The kinds of the edits this class makes (other entries of an episode's log are not undone here). */
    public static final Set<String> EDIT_KINDS = Set.of(ADD_CUT, MOVE_CUT, DELETE_CUT, SPLIT_SHOT, MERGE_SHOTS,
            SHOT_USABLE, DRAW_BOX, MOVE_BOX, DELETE_BOX, CLIP_STATUS, CLIP_RANGE);
    /** The score of a box a person placed: a person is sure of the face, so it counts under any confidence. */
    public static final float MANUAL_SCORE = 1.0f;

    private static final Logger log = LoggerFactory.getLogger(Corrections.class);
    private static final FrameRange ALL_FRAMES = new FrameRange(0, Integer.MAX_VALUE);

    private final Library library;
    private final ObjectMapper json = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    public Corrections(Library library) {
        this.library = Objects.requireNonNull(library, "library");
    }

    // ---------------------------------------------------------------------------------------------------- shots

    /** Splits the shot holding {@code frame}; {@code frame} becomes the first frame of the new shot (DESIGN §3). */
    public Decision addCut(long episodeId, int frame) {
        return split(episodeId, frame, ADD_CUT, "add cut at " + frame);
    }

    /** The same as {@link #addCut}, under the name the shot menu uses. */
    public Decision splitShot(long episodeId, int frame) {
        return split(episodeId, frame, SPLIT_SHOT, "split shot at " + frame);
    }

    /** Moves an existing cut to {@code toFrame}, which must lie strictly between its neighbouring cuts. */
    public Decision moveCut(long episodeId, int fromFrame, int toFrame) {
        return library.write(connection -> {
            Episode episode = episode(episodeId);
            Shot[] around = aroundCut(episode, fromFrame);
            Shot before = around[0];
            Shot after = around[1];
            if (toFrame == fromFrame) {
                throw bad("the cut is already at frame " + toFrame);
            }
            if (toFrame <= before.range().start() || toFrame >= after.range().end()) {
                throw bad("the cut at frame " + fromFrame + " can move only between frames "
                        + (before.range().start() + 1) + " and " + (after.range().end() - 1)
                        + " (its neighbouring cuts), not to " + toFrame);
            }
            FrameRange span = new FrameRange(before.range().start(), after.range().end());
            List<ShotRow> rows = List.of(
                    new ShotRow(span.start(), toFrame, ShotStore.MANUAL, before.usable()),
                    new ShotRow(toFrame, span.end(), ShotStore.MANUAL, after.usable()));
            return changeShots(episodeId, MOVE_CUT, "cut:" + fromFrame,
                    "move cut from " + fromFrame + " to " + toFrame, span, rows);
        });
    }

    /** Removes the cut at {@code frame}, merging the two shots around it into one manual shot. */
    public Decision deleteCut(long episodeId, int frame) {
        return library.write(connection -> {
            Shot[] around = aroundCut(episode(episodeId), frame);
            return merge(episodeId, around[0], around[1], DELETE_CUT, "delete cut at " + frame);
        });
    }

    /** Merges two adjacent shots (in either order) into one manual shot. */
    public Decision mergeShots(long episodeId, long shotIdA, long shotIdB) {
        return library.write(connection -> {
            episode(episodeId);
            Shot a = shotOf(episodeId, shotIdA);
            Shot b = shotOf(episodeId, shotIdB);
            if (shotIdA == shotIdB) {
                throw bad("cannot merge shot " + shotIdA + " with itself");
            }
            Shot first = a.range().start() <= b.range().start() ? a : b;
            Shot second = first == a ? b : a;
            if (first.range().end() != second.range().start()) {
                throw bad("shots " + shotIdA + " and " + shotIdB + " are not adjacent (frames " + range(a.range())
                        + " and " + range(b.range()) + ")");
            }
            return merge(episodeId, first, second, MERGE_SHOTS, "merge shots at " + second.range().start());
        });
    }

    /**
     * Marks a whole shot usable or not. That is a person's decision, so the shot also becomes manual: a re-run of
     * the shot detector keeps it, and the flag with it.
     */
    public Decision setShotUsable(long shotId, boolean usable) {
        return library.write(connection -> {
            Shot shot = library.shots().get(shotId).orElseThrow(() -> bad("no shot with id " + shotId));
            if (shot.usable() == usable) {
                throw bad("shot " + shotId + " (frames " + range(shot.range()) + ") is already marked "
                        + (usable ? "usable" : "not usable"));
            }
            return changeShots(shot.episodeId(), SHOT_USABLE, "shot:" + shotId,
                    "mark shot " + range(shot.range()) + (usable ? " usable" : " not usable"), shot.range(),
                    List.of(new ShotRow(shot.range().start(), shot.range().end(), ShotStore.MANUAL, usable)));
        });
    }

    private Decision split(long episodeId, int frame, String kind, String label) {
        return library.write(connection -> {
            Episode episode = episode(episodeId);
            int frames = episode.info().frames();
            if (frame <= 0) {
                throw bad("cannot cut at frame " + frame + ": a cut is the first frame of a new shot, and frame 0 "
                        + "starts the episode");
            }
            if (frames > 0 && frame >= frames) {
                throw bad("cannot cut at frame " + frame + ": the episode's last frame is " + (frames - 1));
            }
            List<Shot> shots = library.shots().list(episodeId);
            FrameRange span;
            boolean usable = true;
            if (shots.isEmpty()) {
                // No shots yet: the episode is one shot, and the first cut makes two.
                span = new FrameRange(0, Math.max(frames, frame + 1));
            } else {
                Shot shot = shots.stream().filter(s -> s.range().contains(frame)).findFirst()
                        .orElseThrow(() -> bad("frame " + frame + " lies in no shot"));
                if (shot.range().start() == frame) {
                    throw bad("there is already a cut at frame " + frame);
                }
                span = shot.range();
                usable = shot.usable();
            }
            List<ShotRow> rows = List.of(new ShotRow(span.start(), frame, ShotStore.MANUAL, usable),
                    new ShotRow(frame, span.end(), ShotStore.MANUAL, usable));
            return changeShots(episodeId, kind, "cut:" + frame, label, span, rows);
        });
    }

    /** Writer thread only. A person's "not usable" on either shot carries over to the merged one. */
    private Decision merge(long episodeId, Shot first, Shot second, String kind, String label) {
        FrameRange span = new FrameRange(first.range().start(), second.range().end());
        return changeShots(episodeId, kind, "cut:" + second.range().start(), label, span,
                List.of(new ShotRow(span.start(), span.end(), ShotStore.MANUAL, first.usable() && second.usable())));
    }

    /** The shots ending and starting at {@code frame}; throws when there is no cut there. */
    private Shot[] aroundCut(Episode episode, int frame) {
        List<Shot> shots = library.shots().list(episode.id());
        Shot before = null;
        Shot after = null;
        for (Shot s : shots) {
            if (s.range().length() > 0 && s.range().end() == frame) {
                before = s;
            }
            if (s.range().length() > 0 && s.range().start() == frame) {
                after = s;
            }
        }
        if (frame <= 0 || before == null || after == null) {
            throw bad("there is no cut at frame " + frame);
        }
        return new Shot[] {before, after};
    }

    private Shot shotOf(long episodeId, long shotId) {
        Shot shot = library.shots().get(shotId).orElseThrow(() -> bad("no shot with id " + shotId));
        if (shot.episodeId() != episodeId) {
            throw bad("shot " + shotId + " is not a shot of episode " + episodeId);
        }
        return shot;
    }

    private Decision changeShots(long episodeId, String kind, String target, String label, FrameRange span,
                                 List<ShotRow> rows) {
        Snapshot before = new Snapshot(label, captureShots(episodeId, span), null, null);
        Snapshot after = new Snapshot(label, new ShotsState(span.start(), span.end(), rows), null, null);
        apply(episodeId, after);
        return append(episodeId, kind, target, before, after, 0);
    }

    // ---------------------------------------------------------------------------------------------------- boxes

    /**
     * A person draws a face box on {@code frame}: a new keyframe (score 1.0).
     *
     * <ul>
     * <li>{@code trackIdOrZero} 0: a new manual track starting with this box.</li>
     * <li>A track with no box on {@code frame} (a hand-drawn track grows this way): the frames between the new
     *     keyframe and the track's nearest boxes on either side are filled with the linear interpolation of the two
     *     (for a hand-drawn track those are its end keyframes), and the track's range grows to hold the frame. A
     *     track never crosses a cut, so the frame must lie in the track's shot.</li>
     * <li>A track that has a box on {@code frame}: the same as {@link #moveBox} on that box (on a track whose
     *     in-between boxes are interpolated, spreading the change is exactly interpolating again between the
     *     nearest keyframes).</li>
     * </ul>
     */
    public Decision drawBox(long episodeId, int frame, BoundingBox box, long trackIdOrZero) {
        return library.write(connection -> {
            Episode episode = episode(episodeId);
            checkFrame(episode, frame);
            checkBox(box);
            String label = "draw box on frame " + frame;
            if (trackIdOrZero == 0) {
                long trackId = library.faces().insertTrack(episodeId, shotIdAt(episodeId, frame),
                        new FrameRange(frame, frame + 1), ShotStore.MANUAL);
                FrameRange span = new FrameRange(frame, frame + 1);
                BoxesState empty = new BoxesState(trackId, span.start(), span.end(), List.of());
                BoxesState drawn = new BoxesState(trackId, span.start(), span.end(),
                        List.of(BoxRow.of(frame, box, MANUAL_SCORE, true)));
                return changeBoxes(episodeId, DRAW_BOX, label, empty, drawn);
            }
            FaceTrack track = trackOf(episodeId, trackIdOrZero);
            TreeMap<Integer, FaceBox> boxes = byFrame(library.faces().trackBoxes(episodeId, track.id(), ALL_FRAMES));
            FaceBox existing = boxes.get(frame);
            if (existing != null) {
                return moveBox(existing, box, DRAW_BOX, label);
            }
            if (!boxes.isEmpty()) {
                Long trackShot = shotIdAt(episodeId, boxes.firstKey());
                Long frameShot = shotIdAt(episodeId, frame);
                if (!Objects.equals(trackShot, frameShot)) {
                    throw bad("frame " + frame + " is in another shot than face track " + track.id()
                            + " (frames " + boxes.firstKey() + "–" + boxes.lastKey() + "); a track never crosses a cut");
                }
            }
            Integer lower = boxes.lowerKey(frame);
            Integer upper = boxes.higherKey(frame);
            FrameRange span = new FrameRange(lower == null ? frame : lower, (upper == null ? frame : upper) + 1);
            BoxesState before = captureBoxes(episodeId, track.id(), span);
            List<BoxRow> rows = new ArrayList<>();
            BoxRow drawn = BoxRow.of(frame, box, MANUAL_SCORE, true);
            if (lower != null) {
                BoxRow from = BoxRow.of(boxes.get(lower));
                rows.add(from);
                rows.addAll(interpolate(from, drawn));
            }
            rows.add(drawn);
            if (upper != null) {
                BoxRow to = BoxRow.of(boxes.get(upper));
                rows.addAll(interpolate(drawn, to));
                rows.add(to);
            }
            return changeBoxes(episodeId, DRAW_BOX, label, before,
                    new BoxesState(track.id(), span.start(), span.end(), rows));
        });
    }

    /**
     * A person moves and/or resizes a box: its frame becomes a keyframe (score 1.0), and the change spreads over
     * the track (CVAT-style): each frame between the previous keyframe (or the track's first frame) and this one
     * gets the change (new − old, per coordinate) scaled linearly from 0 there to 1 here, and likewise towards the
     * next keyframe (or the track's last frame). A box on no track just moves.
     */
    public Decision moveBox(long boxId, BoundingBox box) {
        return library.write(connection -> {
            FaceBox existing = boxOf(boxId);
            checkBox(box);
            return moveBox(existing, box, MOVE_BOX, "move box on frame " + existing.frame());
        });
    }

    /**
     * Deletes a box. A box that is not a keyframe just goes. Deleting a keyframe interpolates again between its
     * neighbours: the nearest remaining keyframes on either side, the frames between them getting the linear
     * interpolation. Where one side has no keyframe, a hand-drawn (manual) track loses the boxes that were
     * interpolated towards the deleted keyframe on that side (it shrinks to its remaining keyframes); on a
     * detector's track the neighbour on such a side is its nearest box, and at the track's end the box just goes.
     */
    public Decision deleteBox(long boxId) {
        return library.write(connection -> {
            FaceBox doomed = boxOf(boxId);
            long episodeId = doomed.episodeId();
            int frame = doomed.frame();
            String label = "delete box on frame " + frame;
            if (doomed.trackId() == 0 || !doomed.manual()) {
                FrameRange span = new FrameRange(frame, frame + 1);
                BoxesState before = captureBoxes(episodeId, doomed.trackId(), span);
                List<BoxRow> rows = new ArrayList<>();
                for (FaceBox b : library.faces().trackBoxes(episodeId, doomed.trackId(), span)) {
                    if (b.id() != boxId) {
                        rows.add(BoxRow.of(b));
                    }
                }
                return changeBoxes(episodeId, DELETE_BOX, label, before,
                        new BoxesState(doomed.trackId(), span.start(), span.end(), rows));
            }
            long trackId = doomed.trackId();
            boolean handDrawn = ShotStore.MANUAL.equals(library.faces().trackSource(trackId).orElse(""));
            TreeMap<Integer, FaceBox> boxes = byFrame(library.faces().trackBoxes(episodeId, trackId, ALL_FRAMES));
            TreeMap<Integer, FaceBox> keyframes = new TreeMap<>();
            boxes.forEach((f, b) -> {
                if (b.manual() && f != frame) {
                    keyframes.put(f, b);
                }
            });
            Integer lower = keyframes.lowerKey(frame);
            Integer upper = keyframes.higherKey(frame);
            if (!handDrawn) {
                lower = lower != null ? lower : boxes.lowerKey(frame);
                upper = upper != null ? upper : boxes.higherKey(frame);
                if (lower == null || upper == null) {
                    lower = null;
                    upper = null;
                }
            }
            FrameRange span;
            List<BoxRow> rows = new ArrayList<>();
            if (!handDrawn && lower == null) {
                span = new FrameRange(frame, frame + 1);
            } else {
                span = new FrameRange(lower != null ? lower : boxes.firstKey(),
                        (upper != null ? upper : boxes.lastKey()) + 1);
                if (lower != null) {
                    rows.add(BoxRow.of(boxes.get(lower)));
                }
                if (lower != null && upper != null) {
                    rows.addAll(interpolate(BoxRow.of(boxes.get(lower)), BoxRow.of(boxes.get(upper))));
                }
                if (upper != null) {
                    rows.add(BoxRow.of(boxes.get(upper)));
                }
            }
            BoxesState before = captureBoxes(episodeId, trackId, span);
            return changeBoxes(episodeId, DELETE_BOX, label, before,
                    new BoxesState(trackId, span.start(), span.end(), rows));
        });
    }

    /**
     * The face track a box entry is about (e.g. the new track {@link #drawBox} made for {@code trackIdOrZero} 0), or
     * 0 for an entry about something else.
     */
    public static long trackIdOf(Decision decision) {
        String target = decision.target();
        if (target != null && target.startsWith(DecisionLog.TRACK_TARGET_PREFIX)) {
            return Long.parseLong(target.substring(DecisionLog.TRACK_TARGET_PREFIX.length()));
        }
        return 0;
    }

    /** Frames of the keyframes (a person's boxes) of one track, in order: the marks the timeline draws. */
    public List<Integer> keyframes(long episodeId, long trackId) {
        List<Integer> frames = new ArrayList<>();
        for (FaceBox b : library.faces().trackBoxes(episodeId, trackId, ALL_FRAMES)) {
            if (b.manual() && (frames.isEmpty() || frames.get(frames.size() - 1) != b.frame())) {
                frames.add(b.frame());
            }
        }
        return frames;
    }

    /** Writer thread only: the spreading move of {@link #moveBox(long, BoundingBox)}. */
    private Decision moveBox(FaceBox existing, BoundingBox box, String kind, String label) {
        long episodeId = existing.episodeId();
        int frame = existing.frame();
        if (existing.manual() && existing.box().equals(box) && existing.score() == MANUAL_SCORE) {
            throw bad("the box on frame " + frame + " is already a keyframe at " + box(box));
        }
        long trackId = existing.trackId();
        if (trackId == 0) {
            FrameRange span = new FrameRange(frame, frame + 1);
            List<BoxRow> rows = new ArrayList<>();
            for (FaceBox b : library.faces().trackBoxes(episodeId, 0, span)) {
                rows.add(b.id() == existing.id() ? BoxRow.of(frame, box, MANUAL_SCORE, true) : BoxRow.of(b));
            }
            return changeBoxes(episodeId, kind, label, captureBoxes(episodeId, 0, span),
                    new BoxesState(0, span.start(), span.end(), rows));
        }
        TreeMap<Integer, FaceBox> boxes = byFrame(library.faces().trackBoxes(episodeId, trackId, ALL_FRAMES));
        Integer previousKey = null;
        Integer nextKey = null;
        for (FaceBox b : boxes.values()) {
            if (b.manual() && b.frame() < frame) {
                previousKey = b.frame();
            }
            if (b.manual() && b.frame() > frame && nextKey == null) {
                nextKey = b.frame();
            }
        }
        int from = previousKey != null ? previousKey : boxes.firstKey();
        int to = nextKey != null ? nextKey : boxes.lastKey();
        double[] delta = {box.x1() - existing.box().x1(), box.y1() - existing.box().y1(),
                box.x2() - existing.box().x2(), box.y2() - existing.box().y2()};
        FrameRange span = new FrameRange(from, to + 1);
        List<BoxRow> rows = new ArrayList<>();
        for (FaceBox b : boxes.subMap(from, true, to, true).values()) {
            int f = b.frame();
            if (f == frame) {
                rows.add(BoxRow.of(frame, box, MANUAL_SCORE, true));
                continue;
            }
            double weight = f < frame ? (double) (f - from) / (frame - from) : (double) (to - f) / (to - frame);
            BoundingBox moved = new BoundingBox((float) (b.box().x1() + delta[0] * weight),
                    (float) (b.box().y1() + delta[1] * weight), (float) (b.box().x2() + delta[2] * weight),
                    (float) (b.box().y2() + delta[3] * weight));
            rows.add(BoxRow.of(f, moved, b.score(), b.manual()));
        }
        return changeBoxes(episodeId, kind, label, captureBoxes(episodeId, trackId, span),
                new BoxesState(trackId, span.start(), span.end(), rows));
    }

    /**
     * The boxes strictly between two boxes of a track, linearly interpolated, not keyframes, as sure as the less
     * sure of the two.
     */
    static List<BoxRow> interpolate(BoxRow from, BoxRow to) {
        List<BoxRow> rows = new ArrayList<>();
        int gap = to.frame() - from.frame();
        float score = Math.min(from.score(), to.score());
        for (int f = from.frame() + 1; f < to.frame(); f++) {
            double t = (double) (f - from.frame()) / gap;
            rows.add(new BoxRow(f, lerp(from.x1(), to.x1(), t), lerp(from.y1(), to.y1(), t), lerp(from.x2(), to.x2(), t),
                    lerp(from.y2(), to.y2(), t), score, false));
        }
        return rows;
    }

    private static float lerp(float a, float b, double t) {
        return (float) (a + (b - a) * t);
    }

    private Decision changeBoxes(long episodeId, String kind, String label, BoxesState before, BoxesState after) {
        Snapshot b = new Snapshot(label, null, before, null);
        Snapshot a = new Snapshot(label, null, after, null);
        apply(episodeId, a);
        String target = after.trackId() == 0 ? "frame:" + after.start() : DecisionLog.trackTarget(after.trackId());
        return append(episodeId, kind, target, b, a, 0);
    }

    private FaceBox boxOf(long boxId) {
        return library.faces().box(boxId).orElseThrow(() -> bad("no face box with id " + boxId));
    }

    private FaceTrack trackOf(long episodeId, long trackId) {
        FaceTrack track = library.faces().track(trackId).orElseThrow(() -> bad("no face track with id " + trackId));
        if (track.episodeId() != episodeId) {
            throw bad("face track " + trackId + " is not a track of episode " + episodeId);
        }
        return track;
    }

    private Long shotIdAt(long episodeId, int frame) {
        for (Shot s : library.shots().list(episodeId)) {
            if (s.range().contains(frame)) {
                return s.id();
            }
        }
        return null;
    }

    private static TreeMap<Integer, FaceBox> byFrame(List<FaceBox> boxes) {
        TreeMap<Integer, FaceBox> map = new TreeMap<>();
        for (FaceBox b : boxes) {
            map.putIfAbsent(b.frame(), b);
        }
        return map;
    }

    private static void checkBox(BoundingBox box) {
        if (box == null) {
            throw bad("no box given");
        }
        boolean finite = Float.isFinite(box.x1()) && Float.isFinite(box.y1()) && Float.isFinite(box.x2())
                && Float.isFinite(box.y2());
        if (!finite || !(box.x2() > box.x1()) || !(box.y2() > box.y1())) {
            throw bad("a face box needs a positive width and height, got " + box(box));
        }
    }

    private static void checkFrame(Episode episode, int frame) {
        int frames = episode.info().frames();
        if (frame < 0 || (frames > 0 && frame >= frames)) {
            throw bad("frame " + frame + " is outside the episode's frames 0–" + (frames - 1));
        }
    }

    // ---------------------------------------------------------------------------------------------------- clips

    /**
     * Accepts or rejects a clip, or returns it to 'proposed', with the reason (may be null). Re-curation keeps an
     * accepted or rejected clip; one returned to 'proposed' is again the curation's to replace, unless a person
     * made it or moved its range.
     */
    public Decision setClipStatus(long clipId, ClipStatus status, String reasonOrNull) {
        Objects.requireNonNull(status, "status");
        return library.write(connection -> {
            ClipStore.State before = clipState(clipId);
            Clip clip = before.clip();
            if (clip.status() == status && Objects.equals(clip.reason(), reasonOrNull)) {
                throw bad("clip " + clipId + " is already " + status.dbName());
            }
            library.clips().setStatus(clipId, status, reasonOrNull);
            String label = switch (status) {
                case ACCEPTED -> "accept clip " + clipId;
                case REJECTED -> "reject clip " + clipId;
                case PROPOSED -> "return clip " + clipId + " to proposed";
            };
            return changeClip(clip.episodeId(), CLIP_STATUS, label, before, clipState(clipId));
        });
    }

    /** Moves a clip's in and out points; the clip becomes a person's, which re-curation keeps. */
    public Decision setClipRange(long clipId, FrameRange range) {
        return library.write(connection -> {
            if (range == null || range.length() == 0) {
                throw bad("a clip needs at least one frame, got " + (range == null ? "no range" : range(range)));
            }
            ClipStore.State before = clipState(clipId);
            Clip clip = before.clip();
            int frames = episode(clip.episodeId()).info().frames();
            if (frames > 0 && range.end() > frames) {
                throw bad("clip range " + range(range) + " is outside the episode's frames 0–" + (frames - 1));
            }
            if (clip.range().equals(range) && before.manual()) {
                throw bad("clip " + clipId + " already spans frames " + range(range));
            }
            library.clips().setRange(clipId, range);
            return changeClip(clip.episodeId(), CLIP_RANGE, "set clip " + clipId + " to frames " + range(range),
                    before, clipState(clipId));
        });
    }

    private ClipStore.State clipState(long clipId) {
        return library.clips().state(clipId).orElseThrow(() -> bad("no clip with id " + clipId));
    }

    private Decision changeClip(long episodeId, String kind, String label, ClipStore.State before,
                                ClipStore.State after) {
        return append(episodeId, kind, "clip:" + before.clip().id(), new Snapshot(label, null, null, ClipState.of(before)),
                new Snapshot(label, null, null, ClipState.of(after)), 0);
    }

    // ---------------------------------------------------------------------------------------------- undo / redo

    /** Reverts the episode's latest correction not yet undone; empty when there is none. */
    public Optional<Decision> undo(long episodeId) {
        return library.write(connection -> {
            Stacks stacks = stacks(episodeId);
            if (stacks.undo().isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(revert(episodeId, stacks.undo().peek(), UNDO));
        });
    }

    /** Applies again the episode's latest undone correction; empty when there is none. */
    public Optional<Decision> redo(long episodeId) {
        return library.write(connection -> {
            Stacks stacks = stacks(episodeId);
            if (stacks.redo().isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(revert(episodeId, stacks.redo().peek(), REDO));
        });
    }

    /** What the undo and redo commands would do now, read from the log once (the menu and buttons show all of it). */
    public record UndoState(boolean canUndo, String undoLabel, boolean canRedo, String redoLabel) {
        public static final UndoState NONE = new UndoState(false, null, false, null);
    }

    public UndoState undoState(long episodeId) {
        Stacks stacks = stacks(episodeId);
        Decision undo = stacks.undo().peek();
        Decision redo = stacks.redo().peek();
        return new UndoState(undo != null, undo == null ? null : "Undo " + parse(undo.before()).label(),
                redo != null, redo == null ? null : "Redo " + parse(redo.before()).label());
    }

    public boolean canUndo(long episodeId) {
        return undoState(episodeId).canUndo();
    }

    public boolean canRedo(long episodeId) {
        return undoState(episodeId).canRedo();
    }

    /** E.g. "Undo add cut at 120"; null when there is nothing to undo. */
    public String undoLabel(long episodeId) {
        return undoState(episodeId).undoLabel();
    }

    /** E.g. "Redo add cut at 120"; null when there is nothing to redo. */
    public String redoLabel(long episodeId) {
        return undoState(episodeId).redoLabel();
    }

    /** The undo and redo stacks (top first) as the episode's log implies them. */
    record Stacks(Deque<Decision> undo, Deque<Decision> redo) {
    }

    /** Rebuilds the stacks from the log (see the class comment); entries of other kinds are ignored. */
    Stacks stacks(long episodeId) {
        Deque<Decision> undo = new ArrayDeque<>();
        Deque<Decision> redo = new ArrayDeque<>();
        for (Decision d : library.decisions().list(episodeId)) {
            if (EDIT_KINDS.contains(d.kind())) {
                undo.push(d);
                redo.clear();
            } else if (UNDO.equals(d.kind()) && !undo.isEmpty() && undo.peek().id() == d.revertsId()) {
                undo.pop();
                redo.push(d);
            } else if (REDO.equals(d.kind()) && !redo.isEmpty() && redo.peek().id() == d.revertsId()) {
                redo.pop();
                undo.push(d);
            } else if (UNDO.equals(d.kind()) || REDO.equals(d.kind())) {
                log.warn("episode {}: decision {} ({}) reverts {}, which is not on top of its stack; ignored",
                        episodeId, d.id(), d.kind(), d.revertsId());
            }
        }
        return new Stacks(undo, redo);
    }

    /** Writer thread only: restores {@code reverted.before} and logs what it replaced. */
    private Decision revert(long episodeId, Decision reverted, String kind) {
        Snapshot restore = parse(reverted.before());
        Snapshot current = capture(episodeId, restore, parse(reverted.after()));
        apply(episodeId, restore);
        return append(episodeId, kind, "decision:" + reverted.id(), current, restore, reverted.id());
    }

    /** What is now on the rows {@code like} describes ({@code fallback} for a clip row that is gone). */
    private Snapshot capture(long episodeId, Snapshot like, Snapshot fallback) {
        ShotsState shots = like.shots() == null ? null
                : captureShots(episodeId, new FrameRange(like.shots().start(), like.shots().end()));
        BoxesState boxes = like.boxes() == null ? null : captureBoxes(episodeId, like.boxes().trackId(),
                new FrameRange(like.boxes().start(), like.boxes().end()));
        ClipState clip = null;
        if (like.clip() != null) {
            clip = library.clips().state(like.clip().id())
                    .filter(s -> s.createdAtMillis() == like.clip().createdAt())
                    .map(ClipState::of).orElse(fallback.clip());
        }
        return new Snapshot(like.label(), shots, boxes, clip);
    }

    private ShotsState captureShots(long episodeId, FrameRange span) {
        List<ShotRow> rows = new ArrayList<>();
        for (Shot s : library.shots().list(episodeId)) {
            int start = Math.max(s.range().start(), span.start());
            int end = Math.min(s.range().end(), span.end());
            if (start < end) {
                rows.add(new ShotRow(start, end, s.source(), s.usable()));
            }
        }
        return new ShotsState(span.start(), span.end(), rows);
    }

    private BoxesState captureBoxes(long episodeId, long trackId, FrameRange span) {
        List<BoxRow> rows = new ArrayList<>();
        for (FaceBox b : library.faces().trackBoxes(episodeId, trackId, span)) {
            rows.add(BoxRow.of(b));
        }
        return new BoxesState(trackId, span.start(), span.end(), rows);
    }

    /** Writer thread only: puts the rows of a snapshot in place. */
    private void apply(long episodeId, Snapshot snapshot) {
        if (snapshot.shots() != null) {
            ShotsState s = snapshot.shots();
            List<Shot> shots = new ArrayList<>();
            for (ShotRow row : s.rows()) {
                shots.add(new Shot(0, episodeId, new FrameRange(row.start(), row.end()), row.source(), row.usable()));
            }
            library.shots().replaceSpan(episodeId, new FrameRange(s.start(), s.end()), shots);
        }
        if (snapshot.boxes() != null) {
            BoxesState b = snapshot.boxes();
            if (b.trackId() != 0 && library.faces().track(b.trackId()).isEmpty()) {
                throw bad("face track " + b.trackId() + " no longer exists; cannot restore its boxes");
            }
            List<FaceBox> boxes = new ArrayList<>();
            for (BoxRow row : b.rows()) {
                boxes.add(new FaceBox(0, episodeId, row.frame(), row.box(), row.score(), b.trackId(), row.manual()));
            }
            FrameRange span = new FrameRange(b.start(), b.end());
            library.faces().replaceTrackBoxes(episodeId, b.trackId(), span, boxes);
            FaceSeries.recompute(library, episodeId, span);
        }
        if (snapshot.clip() != null) {
            Clip restored = library.clips().restore(snapshot.clip().toState());
            if (restored.id() != snapshot.clip().id()) {
                log.warn("clip {} was deleted meanwhile (re-curation); restored as clip {}", snapshot.clip().id(),
                        restored.id());
            }
        }
    }

    private Decision append(long episodeId, String kind, String target, Snapshot before, Snapshot after,
                            long revertsId) {
        Decision decision = library.decisions().append(episodeId, kind, target, write(before), write(after), revertsId);
        log.info("episode {}: {} ({}, decision {})", episodeId, kind.equals(UNDO) || kind.equals(REDO)
                ? kind + " " + after.label() : after.label(), kind, decision.id());
        return decision;
    }

    // ------------------------------------------------------------------------------------------------- helpers

    private Episode episode(long episodeId) {
        return library.episodes().get(episodeId).orElseThrow(() -> bad("no episode with id " + episodeId));
    }

    private String write(Snapshot snapshot) {
        try {
            return json.writeValueAsString(snapshot);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a correction snapshot: " + e.getMessage(), e);
        }
    }

    private Snapshot parse(String text) {
        try {
            return json.readValue(text, Snapshot.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable correction snapshot in the decision log: " + e.getMessage(), e);
        }
    }

    private static InvalidInputException bad(String problem) {
        return new InvalidInputException(null, problem);
    }

    private static String range(FrameRange range) {
        return range.start() + "–" + range.end();
    }

    private static String box(BoundingBox b) {
        return "[" + b.x1() + ", " + b.y1() + ", " + b.x2() + ", " + b.y2() + "]";
    }

    // ------------------------------------------------------------------------------------ snapshot JSON records

    /** What one entry's {@code before} or {@code after} holds: its label and the rows of one kind it covers. */
    record Snapshot(String label, ShotsState shots, BoxesState boxes, ClipState clip) {
    }

    /** The shots on frames {@code [start, end)}, trimmed to them. */
    record ShotsState(int start, int end, List<ShotRow> rows) {
        ShotsState {
            rows = rows == null ? List.of() : List.copyOf(rows);
        }
    }

    record ShotRow(int start, int end, String source, boolean usable) {
    }

    /** The boxes of one track (0: on no track) on frames {@code [start, end)}. */
    record BoxesState(long trackId, int start, int end, List<BoxRow> rows) {
        BoxesState {
            rows = rows == null ? List.of() : List.copyOf(rows);
        }
    }

    record BoxRow(int frame, float x1, float y1, float x2, float y2, float score, boolean manual) {
        static BoxRow of(int frame, BoundingBox box, float score, boolean manual) {
            return new BoxRow(frame, box.x1(), box.y1(), box.x2(), box.y2(), score, manual);
        }

        static BoxRow of(FaceBox b) {
            return of(b.frame(), b.box(), b.score(), b.manual());
        }

        BoundingBox box() {
            return new BoundingBox(x1, y1, x2, y2);
        }
    }

    record ClipState(long id, long episodeId, long trackId, int start, int end, String status, String reason,
                     boolean manual, long createdAt) {
        static ClipState of(ClipStore.State s) {
            Clip c = s.clip();
            return new ClipState(c.id(), c.episodeId(), c.trackId(), c.range().start(), c.range().end(),
                    c.status().dbName(), c.reason(), s.manual(), s.createdAtMillis());
        }

        ClipStore.State toState() {
            return new ClipStore.State(new Clip(id, episodeId, 0, trackId, new FrameRange(start, end),
                    ClipStatus.fromDb(status), reason), manual, createdAt);
        }
    }
}
