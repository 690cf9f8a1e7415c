package org.anivid.curate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.anivid.core.BoundingBox;
import org.anivid.core.FaceBox;
import org.anivid.core.FrameRange;
import org.anivid.core.Shot;

/** Hand-built episode evidence for the curation tests: shots, face boxes per frame, per-frame motion scores. */
final class Evidence {
    static final long EPISODE = 7;
    private static final BoundingBox BOX = new BoundingBox(100, 80, 220, 220);

    private final int frames;
    private final double fps;
    private final List<Shot> shots = new ArrayList<>();
    private final List<FaceBox> faces = new ArrayList<>();
    private float[] motion;

    Evidence(int frames, double fps) {
        this.frames = frames;
        this.fps = fps;
        this.motion = new float[frames];
    }

    /** One shot over the whole episode (id 1). */
    static Evidence oneShot(int frames, double fps) {
        return new Evidence(frames, fps).shot(1, 0, frames);
    }

    Evidence shot(long id, int start, int end) {
        shots.add(new Shot(id, EPISODE, new FrameRange(start, end), "auto:test", true));
        return this;
    }

    Evidence unusableShot(long id, int start, int end) {
        shots.add(new Shot(id, EPISODE, new FrameRange(start, end), "auto:test", false));
        return this;
    }

    /** A box of {@code track} with {@code score} on every frame of [from, to). */
    Evidence face(long track, int from, int to, float score) {
        for (int f = from; f < to; f++) {
            faces.add(new FaceBox(0, EPISODE, f, BOX, score, track, false));
        }
        return this;
    }

    /** A person's keyframe box (score 1.0) of {@code track} on one frame. */
    Evidence manualFace(long track, int frame) {
        faces.add(new FaceBox(0, EPISODE, frame, BOX, 1.0f, track, true));
        return this;
    }

    /** Removes every box on the given frames (a missed detection). */
    Evidence missed(int... missedFrames) {
        for (int f : missedFrames) {
            faces.removeIf(box -> box.frame() == f);
        }
        return this;
    }

    /** A face talking on twos over [from, to): score 1.2 on every second frame, 0 on the held ones. */
    Evidence talking(int from, int to) {
        return drawnEvery(2, from, to, 1.2f);
    }

    /** Drawings held {@code hold} frames: {@code value} on each new drawing, 0 on held frames. */
    Evidence drawnEvery(int hold, int from, int to, float value) {
        for (int f = from; f < to; f++) {
            motion[f] = (f - from) % hold == hold - 1 ? value : 0f;
        }
        return this;
    }

    Evidence motionAt(int frame, float value) {
        motion[frame] = value;
        return this;
    }

    /** Motion computed only for the first {@code n} frames. */
    Evidence motionOnlyFor(int n) {
        motion = Arrays.copyOf(motion, n);
        return this;
    }

    EpisodeEvidence build() {
        return new EpisodeEvidence(EPISODE, frames, fps, shots, faces, motion);
    }
}
