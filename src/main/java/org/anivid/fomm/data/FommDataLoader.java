package org.anivid.fomm.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.anivid.core.InvalidInputException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Training batches of a {@link FommDataset}, as the official {@code DataLoader(DatasetRepeater(FramesDataset),
 * batch_size, shuffle=True, drop_last=True)} yields them: each sample is two frames of one clip (source first,
 * driving second) with the official augmentation, and each epoch has {@code floor(entries × repeats / batch)}
 * batches ({@link BatchMaker} gives the exact draws).
 *
 * <p><b>Deterministic.</b> Every random choice comes from a generator seeded by (seed, epoch) for the epoch's order
 * and (seed, epoch, position) for a sample, so the batches are the same whatever the thread count, the timing or
 * the cache, and a loader started at (epoch, batch) yields exactly what an uninterrupted run yields from there.
 *
 * <p><b>Threads.</b> {@code threads} background workers each claim the next sample in order, decode it and write it
 * straight into its batch's arrays; the consumer takes batches in order. Workers stay at most {@code prefetchBatches}
 * batches ahead of the consumer, so memory stays bounded while the next batch is ready before the trainer asks. A
 * worker's failure surfaces on the consumer's thread when it reaches the batch of the failing sample, as an
 * {@link InvalidInputException} naming the clip (or an {@link IllegalStateException} for other errors); earlier
 * batches are still delivered. {@link #close()} stops and joins the workers.
 *
 * <p><b>Decoded-clip cache.</b> The official loader decodes a whole video for every sample to use two of its frames.
 * Here a clip used for the first time is decoded whole at model size into the dataset's memory cache while its byte
 * budget has room, and later samples of it cost a copy; once the budget is spent, clips not in the cache are read two
 * frames at a time, by frame-accurate seeking ({@link org.anivid.media.FrameSource#frame}) or by reading just the two
 * frame files. Nothing is evicted: samples are drawn uniformly, so any eviction (LRU included) keeps the same hit
 * rate, budget / data, and pays a whole-clip decode on every miss where a two-frame read costs a tenth of that.
 * Measured ({@code LoaderMeasurement}, three runs on this 2-core machine while it was shared, so absolute times are
 * inflated; the ratios held): a 96-frame 256² H.264 clip as the exporter writes it (20 Mbit/s, a key frame every 48
 * frames) decodes whole in 80–105 ms, two random frames by seeking take 10–11 ms, a sample from the cache 0.3–0.7 ms
 * without jitter and 3–6 ms with vox-256's jitter (Pillow's arithmetic in Java); a 96-frame PNG folder takes
 * 115–220 ms whole and 1–15 ms for two files. A whole decode pays for itself after about ten samples of the clip,
 * and with vox-256's 75 repeats each clip is drawn tens to hundreds of times per epoch. 256² clips need ~19 MB per
 * 100 frames of cache.
 */
public final class FommDataLoader implements Iterator<TrainingBatch>, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(FommDataLoader.class);
    private static final long JOIN_TIMEOUT_MS = 30_000;

    private final BatchMaker maker;
    private final FrameCache cache;
    private final LoaderOptions options;
    private final int batchesPerEpoch;
    /** Batches this loader delivers in all; {@link Long#MAX_VALUE} without an end. */
    private final long totalBatches;
    /** Absolute index (epoch × batches per epoch + batch) of the first batch delivered. */
    private final long firstBatch;
    private final int plane;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Map<Long, Pending> pending = new HashMap<>();
    private final List<Thread> workers = new ArrayList<>();
    /** Next sample to claim, counted from this loader's first sample. */
    private long nextSample;
    /** Next batch to deliver, counted from this loader's first batch. */
    private long delivered;
    private long failedSample = Long.MAX_VALUE;
    private Throwable failure;
    private int running;
    private boolean closed;

    /** A batch being filled. Its arrays are allocated by the first worker to claim one of its samples. */
    private final class Pending {
        final SampleInfo[] samples = new SampleInfo[maker.batchSize()];
        float[] source;
        float[] driving;
        int done;

        /** Allocates the arrays once, outside the loader's lock (tens of MB at vox-256's batch size). */
        synchronized void allocate() {
            if (source == null) {
                int size = maker.batchSize() * plane;
                source = new float[size];
                driving = new float[size];
            }
        }
    }

    private FommDataLoader(FommDataset dataset, SamplingParams sampling, LoaderOptions options) {
        this.options = options;
        this.cache = dataset.cache();
        this.maker = new BatchMaker(dataset, sampling, options.seed(), options.batchSize(), cache);
        this.batchesPerEpoch = maker.batchesPerEpoch();
        this.plane = 3 * maker.height() * maker.width();
        if (options.startBatch() >= batchesPerEpoch) {
            throw new IllegalArgumentException("start batch " + options.startBatch() + " is past the end of an epoch of "
                    + batchesPerEpoch + " batches");
        }
        this.firstBatch = Math.multiplyExact(options.startEpoch(), (long) batchesPerEpoch) + options.startBatch();
        if (options.epochs() == Long.MAX_VALUE) {
            this.totalBatches = Long.MAX_VALUE;
        } else {
            this.totalBatches = Math.max(0, Math.multiplyExact(options.epochs(), (long) batchesPerEpoch) - firstBatch);
        }
        log.debug("{}: {} samples and {} batches of {} per epoch, from epoch {} batch {}, {} threads", dataset,
                maker.itemsPerEpoch(), batchesPerEpoch, options.batchSize(), options.startEpoch(),
                options.startBatch(), options.threads());
    }

    /**
     * Starts the decoding threads.
     *
     * @throws InvalidInputException when an epoch holds fewer samples than one batch
     */
    public static FommDataLoader open(FommDataset dataset, SamplingParams sampling, LoaderOptions options) {
        FommDataLoader loader = new FommDataLoader(dataset, sampling, options);
        loader.start();
        return loader;
    }

    /** Batches in one epoch: {@code floor(entries × repeats / batch size)}, entries being ids or clips. */
    public static int batchesPerEpoch(FommDataset dataset, SamplingParams sampling, int batchSize) {
        int entries = sampling.idSampling() ? dataset.ids().size() : dataset.clips().size();
        return (int) Math.min(Integer.MAX_VALUE, (long) entries * sampling.numRepeats() / batchSize);
    }

    /**
     * The batch at (epoch, index) made on the calling thread, without a loader or cache: the same batch a loader
     * with the same dataset, sampling, batch size and seed delivers there.
     */
    public static TrainingBatch batchAt(FommDataset dataset, SamplingParams sampling, int batchSize, long seed,
            long epoch, int index) {
        BatchMaker maker = new BatchMaker(dataset, sampling, seed, batchSize, new FrameCache(0));
        if (index < 0 || index >= maker.batchesPerEpoch()) {
            throw new IndexOutOfBoundsException("batch " + index + " of " + maker.batchesPerEpoch());
        }
        return maker.batch(epoch, index);
    }

    public int batchesPerEpoch() {
        return batchesPerEpoch;
    }

    /** Samples in one epoch before dropping the incomplete last batch: entries × repeats. */
    public int samplesPerEpoch() {
        return maker.itemsPerEpoch();
    }

    /** The dataset's decoded-clip cache counters (hits, whole-clip decodes, two-frame reads, bytes and clips held). */
    public String cacheSummary() {
        FrameCache.Stats s = cache.stats();
        return String.format("%d hits, %d whole-clip decodes, %d two-frame reads, %d clips in %.1f MB", s.hits(),
                s.wholeClipDecodes(), s.directReads(), s.clips(), s.bytes() / 1e6);
    }

    private void start() {
        lock.lock();
        try {
            for (int i = 0; i < options.threads(); i++) {
                Thread t = new Thread(this::work, "fomm-data-" + i);
                t.setDaemon(true);
                workers.add(t);
                running++;
            }
        } finally {
            lock.unlock();
        }
        for (Thread t : workers) {
            t.start();
        }
    }

    /** Whether another batch follows (false after the last epoch, or once closed). */
    @Override
    public boolean hasNext() {
        lock.lock();
        try {
            return !closed && delivered < totalBatches;
        } finally {
            lock.unlock();
        }
    }

    /** The next batch; see {@link #take()}. An interrupt becomes a {@link CancellationException}. */
    @Override
    public TrainingBatch next() {
        try {
            return take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            CancellationException c = new CancellationException("interrupted while waiting for a training batch");
            c.initCause(e);
            throw c;
        }
    }

    /**
     * The next batch, waiting for it if it is not ready.
     *
     * @throws InvalidInputException naming the clip when a sample of this batch could not be read
     * @throws NoSuchElementException after the last batch
     * @throws IllegalStateException when the loader is closed, or a worker failed otherwise
     */
    public TrainingBatch take() throws InterruptedException {
        lock.lockInterruptibly();
        try {
            if (closed) {
                throw new IllegalStateException("the data loader is closed");
            }
            if (delivered >= totalBatches) {
                throw new NoSuchElementException("no batches after epoch " + (options.epochs() - 1));
            }
            while (true) {
                Pending p = pending.get(delivered);
                if (p != null && p.done == maker.batchSize()) {
                    pending.remove(delivered);
                    long absolute = firstBatch + delivered;
                    delivered++;
                    changed.signalAll();
                    return new TrainingBatch(absolute / batchesPerEpoch, (int) (absolute % batchesPerEpoch),
                            maker.batchSize(), maker.height(), maker.width(), p.source, p.driving,
                            Arrays.asList(p.samples));
                }
                if (failure != null && failedSample / maker.batchSize() <= delivered) {
                    throw surface(failure);
                }
                if (closed) {
                    throw new IllegalStateException("the data loader is closed");
                }
                if (running == 0) {
                    throw new IllegalStateException("the data loader's threads stopped (interrupted)");
                }
                changed.await();
            }
        } finally {
            lock.unlock();
        }
    }

    /** The worker's error rethrown on the consumer's thread, keeping its type and message. */
    private static RuntimeException surface(Throwable t) {
        if (t instanceof InvalidInputException e) {
            String message = e.getMessage();
            String prefix = e.file() == null ? "" : e.file() + ": ";
            return new InvalidInputException(e.file(), message.startsWith(prefix)
                    ? message.substring(prefix.length()) : message, e);
        }
        return new IllegalStateException(String.valueOf(t.getMessage()), t);
    }

    private void work() {
        try {
            while (true) {
                long s;
                Pending p;
                lock.lockInterruptibly();
                try {
                    while (true) {
                        if (closed || failure != null) {
                            return;
                        }
                        long batch = nextSample / maker.batchSize();
                        if (batch >= totalBatches) {
                            return;
                        }
                        if (batch < delivered + options.prefetchBatches()) {
                            break;
                        }
                        changed.await();
                    }
                    s = nextSample++;
                    p = pending.computeIfAbsent(s / maker.batchSize(), k -> new Pending());
                } finally {
                    lock.unlock();
                }
                p.allocate();
                int slot = (int) (s % maker.batchSize());
                long absolute = firstBatch + s / maker.batchSize();
                long epoch = absolute / batchesPerEpoch;
                int position = (int) (absolute % batchesPerEpoch) * maker.batchSize() + slot;
                SampleInfo info = null;
                Throwable error = null;
                try {
                    info = maker.sample(epoch, position, p.source, p.driving, slot * plane);
                } catch (Throwable t) { // an OutOfMemoryError too: the consumer must hear of it, not wait forever
                    error = t;
                }
                lock.lock();
                try {
                    if (error != null) {
                        if (!closed && s < failedSample) {
                            failedSample = s;
                            failure = error;
                        }
                    } else {
                        p.samples[slot] = info;
                        p.done++;
                    }
                    changed.signalAll();
                } finally {
                    lock.unlock();
                }
            }
        } catch (InterruptedException e) {
            // close() or an interrupt from outside: stop.
        } finally {
            lock.lock();
            try {
                running--;
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    /** Stops the workers (interrupting them), waits for them, and drops the batches in progress. */
    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        for (Thread t : workers) {
            t.interrupt();
        }
        boolean interrupted = false;
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(JOIN_TIMEOUT_MS);
        for (Thread t : workers) {
            while (t.isAlive() && System.nanoTime() < deadline) {
                try {
                    t.join(1000);
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (t.isAlive()) {
                log.warn("{} did not stop within {} s (stuck decoding a clip?)", t.getName(), JOIN_TIMEOUT_MS / 1000);
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        lock.lock();
        try {
            pending.clear();
        } finally {
            lock.unlock();
        }
    }
}
