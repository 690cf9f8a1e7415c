package org.anivid.fomm.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.anivid.core.InvalidInputException;
import org.anivid.core.RgbImage;
import org.anivid.media.TestClips;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FommDataLoaderTest {
    private static final int S = 16;
    private static final int FRAMES = 5;
    /** Clip name → code (the red value's tens). */
    private static final Map<String, Integer> CODES = Map.of("A-e1#1", 1, "A-e1#2", 2, "A-e1#3", 3, "B-e1#4", 4,
            "C-e2#5", 5, "D-e3#6", 6);

    @TempDir
    Path tmp;
    Path root;
    FommDataset set;

    @BeforeEach
    void makeDataset() {
        root = DataFixtures.layout(tmp.resolve("set"));
        CODES.forEach((name, code) -> DataFixtures.pngClip(root.resolve("train"), name, code, FRAMES, S, S));
        set = FommDataset.open(root, FommDataset.Split.TRAIN, S, S);
    }

    @AfterEach
    void close() {
        set.close();
    }

    private static final SamplingParams PLAIN = SamplingParams.VOX256.withoutAugmentation();

    private List<TrainingBatch> run(FommDataset data, SamplingParams sampling, LoaderOptions options) {
        List<TrainingBatch> out = new ArrayList<>();
        try (FommDataLoader loader = FommDataLoader.open(data, sampling, options)) {
            while (loader.hasNext()) {
                out.add(loader.next());
            }
        }
        return out;
    }

    private List<TrainingBatch> run(SamplingParams sampling, int batch, long epochs) {
        return run(set, sampling, LoaderOptions.of(batch, 7).withEpochs(epochs).withThreads(2));
    }

    /** Each sample with its batch and slot, for checks over many samples. */
    private record Drawn(TrainingBatch batch, int slot, SampleInfo info) {
        int[] source() {
            return DataFixtures.codeAndFrame(batch.source(), slot, S, S);
        }

        int[] driving() {
            return DataFixtures.codeAndFrame(batch.driving(), slot, S, S);
        }

        RgbImage sourcePicture() {
            return DataFixtures.picture(batch.source(), slot * 3 * S * S, S, S);
        }

        RgbImage drivingPicture() {
            return DataFixtures.picture(batch.driving(), slot * 3 * S * S, S, S);
        }
    }

    private static List<Drawn> samples(List<TrainingBatch> batches) {
        List<Drawn> out = new ArrayList<>();
        for (TrainingBatch b : batches) {
            for (int i = 0; i < b.size(); i++) {
                out.add(new Drawn(b, i, b.samples().get(i)));
            }
        }
        return out;
    }

    @Test
    void idSamplingVisitsEveryIdOncePerRepeatAndPicksAmongItsClips() {
        SamplingParams byId = PLAIN.withRepeats(3);
        // 4 ids (A-e1, B-e1, C-e2, D-e3) × 3 repeats = 12 samples: 3 batches of 4.
        List<TrainingBatch> epochs = run(byId, 4, 6);
        assertThat(epochs).hasSize(18);
        Map<Long, Map<String, Integer>> perEpoch = new HashMap<>();
        Set<String> clipsOfA = new HashSet<>();
        for (Drawn d : samples(epochs)) {
            String id = ClipRef.idOf(d.info().clip());
            perEpoch.computeIfAbsent(d.batch().epoch(), k -> new HashMap<>()).merge(id, 1, Integer::sum);
            if (id.equals("A-e1")) {
                clipsOfA.add(d.info().clip());
            }
            // The pixels come from the clip the sample names.
            assertThat(d.source()[0]).isEqualTo(CODES.get(d.info().clip()));
        }
        for (Map<String, Integer> counts : perEpoch.values()) {
            assertThat(counts).containsExactlyInAnyOrderEntriesOf(Map.of("A-e1", 3, "B-e1", 3, "C-e2", 3, "D-e3", 3));
        }
        assertThat(clipsOfA).containsExactlyInAnyOrder("A-e1#1", "A-e1#2", "A-e1#3");

        // Without id sampling every clip is an entry: 6 clips × 2 repeats = 12 samples, each clip twice.
        List<TrainingBatch> byClip = run(PLAIN.withIdSampling(false).withRepeats(2), 4, 1);
        assertThat(byClip).hasSize(3);
        Map<String, Integer> counts = new HashMap<>();
        samples(byClip).forEach(d -> counts.merge(d.info().clip(), 1, Integer::sum));
        assertThat(counts).hasSize(6).allSatisfy((clip, n) -> assertThat(n).isEqualTo(2));
    }

    @Test
    void aSampleIsTwoFramesOfOneClipInSortedOrderExactlyAsStored() {
        List<Drawn> drawn = samples(run(PLAIN.withIdSampling(false).withRepeats(10), 6, 2));
        assertThat(drawn).hasSize(120);
        int same = 0;
        Set<Integer> framesSeen = new HashSet<>();
        for (Drawn d : drawn) {
            int code = CODES.get(d.info().clip());
            assertThat(d.source()[0]).isEqualTo(code);
            assertThat(d.driving()[0]).isEqualTo(code);
            assertThat(d.info().sourceFrame()).isEqualTo(d.source()[1]).isLessThanOrEqualTo(d.info().drivingFrame());
            assertThat(d.info().drivingFrame()).isEqualTo(d.driving()[1]);
            assertThat(d.info().frameCount()).isEqualTo(FRAMES);
            assertThat(d.info().timeFlip() || d.info().horizontalFlip() || d.info().jitter() != null).isFalse();
            assertThat(d.sourcePicture().pixels()).isEqualTo(DataFixtures.frame(code, d.info().sourceFrame(), S, S)
                    .pixels());
            assertThat(d.drivingPicture().pixels()).isEqualTo(DataFixtures.frame(code, d.info().drivingFrame(), S, S)
                    .pixels());
            same += d.info().sourceFrame() == d.info().drivingFrame() ? 1 : 0;
            framesSeen.add(d.info().sourceFrame());
            framesSeen.add(d.info().drivingFrame());
        }
        // Drawn with replacement: the same frame twice about 1/5 of the time.
        assertThat(same).isBetween(10, 45);
        assertThat(framesSeen).containsExactlyInAnyOrder(0, 1, 2, 3, 4);
    }

    @Test
    void timeFlipSwapsSourceAndDriving() {
        List<Drawn> drawn = samples(run(PLAIN.withIdSampling(false).withRepeats(10).withFlips(false, true), 6, 2));
        int flipped = 0;
        for (Drawn d : drawn) {
            int s = d.source()[1];
            int t = d.driving()[1];
            assertThat(s).isEqualTo(d.info().sourceFrame());
            assertThat(t).isEqualTo(d.info().drivingFrame());
            if (d.info().timeFlip()) {
                flipped++;
                assertThat(s).isGreaterThanOrEqualTo(t);
            } else {
                assertThat(s).isLessThanOrEqualTo(t);
            }
            assertThat(d.info().horizontalFlip()).isFalse();
        }
        assertThat(flipped).isBetween(36, 84); // of 120, p = 0.5
        assertThat(drawn).anySatisfy(d -> assertThat(d.source()[1]).isGreaterThan(d.driving()[1]));
    }

    /** Frame of the fixture mirrored by hand: green falls with x instead of rising. */
    private static byte[] mirrored(int code, int f) {
        byte[] px = new byte[S * S * 3];
        for (int y = 0; y < S; y++) {
            for (int x = 0; x < S; x++) {
                int i = (y * S + x) * 3;
                px[i] = (byte) (20 * code + f);
                px[i + 1] = (byte) ((S - 1 - x) * 255 / (S - 1));
                px[i + 2] = (byte) (y * 255 / (S - 1));
            }
        }
        return px;
    }

    @Test
    void horizontalFlipMirrorsBothFramesExactly() {
        List<Drawn> drawn = samples(run(PLAIN.withIdSampling(false).withRepeats(10).withFlips(true, false), 6, 2));
        int mirroredCount = 0;
        for (Drawn d : drawn) {
            int code = CODES.get(d.info().clip());
            if (d.info().horizontalFlip()) {
                mirroredCount++;
                assertThat(d.sourcePicture().pixels()).isEqualTo(mirrored(code, d.info().sourceFrame()));
                assertThat(d.drivingPicture().pixels()).isEqualTo(mirrored(code, d.info().drivingFrame()));
            } else {
                assertThat(d.sourcePicture().pixels()).isEqualTo(DataFixtures.frame(code, d.info().sourceFrame(), S,
                        S).pixels());
            }
        }
        assertThat(mirroredCount).isBetween(36, 84);

        // Both flips on, as the official RandomFlip: time flip half the time, a mirror only without it (a quarter).
        List<Drawn> both = samples(run(PLAIN.withIdSampling(false).withRepeats(20).withFlips(true, true), 6, 2));
        assertThat(both).hasSize(240).noneSatisfy(d -> assertThat(d.info().timeFlip() && d.info().horizontalFlip())
                .isTrue());
        long time = both.stream().filter(d -> d.info().timeFlip()).count();
        long mirror = both.stream().filter(d -> d.info().horizontalFlip()).count();
        assertThat(time).isBetween(90L, 150L);
        assertThat(mirror).isBetween(35L, 85L);
    }

    @Test
    void colourJitterUsesTheSameFactorsAndOrderOnBothFrames() {
        SamplingParams jitter = PLAIN.withIdSampling(false).withRepeats(10).withJitter(0.1);
        List<Drawn> drawn = samples(run(jitter, 6, 2));
        Set<List<Jitter.Op>> orders = new HashSet<>();
        int changed = 0;
        for (Drawn d : drawn) {
            Jitter j = d.info().jitter();
            assertThat(j).isNotNull();
            assertThat(j.brightness()).isBetween(0.9, 1.1);
            assertThat(j.contrast()).isBetween(0.9, 1.1);
            assertThat(j.saturation()).isBetween(0.9, 1.1);
            assertThat(j.hue()).isBetween(-0.1, 0.1);
            orders.add(j.order());
            int code = CODES.get(d.info().clip());
            RgbImage source = DataFixtures.frame(code, d.info().sourceFrame(), S, S);
            RgbImage driving = DataFixtures.frame(code, d.info().drivingFrame(), S, S);
            assertThat(d.sourcePicture().pixels()).isEqualTo(ColorJitter.apply(source, j).pixels());
            assertThat(d.drivingPicture().pixels()).isEqualTo(ColorJitter.apply(driving, j).pixels());
            if (d.info().sourceFrame() == d.info().drivingFrame()) {
                assertThat(d.batch().source()).containsSubsequence(slice(d.batch().driving(), d.slot()));
            }
            changed += java.util.Arrays.equals(d.sourcePicture().pixels(), source.pixels()) ? 0 : 1;
        }
        assertThat(changed).isGreaterThan(110);
        assertThat(orders.size()).isGreaterThan(10); // of the 24 orders
    }

    private static float[] slice(float[] planar, int slot) {
        return java.util.Arrays.copyOfRange(planar, slot * 3 * S * S, (slot + 1) * 3 * S * S);
    }

    private static void assertSameBatches(List<TrainingBatch> a, List<TrainingBatch> b) {
        assertThat(a).hasSameSizeAs(b);
        for (int i = 0; i < a.size(); i++) {
            TrainingBatch x = a.get(i);
            TrainingBatch y = b.get(i);
            assertThat(y.epoch()).as("batch %d epoch", i).isEqualTo(x.epoch());
            assertThat(y.indexInEpoch()).as("batch %d index", i).isEqualTo(x.indexInEpoch());
            assertThat(y.samples()).as("batch %d samples", i).isEqualTo(x.samples());
            assertThat(y.source()).as("batch %d source", i).isEqualTo(x.source());
            assertThat(y.driving()).as("batch %d driving", i).isEqualTo(x.driving());
        }
    }

    @Test
    void theSameSeedGivesTheSameBatchesWhateverTheThreads() {
        SamplingParams vox = SamplingParams.VOX256.withRepeats(6); // id sampling, flips and jitter
        LoaderOptions base = LoaderOptions.of(3, 42).withEpochs(3);
        List<TrainingBatch> one = run(set, vox, base.withThreads(1).withPrefetch(1));
        List<TrainingBatch> four = run(set, vox, base.withThreads(4).withPrefetch(3));
        assertThat(one).hasSize(24); // 4 ids × 6 repeats / 3 = 8 per epoch
        assertSameBatches(one, four);
        // The same as made directly on this thread, without a cache.
        assertSameBatches(List.of(one.get(13)), List.of(FommDataLoader.batchAt(set, vox, 3, 42, 1, 5)));
        // Another seed draws other samples.
        List<TrainingBatch> other = run(set, vox, LoaderOptions.of(3, 43).withEpochs(1).withThreads(2));
        assertThat(other.get(0).samples()).isNotEqualTo(one.get(0).samples());
        // Epochs are shuffled differently.
        assertThat(samples(one.subList(0, 8)).stream().map(d -> d.info().clip()).toList())
                .isNotEqualTo(samples(one.subList(8, 16)).stream().map(d -> d.info().clip()).toList());
    }

    @Test
    void aResumedRunYieldsTheTailOfAnUninterruptedOne() {
        SamplingParams vox = SamplingParams.VOX256.withRepeats(4); // 16 samples: 5 batches of 3, one dropped
        List<TrainingBatch> whole = run(set, vox, LoaderOptions.of(3, 9).withEpochs(3).withThreads(2));
        assertThat(whole).hasSize(15);
        assertThat(whole).extracting(TrainingBatch::epoch).containsExactly(0L, 0L, 0L, 0L, 0L, 1L, 1L, 1L, 1L, 1L,
                2L, 2L, 2L, 2L, 2L);
        List<TrainingBatch> resumed = run(set, vox, LoaderOptions.of(3, 9).withEpochs(3).withThreads(3)
                .startingAt(1, 2));
        assertThat(resumed.get(0).epoch()).isEqualTo(1);
        assertThat(resumed.get(0).indexInEpoch()).isEqualTo(2);
        assertSameBatches(whole.subList(7, 15), resumed);
        // The dataset's own shorthand (what the trainer calls) gives the same batches.
        try (FommDataLoader loader = set.batches(9, 3, 4, 1, 2, 2)) {
            assertSameBatches(whole.subList(7, 10), List.of(loader.next(), loader.next(), loader.next()));
        }
    }

    @Test
    void videosGiveTheSameSamplesFromTheCacheAndBySeeking() throws Exception {
        Path videos = DataFixtures.layout(tmp.resolve("videos"));
        // 160² clips read at 80²: area-averaged by 2 (TestClips' frame-number blocks need widths in tens).
        TestClips.write(videos.resolve("train").resolve("V-e1#1.mp4"), 20, 160, 160, 6);
        TestClips.write(videos.resolve("train").resolve("V-e2#2.mp4"), 14, 160, 160, 6);
        SamplingParams plain = PLAIN.withIdSampling(false).withRepeats(8);
        LoaderOptions options = LoaderOptions.of(4, 5).withEpochs(1).withThreads(2);
        List<TrainingBatch> cached;
        List<TrainingBatch> seeking;
        String cacheSummary;
        try (FommDataset withCache = FommDataset.open(videos, FommDataset.Split.TRAIN, 80, 80, plain, 1L << 30);
                FommDataLoader loader = FommDataLoader.open(withCache, plain, options)) {
            cached = new ArrayList<>();
            while (loader.hasNext()) {
                cached.add(loader.next());
            }
            cacheSummary = loader.cacheSummary();
        }
        try (FommDataset noCache = FommDataset.open(videos, FommDataset.Split.TRAIN, 80, 80, plain, 0)) {
            seeking = run(noCache, plain, options);
        }
        assertThat(cacheSummary).contains("2 clips").doesNotContain(" 0 hits");
        assertSameBatches(cached, seeking);
        for (TrainingBatch b : cached) {
            for (int i = 0; i < b.size(); i++) {
                SampleInfo info = b.samples().get(i);
                assertThat(info.frameCount()).isEqualTo(info.clip().equals("V-e1#1") ? 20 : 14);
                assertThat(TestClips.number(DataFixtures.picture(b.source(), i * 3 * 80 * 80, 80, 80)))
                        .isEqualTo(info.sourceFrame());
                assertThat(TestClips.number(DataFixtures.picture(b.driving(), i * 3 * 80 * 80, 80, 80)))
                        .isEqualTo(info.drivingFrame());
            }
        }
    }

    /** The index of the first batch {@link FommDataLoader#batchAt} cannot make, or -1. */
    private static int firstFailingBatch(FommDataset data, SamplingParams sampling, int batch, long seed) {
        int per = FommDataLoader.batchesPerEpoch(data, sampling, batch);
        for (int i = 0; i < per; i++) {
            try {
                FommDataLoader.batchAt(data, sampling, batch, seed, 0, i);
            } catch (InvalidInputException e) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void aBadClipSurfacesOnTheConsumerAtItsBatchNamingTheClip() throws Exception {
        Path small = DataFixtures.pngClip(root.resolve("train"), "Z-e9#7", 7, 3, 8, 8);
        Path broken = root.resolve("train").resolve("Y-e8#8.mp4");
        Files.write(broken, "this is not an mp4 file at all".getBytes());
        SamplingParams plain = PLAIN.withIdSampling(false).withRepeats(3);
        try (FommDataset data = FommDataset.open(root, FommDataset.Split.TRAIN, S, S)) {
            int failing = firstFailingBatch(data, plain, 2, 11);
            assertThat(failing).isGreaterThanOrEqualTo(0);
            List<TrainingBatch> delivered = new ArrayList<>();
            Throwable error = null;
            try (FommDataLoader loader = FommDataLoader.open(data, plain, LoaderOptions.of(2, 11).withEpochs(1)
                    .withThreads(3))) {
                while (loader.hasNext()) {
                    delivered.add(loader.take());
                }
            } catch (InvalidInputException e) {
                error = e;
            }
            assertThat(delivered).hasSize(failing);
            assertThat(error).isInstanceOf(InvalidInputException.class);
            String message = error.getMessage();
            if (message.contains(small.toString())) {
                assertThat(message).contains("8x8").contains("16x16");
            } else {
                assertThat(message).contains(broken.toString());
            }
            assertThat(((InvalidInputException) error).file()).isIn(small, broken);
        }
        // An epoch that cannot fill one batch is refused up front.
        assertThatThrownBy(() -> FommDataLoader.open(set, PLAIN.withRepeats(1), LoaderOptions.of(5, 1)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("4 ids x 1 repeats = 4 samples")
                .hasMessageContaining("batch of 5");
    }

    private static long liveWorkers() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("fomm-data-") && t.isAlive()).count();
    }

    @Test
    void closeStopsTheThreadsWhereverTheyAre() throws Exception {
        // Workers blocked on the prefetch limit, never consumed.
        FommDataLoader idle = FommDataLoader.open(set, SamplingParams.VOX256, LoaderOptions.of(2, 1).withThreads(3)
                .withPrefetch(2));
        assertThat(idle.next().size()).isEqualTo(2);
        Thread.sleep(50);
        idle.close();
        assertThat(liveWorkers()).isZero();
        assertThat(idle.hasNext()).isFalse();
        assertThatThrownBy(idle::take).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");

        // A consumer waiting for a batch when another thread closes the loader.
        FommDataLoader waiting = FommDataLoader.open(set, SamplingParams.VOX256, LoaderOptions.of(2, 1)
                .withThreads(1).withPrefetch(1));
        // It takes batches until the loader is closed under it (the loader has no end, so only close stops it;
        // a bounded loop could finish first on a fast machine).
        CompletableFuture<Throwable> consumer = CompletableFuture.supplyAsync(() -> {
            try {
                while (true) {
                    waiting.take();
                }
            } catch (Throwable t) {
                return t;
            }
        });
        Thread.sleep(100);
        waiting.close();
        assertThat(consumer.get(10, TimeUnit.SECONDS)).isInstanceOf(IllegalStateException.class);
        assertThat(liveWorkers()).isZero();

        // The end of the last epoch; an interrupted consumer.
        try (FommDataLoader bounded = FommDataLoader.open(set, PLAIN.withRepeats(2), LoaderOptions.of(4, 1)
                .withEpochs(1))) {
            assertThat(bounded.batchesPerEpoch()).isEqualTo(2);
            bounded.next();
            bounded.next();
            assertThat(bounded.hasNext()).isFalse();
            assertThatThrownBy(bounded::next).isInstanceOf(NoSuchElementException.class);
        }
        try (FommDataLoader loader = FommDataLoader.open(set, SamplingParams.VOX256, LoaderOptions.of(2, 1))) {
            Thread.currentThread().interrupt();
            assertThatThrownBy(loader::next).isInstanceOf(CancellationException.class);
            assertThat(Thread.interrupted()).isTrue();
        }
        assertThat(liveWorkers()).isZero();
    }
}
