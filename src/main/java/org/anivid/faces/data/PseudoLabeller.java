package org.anivid.faces.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.anivid.core.BoundingBox;
import org.anivid.core.InvalidInputException;
import org.anivid.core.RgbImage;
import org.anivid.core.VideoFrame;
import org.anivid.faces.FaceDetector;
import org.anivid.faces.FaceModels;
import org.anivid.faces.track.Detection;
import org.anivid.media.FrameSource;
import org.anivid.media.ImageFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pseudo-labels on real anime pictures (issue 9, item 3b): two teachers — FaceBoxes-anime and the LBP anime-face
 * cascade, read from the models folder when the labeller is opened, never shipped — look at every picture, and a
 * picture is kept only where they agree on every face.
 *
 * <p><b>The rule</b> ({@link #judge}). Both teachers' boxes are first mapped onto the studio's face box
 * ({@link TeacherBoxes}), so that they are compared in one style. FaceBoxes boxes scoring at least
 * {@link Options#strictScore} (0.8) are its faces; the cascade's boxes (it has no probability; every box it accepts is
 * a face to it) are the other teacher's faces. Faces are paired greedily by IoU, best first, pairs at IoU ≥
 * {@link Options#minIou} (0.5). The picture is
 * <ul>
 *   <li><b>kept</b> with one box per pair when every face of either teacher is in a pair;</li>
 *   <li><b>dropped as disagreed</b> when one teacher finds a face the other does not — labelling it either way could
 *       teach a false negative or a false positive;</li>
 *   <li><b>dropped as doubtful</b> when FaceBoxes has a box between {@link Options#doubtScore} (0.5) and the strict
 *       score: it half believes in a face, so "no face there" is not safe to teach;</li>
 *   <li>with no face from either teacher: dropped by default (both teachers miss small, turned and cartoonish faces, so
 *       "no face" is the least trustworthy answer), kept as a negative with {@link Options#keepEmpty}.</li>
 * </ul>
 * The kept box is the corner-wise mean of the two teachers' boxes in the studio's style: two independent estimates
 * of the same face, each corrected for its teacher's habit (on real anime this mean matches a third, independent
 * detector's boxes best, see {@link TeacherBoxes}), clipped to the picture.
 *
 * <p>Origins are {@code "pseudo:<file>#<frame>"} (frame 0 for a still picture). One labeller is used from one thread
 * (its detectors are).
 */
public final class PseudoLabeller implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PseudoLabeller.class);
    /** The teachers' names in {@link FaceModels#KNOWN}. */
    public static final String FACEBOXES = "faceboxes-anime";
    public static final String CASCADE = "lbp-anime";

    /**
     * @param strictScore FaceBoxes score from which a box is a face
     * @param doubtScore  FaceBoxes score from which a box below {@code strictScore} makes the picture doubtful
     * @param minIou      IoU (in the studio's box style) at which a FaceBoxes face and a cascade face are one face
     * @param frameStep   on videos, every {@code frameStep}-th frame is labelled (frames 0, k, 2k, …)
     * @param keepEmpty   keep pictures where neither teacher sees a face, as negatives
     */
    public record Options(float strictScore, float doubtScore, float minIou, int frameStep, boolean keepEmpty) {
        public Options {
            if (!(doubtScore >= 0 && doubtScore <= strictScore && strictScore <= 1)) {
                throw new IllegalArgumentException("need 0 <= doubtScore <= strictScore <= 1, got " + doubtScore
                        + " and " + strictScore);
            }
            if (!(minIou > 0 && minIou <= 1)) {
                throw new IllegalArgumentException("minIou must be in (0, 1], got " + minIou);
            }
            if (frameStep < 1) {
                throw new IllegalArgumentException("frameStep must be at least 1, got " + frameStep);
            }
        }

        public static Options defaults() {
            return new Options(0.8f, 0.5f, 0.5f, 10, false);
        }

        public Options withFrameStep(int step) {
            return new Options(strictScore, doubtScore, minIou, step, keepEmpty);
        }

        public Options withKeepEmpty(boolean keep) {
            return new Options(strictScore, doubtScore, minIou, frameStep, keep);
        }
    }

    /** What the teachers made of one picture. */
    public enum Outcome {
        /** Every face of either teacher has its partner: keep, with one box per face. */
        AGREED,
        /** Neither teacher sees a face. */
        EMPTY,
        /** One teacher sees a face the other does not. */
        DISAGREED,
        /** FaceBoxes half believes in a face (a score between the doubt and the strict score). */
        DOUBTFUL
    }

    /** The outcome and, for {@link Outcome#AGREED}, the boxes (studio style, inside the picture). */
    public record Verdict(Outcome outcome, List<BoundingBox> boxes) {
        public Verdict {
            boxes = List.copyOf(boxes);
        }
    }

    /** Counts over every picture judged so far. */
    public record Stats(int pictures, int kept, int boxes, int agreed, int empty, int disagreed, int doubtful) {
    }

    private final FaceDetector faceBoxes;
    private final FaceDetector cascade;
    private final Options options;
    private final int[] counts = new int[Outcome.values().length];
    private int kept;
    private int keptBoxes;

    /** A labeller over two open teachers; it closes them when closed. */
    public PseudoLabeller(FaceDetector faceBoxes, FaceDetector cascade, Options options) {
        this.faceBoxes = Objects.requireNonNull(faceBoxes, "faceBoxes");
        this.cascade = Objects.requireNonNull(cascade, "cascade");
        this.options = Objects.requireNonNull(options, "options");
    }

    /**
     * Opens both teachers from the studio's model folders ({@code $ANIVID_MODELS}, the data folder's {@code models},
     * the repository's {@code models/}).
     *
     * @throws InvalidInputException naming the missing file when a teacher is not there
     */
    public static PseudoLabeller open(Options options) {
        FaceDetector fb = FaceModels.open(FACEBOXES);
        try {
            return new PseudoLabeller(fb, FaceModels.open(CASCADE), options);
        } catch (RuntimeException e) {
            fb.close();
            throw e;
        }
    }

    /** Opens both teachers from one folder holding their files (as {@link FaceModels#KNOWN} names them). */
    public static PseudoLabeller open(Path modelDir, Options options) {
        Path fbFile = modelDir.resolve(fileOf(FACEBOXES));
        Path cascadeFile = modelDir.resolve(fileOf(CASCADE));
        for (Path f : List.of(fbFile, cascadeFile)) {
            if (!Files.isRegularFile(f)) {
                throw new InvalidInputException(f, "teacher model not found (pseudo-labels need both "
                        + fileOf(FACEBOXES) + " and " + fileOf(CASCADE) + ")");
            }
        }
        FaceDetector fb = FaceModels.open(fbFile.toString());
        try {
            return new PseudoLabeller(fb, FaceModels.open(cascadeFile.toString()), options);
        } catch (RuntimeException e) {
            fb.close();
            throw e;
        }
    }

    private static String fileOf(String name) {
        return FaceModels.KNOWN.stream().filter(m -> m.name().equals(name)).findFirst().orElseThrow().fileName();
    }

    public Options options() {
        return options;
    }

    /** Runs both teachers on one picture and judges it ({@link #judge(List, List, int, int, Options)}). */
    public Verdict judge(RgbImage image) {
        Verdict v = judge(faceBoxes.detect(image), cascade.detect(image), image.width(), image.height(), options);
        counts[v.outcome().ordinal()]++;
        if (v.outcome() == Outcome.AGREED || v.outcome() == Outcome.EMPTY && options.keepEmpty()) {
            kept++;
            keptBoxes += v.boxes().size();
        }
        return v;
    }

    /**
     * The rule of the class comment on the teachers' raw outputs: FaceBoxes detections (top-trimmed boxes, scores) and
     * cascade detections, on a {@code width × height} picture.
     */
    public static Verdict judge(List<Detection> faceBoxes, List<Detection> cascade, int width, int height,
                                Options options) {
        List<BoundingBox> fb = new ArrayList<>();
        for (Detection d : faceBoxes) {
            if (d.score() >= options.strictScore()) {
                fb.add(TeacherBoxes.fromFaceBoxes(d.box()));
            } else if (d.score() >= options.doubtScore()) {
                return new Verdict(Outcome.DOUBTFUL, List.of());
            }
        }
        List<BoundingBox> lbp = new ArrayList<>();
        for (Detection d : cascade) {
            lbp.add(TeacherBoxes.fromCascade(d.box()));
        }
        if (fb.isEmpty() && lbp.isEmpty()) {
            return new Verdict(Outcome.EMPTY, List.of());
        }
        if (fb.size() != lbp.size()) {
            return new Verdict(Outcome.DISAGREED, List.of());
        }
        // Greedy pairing, best overlap first.
        List<int[]> pairs = new ArrayList<>();
        List<float[]> candidates = new ArrayList<>();
        for (int i = 0; i < fb.size(); i++) {
            for (int j = 0; j < lbp.size(); j++) {
                float iou = fb.get(i).iou(lbp.get(j));
                if (iou >= options.minIou()) {
                    candidates.add(new float[] {iou, i, j});
                }
            }
        }
        candidates.sort(Comparator.comparingDouble((float[] c) -> c[0]).reversed());
        boolean[] fbUsed = new boolean[fb.size()];
        boolean[] lbpUsed = new boolean[lbp.size()];
        for (float[] c : candidates) {
            int i = (int) c[1];
            int j = (int) c[2];
            if (!fbUsed[i] && !lbpUsed[j]) {
                fbUsed[i] = true;
                lbpUsed[j] = true;
                pairs.add(new int[] {i, j});
            }
        }
        if (pairs.size() != fb.size()) {
            return new Verdict(Outcome.DISAGREED, List.of());
        }
        List<BoundingBox> boxes = new ArrayList<>();
        for (int[] p : pairs) {
            BoundingBox m = TeacherBoxes.mean(fb.get(p[0]), lbp.get(p[1]));
            BoundingBox c = new BoundingBox(Math.max(0, m.x1()), Math.max(0, m.y1()), Math.min(width, m.x2()),
                    Math.min(height, m.y2()));
            if (c.x2() - c.x1() < 1 || c.y2() - c.y1() < 1) {
                // Both teachers agree on a face that is all but outside the picture: nothing safe to teach.
                return new Verdict(Outcome.DISAGREED, List.of());
            }
            boxes.add(c);
        }
        boxes.sort(Comparator.comparingDouble(BoundingBox::x1).thenComparingDouble(BoundingBox::y1));
        return new Verdict(Outcome.AGREED, boxes);
    }

    /**
     * Labels still pictures and videos (every {@link Options#frameStep}-th frame, from frame 0); folders are not
     * searched. Only pictures the teachers agree on come back.
     *
     * @throws InvalidInputException naming the file, for a file that is neither a readable picture nor a video
     */
    public List<LabelledImage> label(List<Path> files) {
        List<LabelledImage> out = new ArrayList<>();
        for (Path file : files) {
            if (ImageFiles.isImage(file)) {
                out.addAll(labelPicture(file));
            } else {
                out.addAll(labelVideo(file));
            }
        }
        return out;
    }

    /** One still picture: a list of one labelled image, or an empty list when it is dropped. */
    public List<LabelledImage> labelPicture(Path file) {
        RgbImage image = ImageFiles.read(file);
        return keep(judge(image), image, file, 0);
    }

    /** Every {@link Options#frameStep}-th frame of a video. */
    public List<LabelledImage> labelVideo(Path file) {
        List<LabelledImage> out = new ArrayList<>();
        int frames = 0;
        try (FrameSource source = FrameSource.open(file)) {
            for (VideoFrame frame = source.next(); frame != null; frame = source.next()) {
                if (frame.index() % options.frameStep() == 0) {
                    frames++;
                    out.addAll(keep(judge(frame.image()), frame.image(), file, frame.index()));
                }
            }
        }
        LOG.info("pseudo-labels on {}: {} of {} frames kept ({})", file, out.size(), frames, stats());
        return out;
    }

    private List<LabelledImage> keep(Verdict v, RgbImage image, Path file, int frame) {
        if (v.outcome() == Outcome.AGREED || v.outcome() == Outcome.EMPTY && options.keepEmpty()) {
            return List.of(new LabelledImage(image, v.boxes(), "pseudo:" + file + "#" + frame));
        }
        return List.of();
    }

    public Stats stats() {
        int pictures = 0;
        for (int c : counts) {
            pictures += c;
        }
        return new Stats(pictures, kept, keptBoxes, counts[Outcome.AGREED.ordinal()], counts[Outcome.EMPTY.ordinal()],
                counts[Outcome.DISAGREED.ordinal()], counts[Outcome.DOUBTFUL.ordinal()]);
    }

    @Override
    public void close() {
        try {
            faceBoxes.close();
        } finally {
            cascade.close();
        }
    }
}
