package org.anivid.fomm.data;

import org.anivid.fomm.FommConfig;

/**
 * How training samples are drawn: the official {@code dataset_params} ({@code id_sampling},
 * {@code augmentation_params}) and {@code train_params.num_repeats}. Defaults are vox-256's ({@link #VOX256}).
 *
 * <p>The flips follow the official {@code RandomFlip} to the letter: a time flip (swap source and driving) with
 * probability ½, and only when there was none, a horizontal flip with probability ½ — so a sample is time-flipped
 * ½ of the time, mirrored ¼ of the time and never both. Colour jitter follows torchvision's {@code ColorJitter} on
 * 8-bit pictures (see {@link Jitter}).
 *
 * @param idSampling an epoch visits every id (name before {@code #}) once per repeat and picks a random clip of it;
 *     otherwise every clip once per repeat
 * @param numRepeats how many times one epoch goes over the ids or clips (the official {@code DatasetRepeater})
 * @param horizontalFlip {@code flip_param.horizontal_flip}
 * @param timeFlip {@code flip_param.time_flip}
 * @param brightness {@code jitter_param.brightness} (0 = off)
 * @param contrast {@code jitter_param.contrast} (0 = off)
 * @param saturation {@code jitter_param.saturation} (0 = off)
 * @param hue {@code jitter_param.hue} (0 = off, at most 0.5)
 */
public record SamplingParams(boolean idSampling, int numRepeats, boolean horizontalFlip, boolean timeFlip,
        double brightness, double contrast, double saturation, double hue) {

    /** vox-256.yaml: id sampling, 75 repeats, both flips, jitter 0.1 on all four. */
    public static final SamplingParams VOX256 = new SamplingParams(true, 75, true, true, 0.1, 0.1, 0.1, 0.1);

    public SamplingParams {
        if (numRepeats < 1) {
            throw new IllegalArgumentException("num_repeats must be at least 1, not " + numRepeats);
        }
        if (!(brightness >= 0) || !(contrast >= 0) || !(saturation >= 0) || !(hue >= 0) || hue > 0.5) {
            throw new IllegalArgumentException("jitter parameters must be >= 0 (hue <= 0.5): brightness "
                    + brightness + ", contrast " + contrast + ", saturation " + saturation + ", hue " + hue);
        }
    }

    /** The config's {@code dataset_params} and {@code train_params.num_repeats} (1 without train params). */
    public static SamplingParams of(FommConfig config) {
        FommConfig.DatasetParams d = config.dataset();
        int repeats = config.train() == null ? 1 : config.train().numRepeats();
        return new SamplingParams(d.idSampling(), repeats, d.horizontalFlip(), d.timeFlip(), d.brightness(),
                d.contrast(), d.saturation(), d.hue());
    }

    public SamplingParams withRepeats(int repeats) {
        return new SamplingParams(idSampling, repeats, horizontalFlip, timeFlip, brightness, contrast, saturation, hue);
    }

    public SamplingParams withIdSampling(boolean on) {
        return new SamplingParams(on, numRepeats, horizontalFlip, timeFlip, brightness, contrast, saturation, hue);
    }

    public SamplingParams withFlips(boolean horizontal, boolean time) {
        return new SamplingParams(idSampling, numRepeats, horizontal, time, brightness, contrast, saturation, hue);
    }

    /** The same jitter amount for all four operations (0 turns jitter off). */
    public SamplingParams withJitter(double amount) {
        return new SamplingParams(idSampling, numRepeats, horizontalFlip, timeFlip, amount, amount, amount, amount);
    }

    /** No flips and no jitter: the frames exactly as read. */
    public SamplingParams withoutAugmentation() {
        return new SamplingParams(idSampling, numRepeats, false, false, 0, 0, 0, 0);
    }

    boolean jitters() {
        return brightness > 0 || contrast > 0 || saturation > 0 || hue > 0;
    }
}
