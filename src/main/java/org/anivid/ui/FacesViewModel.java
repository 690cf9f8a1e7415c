package org.anivid.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.anivid.core.Episode;
import org.anivid.core.FaceBox;
import org.anivid.core.FrameRange;
import org.anivid.faces.track.FrameFlag;
import org.anivid.faces.track.OneFaceRule;
import org.anivid.jobs.Job;
import org.anivid.jobs.JobCancelledException;
import org.anivid.jobs.JobQueue;
import org.anivid.library.AnalysisStore;
import org.anivid.library.Library;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The faces of the open episode, as the strip's faces lane and the viewer's box overlay show them: the one-face mark
 * and best face score of every frame, and every stored box indexed by frame; and the command that (re)runs face
 * detection in the heavy-work queue. The stored results are read off the FX thread (all of an episode's boxes at
 * once: a few tens of thousands at most) and published as one immutable {@link Faces} snapshot.
 */
public final class FacesViewModel {
    private static final Logger log = LoggerFactory.getLogger(FacesViewModel.class);

    /** What is stored about the faces of one episode; empty arrays when faces were never searched. */
    public static final class Faces {
        private final long episodeId;
        private final FrameFlag[] flags;
        private final float[] scores;
        private final float confidence;
        private final Map<Integer, List<FaceBox>> boxesByFrame;
        private final List<FaceBox> boxes;
        private final boolean loaded;
        private final int trackCount;

        Faces(long episodeId, FrameFlag[] flags, float[] scores, float confidence,
              Map<Integer, List<FaceBox>> boxesByFrame, List<FaceBox> boxes, boolean loaded, int trackCount) {
            this.episodeId = episodeId;
            this.flags = flags;
            this.scores = scores;
            this.confidence = confidence;
            this.boxesByFrame = boxesByFrame;
            this.boxes = boxes;
            this.loaded = loaded;
            this.trackCount = trackCount;
        }

        static Faces empty(long episodeId) {
            return new Faces(episodeId, new FrameFlag[0], new float[0], OneFaceRule.PAPER_CONFIDENCE, Map.of(), List.of(),
                    false, 0);
        }

        /** False for the placeholder shown while the episode's faces are still being read. */
        public boolean loaded() {
            return loaded;
        }

        /** Every stored box of the episode, in frame order (what curation judges). */
        public List<FaceBox> allBoxes() {
            return boxes;
        }

        public long episodeId() {
            return episodeId;
        }

        /** True when faces were searched on the episode (its flag series is stored). */
        public boolean searched() {
            return flags.length > 0;
        }

        /** The one-face mark of every frame (a shared array: do not modify). */
        public FrameFlag[] flags() {
            return flags;
        }

        /** The best face score of every frame, 0 where none (a shared array: do not modify). */
        public float[] scores() {
            return scores;
        }

        /** The one-face rule's confidence the stored run used (the lane's line, the overlay's colour rule). */
        public float confidence() {
            return confidence;
        }

        public FrameFlag flagAt(int frame) {
            return frame >= 0 && frame < flags.length ? flags[frame] : FrameFlag.NO_FACE;
        }

        public float scoreAt(int frame) {
            return frame >= 0 && frame < scores.length ? scores[frame] : 0f;
        }

        /** The boxes on one frame, in stored order. */
        public List<FaceBox> boxesAt(int frame) {
            return boxesByFrame.getOrDefault(frame, List.of());
        }

        /** True when a box on {@code frame} counts as "the one face": the frame is ONE_FACE and the box is confident. */
        public boolean isOneFace(int frame, FaceBox box) {
            return flagAt(frame) == FrameFlag.ONE_FACE && box.score() >= confidence;
        }

        public int boxCount() {
            return boxes.size();
        }

        public int trackCount() {
            return trackCount;
        }

        /** How many frames carry each flag. */
        public Map<FrameFlag, Integer> counts() {
            Map<FrameFlag, Integer> counts = new java.util.EnumMap<>(FrameFlag.class);
            for (FrameFlag f : FrameFlag.values()) {
                counts.put(f, 0);
            }
            for (FrameFlag f : flags) {
                counts.merge(f, 1, Integer::sum);
            }
            return counts;
        }
    }

    private final Library library;
    private final JobQueue queue;
    private final Function<Episode, Job<?>> facesJob;
    private final Executor loader;
    private final Executor fxThread;
    private final ExecutorService ownLoader;
    private final ReadOnlyObjectWrapper<Episode> episode = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Faces> faces = new ReadOnlyObjectWrapper<>(Faces.empty(0));
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper detail = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper failure = new ReadOnlyStringWrapper();
    private long loadGeneration;
    private boolean disposed;

    /** The studio's view-model: stored faces are read on a thread of its own, results handed to the FX thread. */
    public FacesViewModel(Library library, JobQueue queue, Function<Episode, Job<?>> facesJob) {
        this(library, queue, facesJob, null, Platform::runLater);
    }

    /**
     * @param loader runs the library reads ({@code null}: a daemon thread of this view-model)
     * @param fxThread runs everything that touches properties (the studio: {@code Platform::runLater})
     */
    public FacesViewModel(Library library, JobQueue queue, Function<Episode, Job<?>> facesJob, Executor loader,
                          Executor fxThread) {
        this.library = library;
        this.queue = queue;
        this.facesJob = facesJob;
        this.fxThread = fxThread;
        if (loader == null) {
            ownLoader = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "anivid-faces-loader");
                t.setDaemon(true);
                return t;
            });
            this.loader = ownLoader;
        } else {
            ownLoader = null;
            this.loader = loader;
        }
    }

    public void open(Episode e) {
        episode.set(e);
        faces.set(Faces.empty(e == null ? 0 : e.id()));
        failure.set(null);
        reload();
    }

    /** Re-reads the stored faces of the open episode in the background. */
    public void reload() {
        Episode e = episode.get();
        long generation = ++loadGeneration;
        if (e == null) {
            faces.set(Faces.empty(0));
            summary.set("");
            detail.set("");
            return;
        }
        if (!running.get()) {
            summary.set("Reading faces…");
        }
        loader.execute(() -> {
            Faces loaded;
            try {
                loaded = load(library, e.id());
            } catch (RuntimeException ex) {
                log.warn("cannot read the faces of episode {}", e.id(), ex);
                fxThread.execute(() -> {
                    if (!disposed && generation == loadGeneration) {
                        summary.set("Cannot read faces: " + ex.getMessage());
                    }
                });
                return;
            }
            fxThread.execute(() -> {
                if (!disposed && generation == loadGeneration) {
                    faces.set(loaded);
                    detail.set(details(loaded));
                    if (!running.get()) {
                        summary.set(describe(loaded));
                    }
                }
            });
        });
    }

    /** Reads everything the lane and the overlay need (on the loader thread). */
    static Faces load(Library library, long episodeId) {
        Optional<AnalysisStore.Series> flagSeries = library.analysis().series(episodeId, AnalysisStore.FACE_FLAGS);
        FrameFlag[] flags = new FrameFlag[0];
        float confidence = OneFaceRule.PAPER_CONFIDENCE;
        if (flagSeries.isPresent()) {
            float[] codes = flagSeries.get().values();
            flags = new FrameFlag[codes.length];
            for (int i = 0; i < codes.length; i++) {
                flags[i] = FrameFlag.fromCode((byte) codes[i]);
            }
            confidence = confidenceOf(flagSeries.get().parameters());
        }
        float[] scores = library.analysis().series(episodeId, AnalysisStore.FACE_SCORES)
                .map(AnalysisStore.Series::values).orElse(new float[0]);
        List<FaceBox> boxes = library.faces().boxes(episodeId, new FrameRange(0, Integer.MAX_VALUE));
        Map<Integer, List<FaceBox>> byFrame = new HashMap<>();
        Set<Long> tracks = new HashSet<>();
        for (FaceBox b : boxes) {
            byFrame.computeIfAbsent(b.frame(), k -> new ArrayList<>(2)).add(b);
            if (b.trackId() != 0) {
                tracks.add(b.trackId());
            }
        }
        byFrame.replaceAll((k, v) -> List.copyOf(v));
        return new Faces(episodeId, flags, scores, confidence, Map.copyOf(byFrame), List.copyOf(boxes), true,
                tracks.size());
    }

    private static float confidenceOf(String parametersJson) {
        try {
            JsonNode c = new ObjectMapper().readTree(parametersJson == null ? "{}" : parametersJson).get("confidence");
            if (c != null && c.isNumber()) {
                return c.floatValue();
            }
        } catch (java.io.IOException | RuntimeException e) {
            log.debug("unreadable face series parameters: {}", parametersJson);
        }
        return OneFaceRule.PAPER_CONFIDENCE;
    }

    static String describe(Faces f) {
        if (!f.searched()) {
            return f.boxCount() == 0 ? "No faces yet — run “Find faces”" : f.boxCount() + " face boxes";
        }
        Map<FrameFlag, Integer> counts = f.counts();
        int frames = f.flags().length;
        int one = counts.get(FrameFlag.ONE_FACE);
        return String.format("Faces: %d/%d frames with one face (%.0f%%) · %d tracks", one, frames,
                100.0 * one / Math.max(1, frames), f.trackCount());
    }

    /** Frames per flag, boxes and tracks: the summary's tooltip. */
    static String details(Faces f) {
        if (!f.searched()) {
            return "Faces were not searched on this episode yet";
        }
        Map<FrameFlag, Integer> counts = f.counts();
        return String.format("one face: %d frames%nseveral faces: %d%nlow confidence (< %.2f): %d%nno face: %d%n"
                        + "%d boxes in %d tracks", counts.get(FrameFlag.ONE_FACE), counts.get(FrameFlag.SEVERAL_FACES),
                f.confidence(), counts.get(FrameFlag.LOW_CONFIDENCE), counts.get(FrameFlag.NO_FACE), f.boxCount(),
                f.trackCount());
    }

    /** Finds faces on the open episode in the heavy-work queue (after its shots), then shows them. */
    public void findFaces() {
        Episode e = episode.get();
        if (e == null || running.get()) {
            return;
        }
        running.set(true);
        failure.set(null);
        summary.set("Finding faces… (see the job queue)");
        FxJobs.submit(queue, "Faces: " + e.title(), facesJob.apply(e), result -> {
            if (disposed) {
                return;
            }
            running.set(false);
            if (episode.get() != null && episode.get().id() == e.id()) {
                reload();
            }
        }, error -> {
            if (disposed) {
                return;
            }
            running.set(false);
            if (error instanceof JobCancelledException) {
                summary.set("Face search cancelled");
            } else {
                String message = error.getMessage() == null ? error.toString() : error.getMessage();
                summary.set("Face search failed: " + message);
                failure.set(message);
            }
        }, fxThread);
    }

    /** The window is closing: results still in flight are dropped (the library is about to close). */
    public void dispose() {
        disposed = true;
        if (ownLoader != null) {
            ownLoader.shutdownNow();
        }
    }

    /** The boxes of one frame of the open episode (empty until loaded). */
    public List<FaceBox> boxesAt(int frame) {
        return faces.get().boxesAt(frame);
    }

    public FrameFlag flagAt(int frame) {
        return faces.get().flagAt(frame);
    }

    /** The one-face mark of every frame of the open episode (empty when faces were never searched). */
    public FrameFlag[] flags() {
        return faces.get().flags();
    }

    /** The best face score of every frame of the open episode. */
    public float[] scores() {
        return faces.get().scores();
    }

    public ReadOnlyObjectProperty<Faces> facesProperty() {
        return faces.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Episode> episodeProperty() {
        return episode.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** Frames per flag, boxes and tracks of the loaded faces, several lines. */
    public ReadOnlyStringProperty detailProperty() {
        return detail.getReadOnlyProperty();
    }

    /** The one-line reason of the last failed run (null after a success, a cancel, or a new run); a dialog shows it. */
    public ReadOnlyStringProperty failureProperty() {
        return failure.getReadOnlyProperty();
    }
}
