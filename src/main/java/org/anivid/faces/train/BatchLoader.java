package org.anivid.faces.train;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.anivid.core.BoundingBox;
import org.anivid.faces.detector.Letterbox;

/**
 * Builds training batches on background threads, a few ahead of the trainer. What a batch holds depends only on
 * (seed, epoch, batch index): the epoch's order is a shuffle seeded by (seed, epoch), and every picture's
 * augmentation draws from a generator seeded by (seed, epoch, position). So batches come out the same whatever
 * the thread timing, and a run resumed at batch k of epoch e sees exactly what an uninterrupted one would have.
 */
final class BatchLoader implements AutoCloseable {
    private final Augmenter augmenter;
    private final int imageCount;
    private final int batchSize;
    private final int size;
    private final long seed;
    private final int prefetch;
    private final ExecutorService pool;
    private final Deque<Future<Batch>> pending = new ArrayDeque<>();
    private int epoch;
    private int nextToSubmit;
    private int[] order;

    /**
     * One batch.
     *
     * @param pixels planar RGB in [0, 1], {@code count × 3 × size × size}
     * @param boxes  per picture, its boxes in canvas pixels
     */
    record Batch(int epoch, int index, int count, float[] pixels, List<List<BoundingBox>> boxes) {
        int boxCount() {
            int n = 0;
            for (List<BoundingBox> b : boxes) {
                n += b.size();
            }
            return n;
        }
    }

    BatchLoader(Augmenter augmenter, int imageCount, int batchSize, int size, long seed, int workers) {
        this.augmenter = augmenter;
        this.imageCount = imageCount;
        this.batchSize = batchSize;
        this.size = size;
        this.seed = seed;
        this.prefetch = Math.max(2, workers * 2);
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "face-batches-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    int batchesPerEpoch() {
        return (imageCount + batchSize - 1) / batchSize;
    }

    /** The epoch's picture order: a Fisher–Yates shuffle seeded by (seed, epoch). */
    static int[] order(long seed, int epoch, int count) {
        int[] order = new int[count];
        for (int i = 0; i < count; i++) {
            order[i] = i;
        }
        SplittableRandom random = new SplittableRandom(mix(seed, epoch, -1));
        for (int i = count - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    static long mix(long seed, int epoch, long position) {
        return seed * 0x9E3779B97F4A7C15L + (epoch + 1L) * 0xBF58476D1CE4E5B9L + position * 0x94D049BB133111EBL;
    }

    /** Starts (or restarts) the batches of {@code epoch} at batch {@code from}; batches already queued are dropped. */
    void start(int newEpoch, int from) {
        cancelPending();
        epoch = newEpoch;
        order = order(seed, newEpoch, imageCount);
        nextToSubmit = from;
        fill();
    }

    /** The next batch of the current epoch, or null after its last one. */
    Batch next() throws InterruptedException {
        Future<Batch> head = pending.pollFirst();
        if (head == null) {
            return null;
        }
        fill();
        try {
            return head.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException("building a training batch failed", cause);
        }
    }

    private void fill() {
        while (pending.size() < prefetch && nextToSubmit < batchesPerEpoch()) {
            int index = nextToSubmit++;
            int e = epoch;
            int[] o = order;
            pending.addLast(pool.submit(() -> build(e, index, o)));
        }
    }

    Batch build(int e, int index, int[] o) {
        int from = index * batchSize;
        int count = Math.min(batchSize, imageCount - from);
        int plane = 3 * size * size;
        float[] pixels = new float[count * plane];
        List<List<BoundingBox>> boxes = new ArrayList<>(count);
        for (int k = 0; k < count; k++) {
            int position = from + k;
            SplittableRandom random = new SplittableRandom(mix(seed, e, position));
            Augmenter.Sample s = augmenter.sample(o[position], random);
            Letterbox.toChw(s.image(), pixels, k * plane);
            boxes.add(s.boxes());
        }
        return new Batch(e, index, count, pixels, boxes);
    }

    private void cancelPending() {
        for (Future<Batch> f : pending) {
            f.cancel(true);
        }
        pending.clear();
    }

    @Override
    public void close() {
        cancelPending();
        pool.shutdownNow();
    }
}
