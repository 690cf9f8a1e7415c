package org.anivid.fomm.data;

/**
 * How a {@link FommDataLoader} runs: batch size, seed, where it starts and ends, and its threads and memory.
 *
 * @param batchSize samples per batch; an epoch's last incomplete batch is dropped ({@code drop_last=True})
 * @param seed the seed of every random choice (epoch order, clips, frames, augmentation)
 * @param startEpoch the first epoch delivered (from 0)
 * @param startBatch the first batch delivered within {@code startEpoch}
 * @param epochs the epoch to stop before ({@code num_epochs}); {@link Long#MAX_VALUE} = never stop
 * @param threads decoding threads
 * @param prefetchBatches batches decoded ahead of the consumer, the one being decoded included (at least 1)
 */
public record LoaderOptions(int batchSize, long seed, long startEpoch, int startBatch, long epochs, int threads,
        int prefetchBatches) {

    public LoaderOptions {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, not " + batchSize);
        }
        if (startEpoch < 0 || startBatch < 0) {
            throw new IllegalArgumentException("start must be >= 0: epoch " + startEpoch + ", batch " + startBatch);
        }
        if (epochs < 0) {
            throw new IllegalArgumentException("epochs must be >= 0, not " + epochs);
        }
        if (threads < 1 || prefetchBatches < 1) {
            throw new IllegalArgumentException("threads and prefetch must be at least 1: " + threads + ", "
                    + prefetchBatches);
        }
    }

    /** Batches of {@code batchSize} from epoch 0, batch 0, without end; {@link #defaultThreads()}, 3 batches ahead. */
    public static LoaderOptions of(int batchSize, long seed) {
        return new LoaderOptions(batchSize, seed, 0, 0, Long.MAX_VALUE, defaultThreads(), 3);
    }

    /** As many threads as cores, at most 4: decoding 256² clips from the cache keeps up with a GPU at that. */
    public static int defaultThreads() {
        return Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
    }

    /** Resumes at batch {@code batch} of epoch {@code epoch}. */
    public LoaderOptions startingAt(long epoch, int batch) {
        return new LoaderOptions(batchSize, seed, epoch, batch, epochs, threads, prefetchBatches);
    }

    /** Stops before epoch {@code epochs}. */
    public LoaderOptions withEpochs(long epochs) {
        return new LoaderOptions(batchSize, seed, startEpoch, startBatch, epochs, threads, prefetchBatches);
    }

    public LoaderOptions withThreads(int threads) {
        return new LoaderOptions(batchSize, seed, startEpoch, startBatch, epochs, threads, prefetchBatches);
    }

    public LoaderOptions withPrefetch(int batches) {
        return new LoaderOptions(batchSize, seed, startEpoch, startBatch, epochs, threads, batches);
    }
}
