package org.anivid.fomm.data;

import java.util.List;

/**
 * One batch of training pairs as plain Java arrays (the trainer turns them into NDArrays on its own thread).
 * {@code source} and {@code driving} are {@code (size, 3, height, width)} planar RGB in {@code [0, 1]}, sample
 * {@code i} starting at {@code i * 3 * height * width}, as the official loader's {@code out['source']} and
 * {@code out['driving']} after collation.
 *
 * @param epoch the epoch, from 0
 * @param indexInEpoch the batch's index within its epoch, from 0
 * @param samples what each sample is, in batch order
 */
public record TrainingBatch(long epoch, int indexInEpoch, int size, int height, int width, float[] source,
        float[] driving, List<SampleInfo> samples) {

    public TrainingBatch {
        samples = List.copyOf(samples);
        long expected = (long) size * 3 * height * width;
        if (source.length != expected || driving.length != expected || samples.size() != size) {
            throw new IllegalArgumentException("batch of " + size + " at " + width + "x" + height + " holds "
                    + source.length + "/" + driving.length + " values and " + samples.size() + " samples");
        }
    }

    /** The clip name of each sample, in batch order (the official loader's {@code out['name']}). */
    public List<String> clips() {
        return samples.stream().map(SampleInfo::clip).toList();
    }
}
