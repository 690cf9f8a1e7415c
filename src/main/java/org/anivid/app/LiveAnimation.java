package org.anivid.app;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.anivid.core.InvalidInputException;
import org.anivid.core.RgbImage;
import org.anivid.dataset.CropTrack;
import org.anivid.faces.FaceDetector;
import org.anivid.faces.FaceModels;
import org.anivid.fomm.Animator;
import org.anivid.fomm.FommConfig;
import org.anivid.fomm.FommModel;
import org.anivid.media.FrameCapture;
import org.anivid.media.VideoEncoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Animates a still with a live driving source (a webcam, or a file played in real time), Avatarify-style: a worker
 * thread animates the newest captured picture and drops the stale ones, so the output follows the face with the
 * model's latency instead of a growing backlog. The driving crop is fixed from the first picture with a face (a
 * moving crop would read as head motion), the neutral pose can be re-captured at any time, and the results can be
 * recorded to a video (written beside the target and moved into place when finished). A view polls {@link #latest()};
 * the CLI calls {@link #run}. The model is the caller's (it outlives sessions); the capture is owned and closed here.
 */
public final class LiveAnimation implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LiveAnimation.class);

    /** Where a session is. */
    public enum State {
        /** Preparing the animator (source keypoints). */
        STARTING,
        /** Pictures arrive but none had a face yet: the driving crop is not fixed. */
        WAITING_FOR_FACE,
        RUNNING,
        /** The capture ended (end of the file) or {@code maxFrames} were produced. */
        ENDED,
        /** {@link #stop()} was called. */
        STOPPED,
        /** The camera disappeared or stopped delivering; the last picture stays. */
        LOST,
        /** The model or the recording failed; {@link #message()} says why. */
        FAILED;

        public boolean finished() {
            return this == ENDED || this == STOPPED || this == LOST || this == FAILED;
        }
    }

    /**
     * How to animate.
     *
     * @param normalization relative (with or without adapt-scale) or absolute motion
     * @param size the model's input side (≥ 64; 256 for the official models)
     * @param sourceFaces detector that finds the face of the source to crop it, or null to use the source as it is
     * @param drivingFaces detector that fixes the driving crop on the first picture with a face, or null for none
     * @param recording video file to record the results to, or null
     * @param maxFrames stop after this many results (0: until the capture ends or {@link #stop()})
     */
    public record Options(FommConfig.NormalizationParams normalization, int size, Supplier<FaceDetector> sourceFaces,
                          Supplier<FaceDetector> drivingFaces, Path recording, int maxFrames) {
        public Options {
            Objects.requireNonNull(normalization, "normalization");
            if (size < 64) {
                throw new IllegalArgumentException("size must be at least 64, got " + size);
            }
            if (maxFrames < 0) {
                throw new IllegalArgumentException("maxFrames must be ≥ 0, got " + maxFrames);
            }
        }

        /** Relative motion with adapt-scale at 256², no cropping, no recording, no frame limit. */
        public static Options defaults() {
            return new Options(FommConfig.NormalizationParams.relativeAdaptScale(), Animator.DEFAULT_SIZE, null, null,
                    null, 0);
        }

        /**
         * What a webcam session wants: the anime face of the source cropped (models needed), the person's face
         * found by OpenCV's human face detector.
         */
        public static Options webcam() {
            return defaults().withSourceFaces(() -> FaceModels.open(null)).withDrivingFaces(FaceModels::openHuman);
        }

        public Options withNormalization(FommConfig.NormalizationParams p) {
            return new Options(p, size, sourceFaces, drivingFaces, recording, maxFrames);
        }

        public Options withSize(int s) {
            return new Options(normalization, s, sourceFaces, drivingFaces, recording, maxFrames);
        }

        public Options withSourceFaces(Supplier<FaceDetector> d) {
            return new Options(normalization, size, d, drivingFaces, recording, maxFrames);
        }

        public Options withDrivingFaces(Supplier<FaceDetector> d) {
            return new Options(normalization, size, sourceFaces, d, recording, maxFrames);
        }

        public Options withRecording(Path file) {
            return new Options(normalization, size, sourceFaces, drivingFaces, file, maxFrames);
        }

        public Options withMaxFrames(int n) {
            return new Options(normalization, size, sourceFaces, drivingFaces, recording, n);
        }
    }

    /**
     * Counters of a session.
     *
     * @param frames results produced
     * @param fps results in the last second
     * @param latencyMs capture → result of the newest result, in ms (0 before the first)
     * @param dropped captured pictures never animated (the model was busy)
     * @param withoutFace pictures skipped while waiting for a face to fix the driving crop
     * @param recorded frames written to the recording (all recordings of the session)
     * @param seconds since the first picture was captured
     */
    public record Stats(long frames, double fps, double latencyMs, long dropped, long withoutFace, long recorded,
                        double seconds) {
        static final Stats NONE = new Stats(0, 0, 0, 0, 0, 0, 0);
    }

    /**
     * The newest picture for a view: the source as the model sees it, the driving picture (cropped once the crop is
     * fixed, else the whole picture), the result (null before the first), and the counters.
     */
    public record Frame(RgbImage source, RgbImage driving, RgbImage result, long number, Stats stats) {
    }

    /** How a session ended: state, the one-line reason where it did not simply end, counters, the recording. */
    public record Report(State state, String message, Stats stats, Path recording) {
    }

    private final Animator animator;
    private final FrameCapture capture;
    private final Options options;
    private final AtomicReference<Frame> latest = new AtomicReference<>();
    private final AtomicReference<State> state = new AtomicReference<>(State.STARTING);
    private final AtomicBoolean stopRequested = new AtomicBoolean();
    private final AtomicBoolean recapture = new AtomicBoolean();
    private final AtomicReference<Optional<Path>> recordRequest = new AtomicReference<>();
    private final java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
    private volatile String message;
    private volatile Path recordingNow;
    private volatile Path lastRecording;
    private volatile Stats stats = Stats.NONE;
    private Thread worker;

    private LiveAnimation(Animator animator, FrameCapture capture, Options options) {
        this.animator = animator;
        this.capture = capture;
        this.options = options;
        if (options.recording() != null) {
            recordRequest.set(Optional.of(options.recording()));
        }
    }

    /**
     * Starts animating on a worker thread. The source face and its keypoints are found here, so a source without a
     * face or a model that cannot take the source fails at once, on the caller's thread.
     *
     * @param capture owned from now on: closed when the session ends
     * @throws InvalidInputException when {@code options.sourceFaces()} finds no face in the source
     */
    public static LiveAnimation start(FommModel model, RgbImage source, FrameCapture capture, Options options) {
        LiveAnimation live = prepare(model, source, capture, options);
        live.worker = new Thread(live::loop, "anivid-live-animation");
        live.worker.setDaemon(true);
        live.worker.start();
        return live;
    }

    /**
     * Animates on the calling thread until the capture ends, {@code options.maxFrames()} results are made, or another
     * thread calls {@link #stop()} on the session handed to {@code started} (a Ctrl+C hook). Prints nothing.
     *
     * @param started receives the session before the first picture (may be null)
     * @throws InvalidInputException when {@code options.sourceFaces()} finds no face in the source
     * @throws RuntimeException when the model cannot animate at {@code options.size()} (the session never started)
     */
    public static Report run(FommModel model, RgbImage source, FrameCapture capture, Options options,
                             java.util.function.Consumer<LiveAnimation> started) {
        LiveAnimation live = prepare(model, source, capture, options);
        live.worker = Thread.currentThread();
        if (started != null) {
            started.accept(live);
        }
        live.loop();
        return live.report();
    }

    private static LiveAnimation prepare(FommModel model, RgbImage source, FrameCapture capture, Options options) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(capture, "capture");
        try {
            RgbImage face = source;
            if (options.sourceFaces() != null) {
                try (FaceDetector detector = options.sourceFaces().get()) {
                    CropTrack.Window window = FaceCrops.around(detector, source).orElseThrow(() ->
                            new InvalidInputException(null, "no face found in the source picture"));
                    face = FaceCrops.crop(source, window, options.size());
                }
            }
            // Made here, used only by the worker from now on (Thread.start orders the hand-over).
            return new LiveAnimation(new Animator(model, face, options.normalization(), options.size()), capture,
                    options);
        } catch (RuntimeException e) {
            capture.close();
            throw e;
        }
    }

    private void loop() {
        VideoEncoder encoder = null;
        Path encoding = null;
        FaceDetector drivingFaces = null;
        CropTrack.Window window = null;
        long frames = 0;
        long withoutFace = 0;
        long recorded = 0;
        long firstCapture = 0;
        ArrayDeque<Long> recent = new ArrayDeque<>();
        try (animator) {
            RgbImage modelSource = animator.sourcePicture();
            if (options.drivingFaces() != null) {
                drivingFaces = options.drivingFaces().get();
            }
            state.compareAndSet(State.STARTING, drivingFaces != null ? State.WAITING_FOR_FACE : State.RUNNING);
            while (!stopRequested.get()) {
                Optional<Path> asked = recordRequest.getAndSet(null);
                if (asked != null) {
                    recorded += finish(encoder, encoding);
                    encoder = null;
                    encoding = asked.orElse(null);
                    recordingNow = encoding;
                }
                RgbImage picture = capture.grab();
                if (picture == null) {
                    break;
                }
                long captured = capture.lastCaptureNanos();
                if (firstCapture == 0) {
                    firstCapture = captured;
                }
                if (window == null && drivingFaces != null) {
                    Optional<CropTrack.Window> found = FaceCrops.around(drivingFaces, picture);
                    if (found.isEmpty()) {
                        withoutFace++;
                        stats = stats(frames, recent, 0, withoutFace, recorded, firstCapture);
                        latest.set(new Frame(modelSource, picture, null, capture.lastSequence(), stats));
                        continue;
                    }
                    window = found.get();
                    log.info("driving crop fixed on capture {}: {}", capture.lastSequence(), window);
                    state.compareAndSet(State.WAITING_FOR_FACE, State.RUNNING);
                }
                RgbImage driving = window == null ? picture : FaceCrops.crop(picture, window, options.size());
                if (recapture.getAndSet(false)) {
                    animator.recaptureNeutral();
                }
                RgbImage result = animator.animate(driving);
                long now = System.nanoTime();
                frames++;
                if (encoding != null) {
                    if (encoder == null) {
                        encoder = VideoEncoder.open(encoding, result.width(), result.height(),
                                VideoEncoder.Settings.h264(capture.fps() > 0 ? capture.fps() : 25, 0));
                    }
                    encoder.write(result);
                }
                recent.addLast(now);
                while (recent.size() > 2 && now - recent.stream().skip(1).findFirst().orElseThrow()
                        > TimeUnit.SECONDS.toNanos(1)) {
                    recent.removeFirst();
                }
                long written = encoder == null ? 0 : encoder.framesWritten();
                stats = stats(frames, recent, (now - captured) / 1e6, withoutFace, recorded + written, firstCapture);
                latest.set(new Frame(modelSource, driving, result, capture.lastSequence(), stats));
                if (options.maxFrames() > 0 && frames >= options.maxFrames()) {
                    break;
                }
            }
            recorded += finish(encoder, encoding);
            encoder = null;
            state.set(stopRequested.get() ? State.STOPPED : State.ENDED);
        } catch (FrameCapture.CaptureLostException e) {
            message = e.getMessage();
            recorded += finishQuietly(encoder, encoding);
            encoder = null;
            state.set(State.LOST);
        } catch (RuntimeException e) {
            log.warn("live animation failed", e);
            message = oneLine(e);
            if (encoder != null) {
                encoder.abort();
                encoder = null;
            }
            state.set(State.FAILED);
        } finally {
            if (drivingFaces != null) {
                drivingFaces.close();
            }
            capture.close();
            recordingNow = null;
            long finalRecorded = recorded;
            Stats s = stats;
            stats = new Stats(s.frames(), s.fps(), s.latencyMs(), capture.dropped(), s.withoutFace(), finalRecorded,
                    s.seconds());
            Frame last = latest.get();
            if (last != null) {
                latest.set(new Frame(last.source(), last.driving(), last.result(), last.number(), stats));
            }
            done.countDown();
        }
    }

    private Stats stats(long frames, ArrayDeque<Long> recent, double latencyMs, long withoutFace, long recorded,
                        long firstCapture) {
        double seconds = (System.nanoTime() - firstCapture) / 1e9;
        double latency = latencyMs > 0 ? latencyMs : stats.latencyMs();
        // Results of the last second; the one before them stays in the window, so a slow model still has a rate.
        double fps = recent.size() < 2 ? 0 : (recent.size() - 1) * 1e9 / (recent.peekLast() - recent.peekFirst());
        return new Stats(frames, fps, latency, capture.dropped(), withoutFace, recorded, seconds);
    }

    /** Finishes a recording (moved into place); the frames it holds. */
    private long finish(VideoEncoder encoder, Path file) {
        if (encoder == null) {
            return 0;
        }
        long n = encoder.framesWritten();
        encoder.close();
        lastRecording = file;
        log.info("recorded {} frames to {}", n, file);
        return n;
    }

    /** As {@link #finish}, after a lost camera: what was recorded so far is kept. */
    private long finishQuietly(VideoEncoder encoder, Path file) {
        try {
            return finish(encoder, file);
        } catch (RuntimeException e) {
            log.warn("cannot finish the recording {}: {}", file, e.getMessage());
            return 0;
        }
    }

    private static String oneLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = m.indexOf('\n');
        return nl >= 0 ? m.substring(0, nl) : m;
    }

    /** The newest picture and counters, or null before the first picture. Any thread. */
    public Frame latest() {
        return latest.get();
    }

    public State state() {
        return state.get();
    }

    /** Why the session was lost or failed (one line), else null. */
    public String message() {
        return message;
    }

    public Stats stats() {
        return stats;
    }

    /** The file being recorded to, or null. */
    public Path recording() {
        return recordingNow;
    }

    /** The next animated picture becomes the neutral pose (Avatarify's "recapture" key). Any thread. */
    public void recaptureNeutral() {
        recapture.set(true);
    }

    /**
     * Records the results from the next picture on to {@code file} (a recording in progress is finished first);
     * null finishes the recording. Takes effect on the worker thread, before its next picture.
     */
    public void record(Path file) {
        recordRequest.set(Optional.ofNullable(file));
    }

    /** Asks the session to stop without waiting. Any thread. */
    public void requestStop() {
        stopRequested.set(true);
        if (worker != Thread.currentThread()) {
            // Ends a grab that waits for the camera; the worker closes the capture again (idempotent).
            capture.close();
        }
    }

    /** Stops, waits for the worker to finish the recording, and reports. */
    public Report stop() {
        requestStop();
        return awaitEnd();
    }

    /** Waits for the session to end on its own (the end of a file, {@code maxFrames}, a lost camera). */
    public Report awaitEnd() {
        try {
            done.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return report();
    }

    /** True once the session has ended and released the capture and the recording (never blocks). */
    public boolean ended() {
        return done.getCount() == 0;
    }

    /** Waits at most {@code timeout}; true when the session has ended. */
    public boolean awaitEnd(long timeout, TimeUnit unit) throws InterruptedException {
        return done.await(timeout, unit);
    }

    private Report report() {
        return new Report(state.get(), message, stats, lastRecording);
    }

    @Override
    public void close() {
        stop();
    }
}
