package org.anivid.fomm.data;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.anivid.core.InvalidInputException;
import org.anivid.core.RgbImage;

/**
 * Makes samples the way the official code does, with every random choice taken from a generator seeded by
 * (seed, epoch, position in the epoch), so that a sample does not depend on which thread makes it or when.
 * Thread-safe.
 *
 * <p>An epoch is a permutation, seeded by (seed, epoch), of {@code entries × numRepeats} items (the official
 * {@code DatasetRepeater} under a shuffling {@code DataLoader}); item {@code i} is entry {@code i mod entries}, an
 * entry being an id with id sampling and a clip without. A sample's draws, in order: the clip among its id's clips;
 * two frame indices, uniform with replacement, sorted ({@code np.sort(np.random.choice(n, size=2))}); the time flip
 * and horizontal flip coins; the four jitter factors and the order of the four jitter operations. All are drawn even
 * when an option is off, so turning one off does not change the others.
 */
final class BatchMaker {
    private final SamplingParams sampling;
    private final long seed;
    private final int batchSize;
    private final int height;
    private final int width;
    private final List<List<ClipRef>> entries;
    private final int itemsPerEpoch;
    private final FrameCache cache;
    private final Map<Long, int[]> orders = new LinkedHashMap<>(4, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, int[]> eldest) {
            return size() > 3;
        }
    };

    BatchMaker(FommDataset dataset, SamplingParams sampling, long seed, int batchSize, FrameCache cache) {
        this.sampling = sampling;
        this.seed = seed;
        this.batchSize = batchSize;
        this.height = dataset.frameHeight();
        this.width = dataset.frameWidth();
        this.cache = cache;
        List<List<ClipRef>> list = new ArrayList<>();
        if (sampling.idSampling()) {
            list.addAll(dataset.ids().values());
        } else {
            for (ClipRef c : dataset.clips()) {
                list.add(List.of(c));
            }
        }
        this.entries = List.copyOf(list);
        long items = (long) entries.size() * sampling.numRepeats();
        if (items > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(entries.size() + " entries x " + sampling.numRepeats()
                    + " repeats is too many samples for one epoch");
        }
        this.itemsPerEpoch = (int) items;
        if (itemsPerEpoch < batchSize) {
            throw new InvalidInputException(dataset.folder(), entries.size()
                    + (sampling.idSampling() ? " ids" : " clips") + " x " + sampling.numRepeats() + " repeats = "
                    + itemsPerEpoch + " samples per epoch, fewer than one batch of " + batchSize
                    + " (incomplete batches are dropped): lower the batch size, raise num_repeats or add clips");
        }
    }

    int batchesPerEpoch() {
        return itemsPerEpoch / batchSize;
    }

    int itemsPerEpoch() {
        return itemsPerEpoch;
    }

    int batchSize() {
        return batchSize;
    }

    int height() {
        return height;
    }

    int width() {
        return width;
    }

    /** The epoch's order of items (entry = item mod entries). */
    synchronized int[] order(long epoch) {
        int[] order = orders.get(epoch);
        if (order == null) {
            order = new int[itemsPerEpoch];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            SplittableRandom rng = new SplittableRandom(Samples.seed(seed, epoch, -1));
            for (int i = order.length - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            orders.put(epoch, order);
        }
        return order;
    }

    /** A whole batch on the calling thread (what the threaded loader delivers for the same batch). */
    TrainingBatch batch(long epoch, int index) {
        int plane = 3 * height * width;
        float[] source = new float[batchSize * plane];
        float[] driving = new float[batchSize * plane];
        List<SampleInfo> infos = new ArrayList<>();
        for (int slot = 0; slot < batchSize; slot++) {
            infos.add(sample(epoch, index * batchSize + slot, source, driving, slot * plane));
        }
        return new TrainingBatch(epoch, index, batchSize, height, width, source, driving, infos);
    }

    /**
     * Sample {@code position} of an epoch, written as {@code (3, h, w)} at {@code offset} of both arrays.
     *
     * @throws InvalidInputException naming the clip when it cannot be read or does not fit the frame shape
     */
    SampleInfo sample(long epoch, int position, float[] source, float[] driving, int offset) {
        int item = order(epoch)[position];
        List<ClipRef> candidates = entries.get(item % entries.size());
        SplittableRandom rng = new SplittableRandom(Samples.seed(seed, epoch, position));
        ClipRef clip = candidates.get(rng.nextInt(candidates.size()));
        Pair pair;
        try {
            pair = read(clip, rng);
        } catch (InvalidInputException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new IllegalStateException(clip.path() + ": reading the clip failed: " + e, e);
        }
        boolean timeCoin = rng.nextDouble() < 0.5;
        boolean mirrorCoin = rng.nextDouble() < 0.5;
        // The official RandomFlip returns right after a time flip, so a time-flipped sample is never mirrored.
        boolean timeFlip = sampling.timeFlip() && timeCoin;
        boolean mirror = !timeFlip && sampling.horizontalFlip() && mirrorCoin;
        Jitter jitter = drawJitter(rng);
        RgbImage first = pair.first;
        RgbImage second = pair.second;
        int firstIndex = pair.firstIndex;
        int secondIndex = pair.secondIndex;
        if (timeFlip) {
            RgbImage t = first;
            first = second;
            second = t;
            firstIndex = pair.secondIndex;
            secondIndex = pair.firstIndex;
        }
        if (jitter != null) {
            // Jitter is position-independent (contrast uses the global mean), so it commutes with the mirror.
            first = ColorJitter.apply(first, jitter);
            second = ColorJitter.apply(second, jitter);
        }
        Samples.writePlanar(first, mirror, source, offset);
        Samples.writePlanar(second, mirror, driving, offset);
        return new SampleInfo(clip.name(), pair.frameCount, firstIndex, secondIndex, timeFlip, mirror, jitter);
    }

    private Jitter drawJitter(SplittableRandom rng) {
        double b = uniform(rng, Math.max(0, 1 - sampling.brightness()), 1 + sampling.brightness());
        double c = uniform(rng, Math.max(0, 1 - sampling.contrast()), 1 + sampling.contrast());
        double s = uniform(rng, Math.max(0, 1 - sampling.saturation()), 1 + sampling.saturation());
        double h = uniform(rng, -sampling.hue(), sampling.hue());
        Jitter.Op[] order = {Jitter.Op.BRIGHTNESS, Jitter.Op.SATURATION, Jitter.Op.HUE, Jitter.Op.CONTRAST};
        for (int i = order.length - 1; i > 0; i--) { // random.shuffle
            int j = rng.nextInt(i + 1);
            Jitter.Op t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        if (!sampling.jitters()) {
            return null;
        }
        // An operation that is off runs with the neutral factor: Pillow's blend at 1 and a hue shift of 0 are exact.
        return new Jitter(sampling.brightness() > 0 ? b : 1, sampling.contrast() > 0 ? c : 1,
                sampling.saturation() > 0 ? s : 1, sampling.hue() > 0 ? h : 0, List.of(order));
    }

    private static double uniform(SplittableRandom rng, double a, double b) {
        return a + (b - a) * rng.nextDouble(); // Python's random.uniform
    }

    private record Pair(int frameCount, int firstIndex, int secondIndex, RgbImage first, RgbImage second) {
    }

    /** Two frames of a clip, from the cache, by decoding it whole into the cache, or read directly. */
    private Pair read(ClipRef clip, SplittableRandom rng) {
        RgbImage[] all = cache.get(clip.path());
        if (all != null) {
            int[] ab = pick(all.length, rng);
            return new Pair(all.length, ab[0], ab[1], all[ab[0]], all[ab[1]]);
        }
        try (ClipReader.OpenClip open = ClipReader.open(clip, height, width)) {
            int n = open.frameCount();
            long bytes = FrameCache.bytesOf(n, height, width);
            if (cache.reserve(bytes)) {
                RgbImage[] frames;
                try {
                    frames = open.all();
                } catch (RuntimeException e) {
                    cache.release(bytes);
                    throw e;
                }
                cache.put(clip.path(), frames, bytes);
                int[] ab = pick(n, rng);
                return new Pair(n, ab[0], ab[1], frames[ab[0]], frames[ab[1]]);
            }
            int[] ab = pick(n, rng);
            RgbImage first = open.frame(ab[0]);
            RgbImage second = ab[1] == ab[0] ? first : open.frame(ab[1]);
            return new Pair(n, ab[0], ab[1], first, second);
        }
    }

    private static int[] pick(int n, SplittableRandom rng) {
        int a = rng.nextInt(n);
        int b = rng.nextInt(n);
        return a <= b ? new int[] {a, b} : new int[] {b, a};
    }
}
