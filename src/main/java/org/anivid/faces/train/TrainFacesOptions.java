package org.anivid.faces.train;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.anivid.faces.detector.DetectorConfig;

/**
 * Settings of {@link FaceDetectorTrainer}, defaults as YOLOv5's {@code hyp.scratch-low.yaml} (the paper's recipe)
 * where the two agree on meaning.
 *
 * @param inputSize      training picture size (square canvas, a multiple of 32); the model keeps it as its
 *                       inference size. Default 416.
 * @param epochs         passes over the training images. Default 50.
 * @param batchSize      pictures per step. Default 16.
 * @param lr0            initial learning rate of SGD. Default 0.01 (the paper).
 * @param lrf            final learning rate as a fraction of lr0. Default 0.01.
 * @param momentum       SGD momentum (Nesterov). Default 0.937.
 * @param weightDecay    L2 on convolution weights, per 64 pictures (scaled by batch/64 since each step applies
 *                       it). Default 5e-4.
 * @param warmupEpochs   linear warm-up length in epochs (may be fractional). Default 3.
 * @param warmupMomentum momentum at the start of warm-up. Default 0.8.
 * @param warmupBiasLr   learning rate of biases at the start of warm-up (falls to lr0). Default 0.1.
 * @param schedule       learning-rate schedule after warm-up. Default cosine.
 * @param mosaic         probability that a training picture is a 4-picture mosaic. Default 1.0.
 * @param scale          random scale gain: ×U(1 − scale, 1 + scale). Default 0.5.
 * @param translate      random translation as a fraction of the size. Default 0.1.
 * @param flipLr         probability of a horizontal flip. Default 0.5.
 * @param hsvH           hue jitter (fraction of the hue circle). Default 0.015.
 * @param hsvS           saturation jitter gain. Default 0.7.
 * @param hsvV           value jitter gain. Default 0.4.
 * @param seed           seeds weight initialisation, shuffling and augmentation (a run is reproducible). Default 0.
 * @param workers        background threads building batches. Default 2.
 * @param startFrom      a model file to fine-tune (its architecture and anchors are kept), or null to start from
 *                       random weights
 * @param architecture   the network to train from scratch, or null for {@link DetectorConfig#defaults} at
 *                       {@code inputSize} with anchors fitted to the training boxes when the default ones cover
 *                       less than 98 % of them
 * @param resume         continue the run saved in the output folder, if there is one
 * @param torchThreads   libtorch threads during training, 0 to leave libtorch's setting
 */
public record TrainFacesOptions(int inputSize, int epochs, int batchSize, double lr0, double lrf, double momentum,
        double weightDecay, double warmupEpochs, double warmupMomentum, double warmupBiasLr, Schedule schedule,
        double mosaic, double scale, double translate, double flipLr, double hsvH, double hsvS, double hsvV,
        long seed, int workers, Path startFrom, DetectorConfig architecture, boolean resume, int torchThreads) {

    /** Learning-rate schedule after warm-up, as a factor of lr0 by epoch. */
    public enum Schedule {
        /** {@code ((1 − cos(π·e/E)) / 2)·(lrf − 1) + 1}: YOLOv5's {@code one_cycle}. */
        COSINE,
        /** 1, then 0.1 from 70 % of the epochs, then 0.01 from 90 % (floored at lrf). */
        STEP
    }

    public TrainFacesOptions {
        if (inputSize < 64 || inputSize % 32 != 0) {
            throw new IllegalArgumentException("input size must be a multiple of 32 of at least 64, got " + inputSize);
        }
        if (epochs < 1 || batchSize < 1 || workers < 1 || torchThreads < 0) {
            throw new IllegalArgumentException("epochs, batch size and workers must be at least 1");
        }
        if (!(lr0 > 0) || !(lrf > 0 && lrf <= 1) || !(momentum >= 0 && momentum < 1) || !(weightDecay >= 0)
                || !(warmupEpochs >= 0) || !(warmupMomentum >= 0 && warmupMomentum < 1) || !(warmupBiasLr >= 0)) {
            throw new IllegalArgumentException("optimizer settings out of range");
        }
        if (!(mosaic >= 0 && mosaic <= 1) || !(scale >= 0 && scale < 1) || !(translate >= 0 && translate < 0.5)
                || !(flipLr >= 0 && flipLr <= 1) || !(hsvH >= 0 && hsvH <= 0.5) || !(hsvS >= 0 && hsvS <= 1)
                || !(hsvV >= 0 && hsvV <= 1)) {
            throw new IllegalArgumentException("augmentation settings out of range");
        }
        if (schedule == null) {
            throw new IllegalArgumentException("schedule");
        }
        if (architecture != null && architecture.inputSize() != inputSize) {
            architecture = architecture.withInputSize(inputSize);
        }
    }

    public static TrainFacesOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.inputSize = inputSize;
        b.epochs = epochs;
        b.batchSize = batchSize;
        b.lr0 = lr0;
        b.lrf = lrf;
        b.momentum = momentum;
        b.weightDecay = weightDecay;
        b.warmupEpochs = warmupEpochs;
        b.warmupMomentum = warmupMomentum;
        b.warmupBiasLr = warmupBiasLr;
        b.schedule = schedule;
        b.mosaic = mosaic;
        b.scale = scale;
        b.translate = translate;
        b.flipLr = flipLr;
        b.hsvH = hsvH;
        b.hsvS = hsvS;
        b.hsvV = hsvV;
        b.seed = seed;
        b.workers = workers;
        b.startFrom = startFrom;
        b.architecture = architecture;
        b.resume = resume;
        b.torchThreads = torchThreads;
        return b;
    }

    /** Learning-rate factor of {@code epoch} (0-based) after warm-up. */
    public double lrFactor(int epoch) {
        return switch (schedule) {
            case COSINE -> (1 - Math.cos(epoch * Math.PI / epochs)) / 2 * (lrf - 1) + 1;
            case STEP -> Math.max(lrf, epoch >= 0.9 * epochs ? 0.01 : epoch >= 0.7 * epochs ? 0.1 : 1);
        };
    }

    /** The settings as JSON-friendly values (for the model's sidecar and the training state). */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("input_size", inputSize);
        m.put("epochs", epochs);
        m.put("batch_size", batchSize);
        m.put("lr0", lr0);
        m.put("lrf", lrf);
        m.put("momentum", momentum);
        m.put("weight_decay", weightDecay);
        m.put("warmup_epochs", warmupEpochs);
        m.put("warmup_momentum", warmupMomentum);
        m.put("warmup_bias_lr", warmupBiasLr);
        m.put("schedule", schedule.name().toLowerCase(java.util.Locale.ROOT));
        m.put("mosaic", mosaic);
        m.put("scale", scale);
        m.put("translate", translate);
        m.put("fliplr", flipLr);
        m.put("hsv_h", hsvH);
        m.put("hsv_s", hsvS);
        m.put("hsv_v", hsvV);
        m.put("seed", seed);
        m.put("start_from", startFrom == null ? null : startFrom.toString());
        return m;
    }

    /** Fluent construction; every setting starts at its default. */
    public static final class Builder {
        private int inputSize = 416;
        private int epochs = 50;
        private int batchSize = 16;
        private double lr0 = 0.01;
        private double lrf = 0.01;
        private double momentum = 0.937;
        private double weightDecay = 5e-4;
        private double warmupEpochs = 3;
        private double warmupMomentum = 0.8;
        private double warmupBiasLr = 0.1;
        private Schedule schedule = Schedule.COSINE;
        private double mosaic = 1.0;
        private double scale = 0.5;
        private double translate = 0.1;
        private double flipLr = 0.5;
        private double hsvH = 0.015;
        private double hsvS = 0.7;
        private double hsvV = 0.4;
        private long seed;
        private int workers = 2;
        private Path startFrom;
        private DetectorConfig architecture;
        private boolean resume;
        private int torchThreads;

        public Builder inputSize(int v) {
            inputSize = v;
            return this;
        }

        public Builder epochs(int v) {
            epochs = v;
            return this;
        }

        public Builder batchSize(int v) {
            batchSize = v;
            return this;
        }

        public Builder lr0(double v) {
            lr0 = v;
            return this;
        }

        public Builder lrf(double v) {
            lrf = v;
            return this;
        }

        public Builder momentum(double v) {
            momentum = v;
            return this;
        }

        public Builder weightDecay(double v) {
            weightDecay = v;
            return this;
        }

        public Builder warmupEpochs(double v) {
            warmupEpochs = v;
            return this;
        }

        public Builder warmupMomentum(double v) {
            warmupMomentum = v;
            return this;
        }

        public Builder warmupBiasLr(double v) {
            warmupBiasLr = v;
            return this;
        }

        public Builder schedule(Schedule v) {
            schedule = v;
            return this;
        }

        public Builder mosaic(double v) {
            mosaic = v;
            return this;
        }

        public Builder scale(double v) {
            scale = v;
            return this;
        }

        public Builder translate(double v) {
            translate = v;
            return this;
        }

        public Builder flipLr(double v) {
            flipLr = v;
            return this;
        }

        public Builder hsv(double h, double s, double v) {
            hsvH = h;
            hsvS = s;
            hsvV = v;
            return this;
        }

        /** No augmentation at all (mosaic, scale, translation, flips and colour off). */
        public Builder noAugmentation() {
            mosaic = 0;
            scale = 0;
            translate = 0;
            flipLr = 0;
            return hsv(0, 0, 0);
        }

        public Builder seed(long v) {
            seed = v;
            return this;
        }

        public Builder workers(int v) {
            workers = v;
            return this;
        }

        public Builder startFrom(Path v) {
            startFrom = v;
            return this;
        }

        public Builder architecture(DetectorConfig v) {
            architecture = v;
            return this;
        }

        public Builder resume(boolean v) {
            resume = v;
            return this;
        }

        public Builder torchThreads(int v) {
            torchThreads = v;
            return this;
        }

        public TrainFacesOptions build() {
            return new TrainFacesOptions(inputSize, epochs, batchSize, lr0, lrf, momentum, weightDecay, warmupEpochs,
                    warmupMomentum, warmupBiasLr, schedule, mosaic, scale, translate, flipLr, hsvH, hsvS, hsvV, seed,
                    workers, startFrom, architecture, resume, torchThreads);
        }
    }
}
