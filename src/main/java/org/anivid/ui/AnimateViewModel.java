package org.anivid.ui;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.anivid.app.FaceCrops;
import org.anivid.app.LiveAnimation;
import org.anivid.core.InvalidInputException;
import org.anivid.core.RgbImage;
import org.anivid.faces.FaceDetector;
import org.anivid.faces.FaceModels;
import org.anivid.fomm.Animator;
import org.anivid.fomm.FommConfig;
import org.anivid.fomm.FommModel;
import org.anivid.media.Cameras;
import org.anivid.media.FileCapture;
import org.anivid.media.FrameCapture;
import org.anivid.media.FrameSize;
import org.anivid.media.ImageFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Animate panel without nodes: a source picture (a file, or the viewer's frame), a driving video or webcam, a
 * checkpoint and its config, the motion mode; Start/Stop, re-capture of the neutral pose, recording; and what the
 * view shows: the side-by-side preview (source | driving | result), frames/s and latency, and one readable line when
 * something is wrong. Loading a model takes seconds, so it happens on {@code worker} (its own thread, not the job
 * queue: a live session must not wait behind a curation run); the loaded model is kept while checkpoint and config
 * stay the same. The running session is polled by {@link #poll()} from the window's pulse, never one callback per
 * frame. Properties are changed on the FX thread only ({@code fx} hands results back there).
 */
public final class AnimateViewModel {
    private static final Logger log = LoggerFactory.getLogger(AnimateViewModel.class);
    /** Height of the side-by-side preview: the model's own 256 px per picture. */
    static final int PREVIEW_HEIGHT = 256;

    /** Relative motion (the face's movement since the neutral pose) or absolute keypoints. */
    public enum Mode {
        RELATIVE("Relative (adapt scale)"), ABSOLUTE("Absolute");

        private final String label;

        Mode(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** Which face the driving crop is fixed on. */
    public enum DrivingFaces {
        HUMAN("Human face"), ANIME("Anime face"), NONE("Whole picture");

        private final String label;

        DrivingFaces(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** The driving pictures: a video file or a camera. */
    public record Driving(Path file, Cameras.Camera camera) {
        public static Driving file(Path file) {
            return new Driving(Objects.requireNonNull(file), null);
        }

        public static Driving camera(Cameras.Camera camera) {
            return new Driving(null, Objects.requireNonNull(camera));
        }

        @Override
        public String toString() {
            return file != null ? file.getFileName().toString() : "Camera " + camera.label();
        }
    }

    private final Executor worker;
    private final Executor fx;
    private final Cameras cameras;
    private final ReadOnlyStringWrapper sourceLabel = new ReadOnlyStringWrapper("No source picture");
    private final ObjectProperty<Driving> driving = new SimpleObjectProperty<>();
    private final ObservableList<Cameras.Camera> cameraList = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper cameraMessage = new ReadOnlyStringWrapper("");
    private final ObjectProperty<Path> checkpoint = new SimpleObjectProperty<>();
    private final ObjectProperty<Path> config = new SimpleObjectProperty<>();
    private final ObjectProperty<Mode> mode = new SimpleObjectProperty<>(Mode.RELATIVE);
    private final ObjectProperty<DrivingFaces> drivingFaces = new SimpleObjectProperty<>(DrivingFaces.HUMAN);
    private final BooleanProperty cropSource = new SimpleBooleanProperty(true);
    private final IntegerProperty size = new SimpleIntegerProperty(Animator.DEFAULT_SIZE);
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper starting = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("Idle");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper fps = new ReadOnlyStringWrapper("– fps");
    private final ReadOnlyStringWrapper latency = new ReadOnlyStringWrapper("– ms");
    private final ReadOnlyObjectWrapper<RgbImage> preview = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Path> recording = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<LiveAnimation.Report> lastReport = new ReadOnlyObjectWrapper<>();
    private Path sourceFile;
    private RgbImage sourceImage;
    private LiveAnimation live;
    private LiveAnimation.Frame shown;
    /** Touched on the worker thread only. */
    private FommModel model;
    private String modelKey;

    public AnimateViewModel(Executor worker, Executor fx, Cameras cameras) {
        this.worker = worker;
        this.fx = fx;
        this.cameras = cameras;
    }

    // ---- choices ----

    /** A picture file as the source (read when the session starts). */
    public void useSourceFile(Path file) {
        sourceFile = file;
        sourceImage = null;
        sourceLabel.set(file == null ? "No source picture" : file.getFileName().toString());
    }

    /** A picture already decoded (the viewer's current frame) as the source. */
    public void useSourcePicture(RgbImage picture, String label) {
        if (picture == null) {
            error.set("No frame to use: open an episode first");
            return;
        }
        sourceImage = picture;
        sourceFile = null;
        sourceLabel.set(label);
    }

    public void useDrivingFile(Path file) {
        driving.set(file == null ? null : Driving.file(file));
    }

    /** Re-reads the camera list; "No camera found" when there is none. Cheap (a directory listing). */
    public void refreshCameras() {
        cameraList.setAll(cameras.list());
        cameraMessage.set(cameraList.isEmpty() ? "No camera found" : cameraList.size() == 1 ? "1 camera"
                : cameraList.size() + " cameras");
    }

    // ---- commands ----

    /** Loads the model (off the FX thread) and starts a live session; problems end up in {@link #errorProperty()}. */
    public void start() {
        if (running.get() || starting.get()) {
            return;
        }
        String missing = sourceFile == null && sourceImage == null ? "Choose a source picture"
                : driving.get() == null ? "Choose a driving video or a camera"
                : checkpoint.get() == null ? "Choose a checkpoint" : null;
        if (missing != null) {
            error.set(missing);
            return;
        }
        error.set(null);
        starting.set(true);
        status.set("Loading the model…");
        Request request = new Request(sourceFile, sourceImage, driving.get(), checkpoint.get(), config.get(),
                mode.get(), drivingFaces.get(), cropSource.get(), size.get(), recording.get());
        worker.execute(() -> {
            try {
                LiveAnimation session = open(request);
                fx.execute(() -> started(session));
            } catch (RuntimeException e) {
                log.info("cannot start the live animation: {}", e.getMessage(), e instanceof InvalidInputException
                        ? null : e);
                String line = oneLine(e);
                fx.execute(() -> failedToStart(line));
            }
        });
    }

    private record Request(Path sourceFile, RgbImage sourceImage, Driving driving, Path checkpoint, Path config,
                           Mode mode, DrivingFaces faces, boolean cropSource, int size, Path recording) {
    }

    /** On the worker: everything slow (model, source picture, face detectors, opening the capture). */
    private LiveAnimation open(Request r) {
        FommModel m = model(r.checkpoint(), r.config());
        RgbImage source = r.sourceImage() != null ? r.sourceImage() : ImageFiles.read(r.sourceFile());
        FrameCapture capture = r.driving().file() != null
                ? FileCapture.realTime(r.driving().file(), FrameSize.fit(1280, 720))
                : cameras.open(r.driving().camera().index());
        Supplier<FaceDetector> drivingDetector = switch (r.faces()) {
            case HUMAN -> FaceModels::openHuman;
            case ANIME -> () -> FaceModels.open(null);
            case NONE -> null;
        };
        LiveAnimation.Options options = LiveAnimation.Options.defaults()
                .withNormalization(r.mode() == Mode.RELATIVE ? FommConfig.NormalizationParams.relativeAdaptScale()
                        : FommConfig.NormalizationParams.absolute())
                .withSize(r.size())
                .withSourceFaces(r.cropSource() ? () -> FaceModels.open(null) : null)
                .withDrivingFaces(drivingDetector)
                .withRecording(r.recording());
        return LiveAnimation.start(m, source, capture, options);
    }

    private FommModel model(Path checkpoint, Path configFile) {
        String key = checkpoint.toAbsolutePath() + "|" + (configFile == null ? "vox-256" : configFile.toAbsolutePath());
        if (model == null || !key.equals(modelKey)) {
            if (model != null) {
                model.close();
                model = null;
            }
            model = configFile == null ? FommModel.load(FommConfig.vox256(), checkpoint)
                    : FommModel.load(configFile, checkpoint);
            modelKey = key;
        }
        return model;
    }

    private void started(LiveAnimation session) {
        starting.set(false);
        live = session;
        shown = null;
        running.set(true);
        status.set("Starting…");
        lastReport.set(null);
    }

    private void failedToStart(String line) {
        starting.set(false);
        status.set("Idle");
        error.set(line);
    }

    /** Stops the session; the recording is finished on the worker, the last picture stays. */
    public void stop() {
        LiveAnimation session = live;
        if (session == null) {
            return;
        }
        session.requestStop();
        status.set("Stopping…");
    }

    /** The next driving picture becomes the neutral pose. */
    public void recaptureNeutral() {
        if (live != null) {
            live.recaptureNeutral();
            status.set("Neutral pose re-captured");
        }
    }

    /** Records the results to {@code file} (now, when running; else from the next start); null stops recording. */
    public void record(Path file) {
        recording.set(file);
        if (live != null) {
            live.record(file);
        }
    }

    /**
     * Called from the window's pulse (~15 times a second): shows a new picture when there is one, refreshes the
     * labels, and notices the end of the session.
     */
    public void poll() {
        LiveAnimation session = live;
        if (session == null) {
            return;
        }
        LiveAnimation.Frame frame = session.latest();
        if (frame != null && frame != shown) {
            preview.set(compose(frame));
            shown = frame;
            LiveAnimation.Stats s = frame.stats();
            fps.set(s.fps() > 0 ? String.format(Locale.ROOT, "%.1f fps", s.fps()) : "– fps");
            latency.set(String.format(Locale.ROOT, "%.0f ms", s.latencyMs()));
        }
        LiveAnimation.State state = session.state();
        if (session.ended()) {
            live = null;
            running.set(false);
            LiveAnimation.Report report = session.awaitEnd();
            lastReport.set(report);
            if (recording.get() != null && report.recording() != null) {
                recording.set(null);
            }
            LiveAnimation.Stats s = report.stats();
            status.set(switch (state) {
                case ENDED -> "Driving video ended";
                case STOPPED -> "Stopped";
                case LOST -> "Camera lost";
                default -> "Failed";
            } + String.format(Locale.ROOT, " · %d frames, %d dropped", s.frames(), s.dropped())
                    + (report.recording() != null ? " · recorded " + report.recording().getFileName() : ""));
            if (report.message() != null) {
                error.set(report.message());
            }
        } else if (state == LiveAnimation.State.WAITING_FOR_FACE) {
            status.set("Looking for a face in the driving picture…");
        } else if (state == LiveAnimation.State.RUNNING && frame != null && frame.result() != null
                && !status.get().startsWith("Neutral")) {
            status.set("Live · frame " + frame.stats().frames() + (session.recording() != null ? " · recording" : ""));
        }
    }

    private static RgbImage compose(LiveAnimation.Frame frame) {
        RgbImage result = frame.result() != null ? frame.result() : RgbImage.blank(frame.source().width(),
                frame.source().height());
        return FaceCrops.sideBySide(PREVIEW_HEIGHT, frame.source(), frame.driving(), result);
    }

    private static String oneLine(Throwable e) {
        String m = e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
        int nl = m.indexOf('\n');
        m = nl >= 0 ? m.substring(0, nl) : m;
        return e instanceof InvalidInputException ? m : "Cannot animate: " + m;
    }

    /** Stops a session and closes the model (on the worker, after anything it is doing). */
    public void dispose() {
        LiveAnimation session = live;
        live = null;
        worker.execute(() -> {
            if (session != null) {
                session.stop();
            }
            if (model != null) {
                model.close();
                model = null;
            }
        });
    }

    // ---- properties ----

    public ReadOnlyStringProperty sourceLabelProperty() {
        return sourceLabel.getReadOnlyProperty();
    }

    public ObjectProperty<Driving> drivingProperty() {
        return driving;
    }

    public ObservableList<Cameras.Camera> cameras() {
        return cameraList;
    }

    /** "No camera found", "1 camera", "N cameras" (empty before the first {@link #refreshCameras()}). */
    public ReadOnlyStringProperty cameraMessageProperty() {
        return cameraMessage.getReadOnlyProperty();
    }

    public ObjectProperty<Path> checkpointProperty() {
        return checkpoint;
    }

    /** The model's YAML; null: the official vox-256 config. */
    public ObjectProperty<Path> configProperty() {
        return config;
    }

    public ObjectProperty<Mode> modeProperty() {
        return mode;
    }

    public ObjectProperty<DrivingFaces> drivingFacesProperty() {
        return drivingFaces;
    }

    /** Crop the source to its anime face (needs a face model); off: the picture is the face already. */
    public BooleanProperty cropSourceProperty() {
        return cropSource;
    }

    /** The model's input side (256 for the official models). */
    public IntegerProperty sizeProperty() {
        return size;
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /** True while the model loads and the session opens. */
    public ReadOnlyBooleanProperty startingProperty() {
        return starting.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** One readable line about what went wrong, or null. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty fpsProperty() {
        return fps.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty latencyProperty() {
        return latency.getReadOnlyProperty();
    }

    /** Source | driving | result, {@value #PREVIEW_HEIGHT} px high; the last picture stays after the session. */
    public ReadOnlyObjectProperty<RgbImage> previewProperty() {
        return preview.getReadOnlyProperty();
    }

    /** The file being recorded to (or to record to at the next start), or null. */
    public ReadOnlyObjectProperty<Path> recordingProperty() {
        return recording.getReadOnlyProperty();
    }

    /** How the last session ended, or null while one runs. */
    public ReadOnlyObjectProperty<LiveAnimation.Report> lastReportProperty() {
        return lastReport.getReadOnlyProperty();
    }
}
