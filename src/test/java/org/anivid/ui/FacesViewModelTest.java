package org.anivid.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.anivid.core.BoundingBox;
import org.anivid.core.Episode;
import org.anivid.core.FaceBox;
import org.anivid.core.FrameRange;
import org.anivid.core.InvalidInputException;
import org.anivid.core.VideoInfo;
import org.anivid.faces.track.FrameFlag;
import org.anivid.jobs.JobHandle;
import org.anivid.jobs.JobQueue;
import org.anivid.library.AnalysisStore;
import org.anivid.library.Library;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The faces view-model without a screen: the test thread plays the FX thread (callbacks are queued and run here),
 * library reads run inline, jobs run in a real queue.
 */
class FacesViewModelTest {
    @TempDir
    Path temp;

    private Library library;
    private JobQueue queue;
    private Episode episode;
    private final BlockingQueue<Runnable> fxThread = new LinkedBlockingQueue<>();

    @BeforeEach
    void open() {
        library = Library.open(temp.resolve("lib"));
        queue = new JobQueue();
        Path path = temp.resolve("ep.mp4");
        VideoInfo info = new VideoInfo(path, "mp4", "h264", 1920, 1080, 0, 24, 10, 10 / 24.0, false, false, 1000);
        long series = library.series().getOrCreate("Test series").id();
        episode = library.episodes().insert(series, "Episode 1", path, "hash-1", info);
    }

    @AfterEach
    void close() {
        queue.close();
        library.close();
    }

    private FacesViewModel model(java.util.function.Function<Episode, org.anivid.jobs.Job<?>> job) {
        return new FacesViewModel(library, queue, job, Runnable::run, fxThread::add);
    }

    /** What a face search stores: two tracks on a 10-frame episode, and the per-frame flags and best scores. */
    private void storeFaces(long episodeId) {
        long one = library.faces().insertTrack(episodeId, null, new FrameRange(0, 6), "auto:test");
        long two = library.faces().insertTrack(episodeId, null, new FrameRange(4, 8), "auto:test");
        List<FaceBox> boxes = new ArrayList<>();
        for (int f = 0; f < 6; f++) {
            boxes.add(new FaceBox(0, episodeId, f, new BoundingBox(100 + f, 200, 300 + f, 420), 0.9f, one, false));
        }
        for (int f = 4; f < 8; f++) {
            boxes.add(new FaceBox(0, episodeId, f, new BoundingBox(1200, 100, 1400, 330), f < 6 ? 0.8f : 0.4f, two,
                    false));
        }
        library.faces().insertBoxes(boxes);
        float[] flags = {1, 1, 1, 1, 2, 2, 3, 3, 0, 0};
        float[] best = {0.9f, 0.9f, 0.9f, 0.9f, 0.9f, 0.9f, 0.4f, 0.4f, 0, 0};
        String parameters = "{\"model\":\"test\",\"stride\":3,\"detect_side\":640,\"confidence\":0.6}";
        library.analysis().saveSeries(episodeId, AnalysisStore.FACE_FLAGS, "auto:test", parameters, flags);
        library.analysis().saveSeries(episodeId, AnalysisStore.FACE_SCORES, "auto:test", parameters, best);
    }

    @Test
    void showsStoredFlagsScoresAndBoxesOfAFrame() {
        storeFaces(episode.id());
        FacesViewModel vm = model(e -> ctx -> null);
        vm.open(episode);
        runFxUntil(() -> vm.flags().length == 10);
        assertThat(vm.flags()).containsExactly(FrameFlag.ONE_FACE, FrameFlag.ONE_FACE, FrameFlag.ONE_FACE,
                FrameFlag.ONE_FACE, FrameFlag.SEVERAL_FACES, FrameFlag.SEVERAL_FACES, FrameFlag.LOW_CONFIDENCE,
                FrameFlag.LOW_CONFIDENCE, FrameFlag.NO_FACE, FrameFlag.NO_FACE);
        assertThat(vm.scores()).containsExactly(0.9f, 0.9f, 0.9f, 0.9f, 0.9f, 0.9f, 0.4f, 0.4f, 0f, 0f);
        FacesViewModel.Faces faces = vm.facesProperty().get();
        assertThat(faces.confidence()).isEqualTo(0.6f);
        assertThat(faces.trackCount()).isEqualTo(2);
        assertThat(faces.boxCount()).isEqualTo(10);

        assertThat(vm.boxesAt(2)).singleElement().satisfies(b -> {
            assertThat(b.box()).isEqualTo(new BoundingBox(102, 200, 302, 420));
            assertThat(faces.isOneFace(2, b)).as("ONE_FACE frame, score 0.9").isTrue();
        });
        // The per-frame index holds exactly what the store returns for that frame.
        for (int f = 0; f < 10; f++) {
            assertThat(vm.boxesAt(f)).isEqualTo(library.faces().boxes(episode.id(), new FrameRange(f, f + 1)));
        }
        assertThat(vm.boxesAt(5)).hasSize(2).allSatisfy(b -> assertThat(faces.isOneFace(5, b)).isFalse());
        assertThat(vm.boxesAt(7)).singleElement().satisfies(b -> assertThat(faces.isOneFace(7, b)).isFalse());
        assertThat(vm.boxesAt(9)).isEmpty();
        assertThat(vm.summaryProperty().get()).contains("4/10 frames with one face").contains("2 tracks");
        assertThat(vm.detailProperty().get()).contains("several faces: 2").contains("low confidence (< 0.60): 2")
                .contains("no face: 2").contains("10 boxes in 2 tracks");
    }

    @Test
    void anEpisodeWithoutFacesSaysSo() {
        FacesViewModel vm = model(e -> ctx -> null);
        vm.open(episode);
        runFxUntil(() -> vm.summaryProperty().get().startsWith("No faces yet"));
        assertThat(vm.flags()).isEmpty();
        assertThat(vm.boxesAt(0)).isEmpty();
        assertThat(vm.facesProperty().get().searched()).isFalse();
    }

    @Test
    void findFacesQueuesTheJobAndShowsWhatItStored() throws Exception {
        List<Episode> ran = new ArrayList<>();
        CountDownLatch release = new CountDownLatch(1);
        FacesViewModel vm = model(e -> ctx -> {
            release.await(10, TimeUnit.SECONDS);
            ran.add(e);
            storeFaces(e.id());
            return "done";
        });
        vm.open(episode);
        runFxUntil(() -> vm.summaryProperty().get().startsWith("No faces yet"));

        vm.findFaces();
        assertThat(vm.runningProperty().get()).isTrue();
        JobHandle<?> handle = queue.handles().get(queue.handles().size() - 1);
        assertThat(handle.title()).isEqualTo("Faces: Episode 1");
        vm.findFaces();
        assertThat(queue.handles()).as("a second click while it runs queues nothing").hasSize(1);
        release.countDown();

        runFxUntil(() -> !vm.runningProperty().get() && vm.flags().length == 10);
        assertThat(ran).extracting(Episode::id).containsExactly(episode.id());
        assertThat(vm.boxesAt(4)).hasSize(2);
        assertThat(vm.failureProperty().get()).isNull();
        assertThat(vm.summaryProperty().get()).startsWith("Faces: 4/10 frames with one face (40%) · 2 tracks");
    }

    @Test
    void aMissingModelReachesTheUserAsAReadableMessage() {
        String reason = "no face model found: put anime_faceboxes_epoch90.pth or lbpcascade_animeface.xml into one of "
                + "[/nowhere], or pass --model PATH";
        FacesViewModel vm = model(e -> ctx -> {
            throw new InvalidInputException(null, reason);
        });
        vm.open(episode);
        vm.findFaces();
        runFxUntil(() -> vm.failureProperty().get() != null);
        assertThat(vm.failureProperty().get()).isEqualTo(reason);
        assertThat(vm.summaryProperty().get()).isEqualTo("Face search failed: " + reason);
        assertThat(vm.runningProperty().get()).isFalse();
        // Nothing was stored; the command is available again.
        assertThat(vm.flags()).isEmpty();
    }

    @Test
    void cancellingIsNotAFailure() {
        FacesViewModel vm = model(e -> ctx -> {
            while (true) {
                ctx.checkCancelled();
                Thread.sleep(5);
            }
        });
        vm.open(episode);
        vm.findFaces();
        queue.handles().get(0).cancel();
        runFxUntil(() -> !vm.runningProperty().get());
        assertThat(vm.summaryProperty().get()).isEqualTo("Face search cancelled");
        assertThat(vm.failureProperty().get()).isNull();
    }

    @Test
    void aLateLoadOfAnotherEpisodeIsDropped() {
        storeFaces(episode.id());
        Path path = temp.resolve("ep2.mp4");
        Episode other = library.episodes().insert(episode.seriesId(), "Episode 2", path, "hash-2", episode.info());
        FacesViewModel vm = model(e -> ctx -> null);
        vm.open(episode);
        vm.open(other);
        drainFx();
        assertThat(vm.facesProperty().get().episodeId()).isEqualTo(other.id());
        assertThat(vm.flags()).isEmpty();
    }

    /** Runs queued "FX thread" callbacks until the condition holds. */
    private void runFxUntil(BooleanSupplier condition) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("timed out").isLessThan(deadline);
            try {
                Runnable r = fxThread.poll(20, TimeUnit.MILLISECONDS);
                if (r != null) {
                    r.run();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void drainFx() {
        for (Runnable r = fxThread.poll(); r != null; r = fxThread.poll()) {
            r.run();
        }
    }
}
