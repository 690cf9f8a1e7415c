package org.anivid.demo;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * The demo episode as data: which shot each frame belongs to, what is on screen (background, camera
 * position, each face with its mouth and eye drawing), and the frame-wide effects (fade, flash, subtitle).
 * Both the renderer and the ground truth are computed from this one description, so they cannot disagree.
 *
 * <p>Character animation is "on twos", as in TV anime: a drawing is chosen for frames {@code start + 2k} and
 * held on {@code start + 2k + 1}. Only the camera (the pan) and the fades change every frame.
 */
public final class DemoScript {
    public static final int WIDTH = 640;
    public static final int HEIGHT = 360;
    public static final double FPS = 24;
    public static final int FRAME_COUNT = 480;
    public static final long DEFAULT_SEED = 20240607L;
    /** Frames per drawing (animation on twos). */
    public static final int HOLD = 2;
    /** A face gets a truth box only where {@code brightness × (1 − white)} is at least this. */
    public static final double MIN_FACE_VISIBILITY = 0.5;
    public static final String SUBTITLE_TEXT = "SEE YOU TOMORROW!";

    // Face box in face units (see FaceRenderer): forehead hairline (under the bangs) to chin, ear to ear.
    static final double BOX_HALF_WIDTH = 0.95;
    static final double BOX_TOP = -1.0;
    static final double BOX_BOTTOM = 1.2;

    enum Background { SKY, ROOM, TOWN, SUNSET, PARK, CLASSROOM, NIGHT }

    enum Mouth { CLOSED, HALF, OPEN }

    enum Eyes { OPEN, HALF, CLOSED }

    /** A character placed in a shot; talking during drawings {@code [talkFrom, talkTo)} of the shot. */
    record Actor(AnimeCharacter character, double cx, double cy, double unit, int talkFrom, int talkTo,
                 boolean blinks) {
    }

    /** One shot: frames {@code [start, end)}; {@code panSpeed} in pixels per frame (0 = static camera). */
    record ShotPlan(int start, int end, String kind, Background background, double panSpeed, List<Actor> actors,
                    String note) {
        int length() {
            return end - start;
        }
    }

    /** One face as drawn on one frame, in screen pixels ({@code unit} = face size, see FaceRenderer). */
    record FacePose(AnimeCharacter character, double cx, double cy, double unit, Mouth mouth, Eyes eyes,
                    boolean talking) {
        /** Face box {@code [x1, y1, x2, y2]}: hairline under the bangs to chin, ear to ear. */
        double[] box() {
            return new double[] {cx - BOX_HALF_WIDTH * unit, cy + BOX_TOP * unit,
                cx + BOX_HALF_WIDTH * unit, cy + BOX_BOTTOM * unit};
        }
    }

    /**
     * Everything on one frame. {@code brightness} multiplies the picture (fades to black), {@code white} blends
     * it towards white (flash frames), {@code drawing} numbers the held drawing within the shot.
     */
    record FrameState(int frame, int shot, int drawing, Background background, double cameraX,
                      List<FacePose> faces, double brightness, double white, boolean subtitle) {
        double visibility() {
            return brightness * (1 - white);
        }
    }

    private static final int FADE_OUT_START = 262;
    private static final int BLACK_START = 274;
    private static final int FADE_IN_START = 276;
    private static final int FADE_IN_END = 288;
    private static final int FADE_STEPS = 13;
    private static final int FLASH = 100;
    private static final int SUBTITLE_START = 440;

    private final long seed;
    private final List<ShotPlan> shots;
    private final FrameState[] frames;

    public DemoScript() {
        this(DEFAULT_SEED);
    }

    public DemoScript(long seed) {
        this.seed = seed;
        this.shots = List.of(
                new ShotPlan(0, 66, "talking", Background.SKY, 0,
                        List.of(new Actor(AnimeCharacter.A, 320, 175, 80, 0, 99, true)),
                        "close-up of A talking in front of a still sky"),
                new ShotPlan(66, 138, "flash", Background.ROOM, 0,
                        List.of(new Actor(AnimeCharacter.B, 400, 180, 82, 0, 99, true)),
                        "B talking in a room; a white impact flash on frames 100-101 (not a cut)"),
                new ShotPlan(138, 210, "pan", Background.TOWN, 3,
                        List.of(new Actor(AnimeCharacter.A, 470, 185, 70, 0, 99, true)),
                        "camera pans right: town, mountains (parallax) and A slide left every frame"),
                new ShotPlan(210, FADE_IN_START, "fade", Background.SUNSET, 0,
                        List.of(new Actor(AnimeCharacter.B, 260, 180, 78, 0, 21, true)),
                        "B talks at sunset, falls silent, then the shot fades out to black (262-273) and holds"
                                + " black (274-275)"),
                new ShotPlan(FADE_IN_START, 366, "two-faces", Background.PARK, 0,
                        List.of(new Actor(AnimeCharacter.A, 190, 190, 56, 0, 28, true),
                                new Actor(AnimeCharacter.B, 450, 190, 56, 16, 99, true)),
                        "fades in from black (276-287); A and B in a park, A talks first, then B"),
                new ShotPlan(366, 414, "still", Background.CLASSROOM, 0,
                        List.of(new Actor(AnimeCharacter.A, 330, 180, 88, 0, 0, false)),
                        "one held drawing for the whole shot: nothing moves"),
                new ShotPlan(414, FRAME_COUNT, "subtitle", Background.NIGHT, 0,
                        List.of(new Actor(AnimeCharacter.B, 300, 160, 72, 0, 99, true)),
                        "B talking at night; a subtitle line appears on frame 440 (not a cut)"));
        this.frames = new FrameState[FRAME_COUNT];
        for (int s = 0; s < shots.size(); s++) {
            fillShot(s);
        }
    }

    public long seed() {
        return seed;
    }

    List<ShotPlan> shots() {
        return shots;
    }

    FrameState frame(int n) {
        return frames[n];
    }

    int frameCount() {
        return frames.length;
    }

    /** Cut frames: the first frame of every shot but the first (DESIGN.md §3). */
    List<Integer> cuts() {
        List<Integer> cuts = new ArrayList<>();
        for (int s = 1; s < shots.size(); s++) {
            cuts.add(shots.get(s).start());
        }
        return cuts;
    }

    private void fillShot(int s) {
        ShotPlan shot = shots.get(s);
        int drawings = (shot.length() + HOLD - 1) / HOLD;
        List<Mouth[]> mouths = new ArrayList<>();
        List<Eyes[]> eyes = new ArrayList<>();
        for (int a = 0; a < shot.actors().size(); a++) {
            Actor actor = shot.actors().get(a);
            Random random = new Random(seed * 1_000_003L + s * 31L + a);
            mouths.add(mouthTrack(actor, drawings, random));
            eyes.add(eyeTrack(actor, drawings, random));
        }
        for (int f = shot.start(); f < shot.end(); f++) {
            int offset = f - shot.start();
            int drawing = offset / HOLD;
            double cameraX = shot.panSpeed() * offset;
            List<FacePose> faces = new ArrayList<>();
            for (int a = 0; a < shot.actors().size(); a++) {
                Actor actor = shot.actors().get(a);
                boolean talking = drawing >= actor.talkFrom() && drawing < actor.talkTo();
                faces.add(new FacePose(actor.character(), actor.cx() - cameraX, actor.cy(), actor.unit(),
                        mouths.get(a)[drawing], eyes.get(a)[drawing], talking));
            }
            frames[f] = new FrameState(f, s, drawing, shot.background(), cameraX, List.copyOf(faces),
                    brightness(f), white(f), f >= SUBTITLE_START);
        }
    }

    private static Mouth[] mouthTrack(Actor actor, int drawings, Random random) {
        Mouth[] track = new Mouth[drawings];
        Mouth previous = Mouth.CLOSED;
        for (int k = 0; k < drawings; k++) {
            Mouth next = Mouth.CLOSED;
            if (k >= actor.talkFrom() && k < actor.talkTo()) {
                double r = random.nextDouble();
                next = switch (previous) {
                    case CLOSED -> r < 0.55 ? Mouth.HALF : Mouth.OPEN;
                    case HALF -> r < 0.45 ? Mouth.OPEN : r < 0.85 ? Mouth.CLOSED : Mouth.HALF;
                    case OPEN -> r < 0.6 ? Mouth.HALF : Mouth.CLOSED;
                };
            }
            track[k] = next;
            previous = next;
        }
        return track;
    }

    private static Eyes[] eyeTrack(Actor actor, int drawings, Random random) {
        Eyes[] track = new Eyes[drawings];
        java.util.Arrays.fill(track, Eyes.OPEN);
        if (!actor.blinks()) {
            return track;
        }
        int k = 6 + random.nextInt(8);
        while (k + 2 < drawings) {
            track[k] = Eyes.HALF;
            track[k + 1] = Eyes.CLOSED;
            track[k + 2] = Eyes.HALF;
            k += 18 + random.nextInt(14);
        }
        return track;
    }

    private static double brightness(int f) {
        if (f >= FADE_OUT_START && f < BLACK_START) {
            return (BLACK_START - f) / (double) FADE_STEPS;
        }
        if (f >= BLACK_START && f < FADE_IN_START) {
            return 0;
        }
        if (f >= FADE_IN_START && f < FADE_IN_END) {
            return (f - FADE_IN_START + 1) / (double) FADE_STEPS;
        }
        return 1;
    }

    private static double white(int f) {
        if (f == FLASH) {
            return 1.0;
        }
        if (f == FLASH + 1) {
            return 0.8;
        }
        return 0;
    }

    // ---- ground truth ----

    /** The ground truth of this script, for a video file called {@code videoName}. */
    public DemoTruth truth(String videoName) {
        List<DemoTruth.ShotTruth> shotTruths = new ArrayList<>();
        for (int s = 0; s < shots.size(); s++) {
            ShotPlan shot = shots.get(s);
            Set<String> characters = new LinkedHashSet<>();
            Set<String> talking = new LinkedHashSet<>();
            boolean motion = shot.panSpeed() != 0;
            for (int f = shot.start(); f < shot.end(); f++) {
                FrameState state = frames[f];
                for (FacePose face : state.faces()) {
                    characters.add(face.character().id());
                    if (face.talking()) {
                        talking.add(face.character().id());
                    }
                }
                if (f > shot.start() && changed(frames[f - 1], state)) {
                    motion = true;
                }
            }
            shotTruths.add(new DemoTruth.ShotTruth(s, shot.start(), shot.end(), shot.kind(),
                    shot.panSpeed() != 0 ? "pan" : "static", motion, shot.actors().size(),
                    List.copyOf(characters), !talking.isEmpty(), List.copyOf(talking),
                    shot.panSpeed() != 0 ? 1 : HOLD, shot.background().name().toLowerCase(java.util.Locale.ROOT),
                    shot.note()));
        }
        List<DemoTruth.FrameTruth> frameTruths = new ArrayList<>();
        List<Integer> flashes = new ArrayList<>();
        for (FrameState state : frames) {
            if (state.white() > 0) {
                flashes.add(state.frame());
            }
            List<DemoTruth.FaceTruth> faces = new ArrayList<>();
            if (state.visibility() >= MIN_FACE_VISIBILITY) {
                for (FacePose face : state.faces()) {
                    double[] box = face.box();
                    for (int i = 0; i < box.length; i++) {
                        box[i] = Math.round(box[i] * 100) / 100.0;
                    }
                    faces.add(new DemoTruth.FaceTruth(face.character().id(), box,
                            face.mouth().name().toLowerCase(java.util.Locale.ROOT),
                            face.eyes().name().toLowerCase(java.util.Locale.ROOT), face.talking()));
                }
            }
            frameTruths.add(new DemoTruth.FrameTruth(state.frame(), state.shot(), state.drawing(),
                    round3(state.brightness()), round3(state.white()), state.subtitle(), faces));
        }
        List<DemoTruth.FadeTruth> fades = List.of(
                new DemoTruth.FadeTruth("out", FADE_OUT_START, BLACK_START, "black", 3),
                new DemoTruth.FadeTruth("hold", BLACK_START, FADE_IN_START, "black", 3),
                new DemoTruth.FadeTruth("in", FADE_IN_START, FADE_IN_END, "black", 4));
        List<DemoTruth.CharacterTruth> characters = new ArrayList<>();
        for (AnimeCharacter c : AnimeCharacter.values()) {
            characters.add(new DemoTruth.CharacterTruth(c.id(), c.displayName(), c.description()));
        }
        return new DemoTruth(DemoTruth.FORMAT, videoName, WIDTH, HEIGHT, FPS, frames.length, seed,
                DemoTruth.standardConventions(), characters, cuts(), shotTruths, flashes, fades,
                List.of(new DemoTruth.SubtitleTruth(SUBTITLE_START, FRAME_COUNT, SUBTITLE_TEXT)), frameTruths);
    }

    private static double round3(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    /** Whether anything on screen differs between two frames of one shot. */
    static boolean changed(FrameState a, FrameState b) {
        if (a.cameraX() != b.cameraX() || a.brightness() != b.brightness() || a.white() != b.white()
                || a.subtitle() != b.subtitle() || a.faces().size() != b.faces().size()) {
            return true;
        }
        for (int i = 0; i < a.faces().size(); i++) {
            FacePose p = a.faces().get(i);
            FacePose q = b.faces().get(i);
            if (p.mouth() != q.mouth() || p.eyes() != q.eyes() || p.cx() != q.cx() || p.cy() != q.cy()) {
                return true;
            }
        }
        return false;
    }
}
