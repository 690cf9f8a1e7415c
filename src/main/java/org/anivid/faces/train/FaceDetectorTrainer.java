package org.anivid.faces.train;

import ai.djl.MalformedModelException;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.anivid.core.BoundingBox;
import org.anivid.core.InvalidInputException;
import org.anivid.faces.data.LabelledImage;
import org.anivid.faces.detector.AnimeFaceNet;
import org.anivid.faces.detector.AtomicFiles;
import org.anivid.faces.detector.DetectorConfig;
import org.anivid.faces.detector.DetectorFiles;
import org.anivid.faces.track.Detection;
import org.anivid.jobs.JobCancelledException;
import org.anivid.jobs.JobContext;
import org.anivid.metrics.MapEvaluation;
import org.anivid.torch.TorchThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains {@link AnimeFaceNet} the way the paper trained YOLOv5 (§3.3): the GIoU box loss and BCE-with-logits
 * objectness and class losses of {@link DetectionLoss}, SGD with Nesterov momentum 0.937 and weight decay at lr 0.01,
 * linear warm-up (weights' rate from 0, biases' from 0.1, momentum from 0.8) then a cosine or step schedule,
 * mosaic / random scale and crop / HSV / flip augmentation ({@link Augmenter}) on background threads, and COCO
 * mAP@0.5 and mAP@[.5:.95] on the validation pictures after every epoch, keeping the best epoch by mAP@0.5.
 *
 * <p>The output folder holds {@code best.params}/{@code best.json} (the model to use), {@code last.params}/
 * {@code last.json}/{@code last.optimizer} and {@code train-state.json} (epoch, batch, options, data fingerprint,
 * history). A cancelled run saves them at the step it stopped; with {@link TrainFacesOptions#resume()} it
 * continues from there with the saved options and produces what an uninterrupted run would have: weights,
 * batch-norm statistics, momentum and position are restored, and every batch is a pure function of (seed, epoch,
 * batch index). Each file is written atomically and the state, written last, records the checksums of the others.
 *
 * <p>Bad input: no training or validation pictures, or no usable box in either, is an {@link InvalidInputException};
 * boxes partly outside a picture are clipped and degenerate or outside boxes dropped ({@link BoxCleaner}, counted
 * in the result); pictures without boxes are negatives.
 */
public final class FaceDetectorTrainer {
    public static final String BEST = "best.params";
    public static final String LAST = "last.params";
    public static final String OPTIMIZER = "last.optimizer";
    public static final String STATE = "train-state.json";
    private static final String STATE_FORMAT = "anivid-face-training";
    private static final Logger LOG = LoggerFactory.getLogger(FaceDetectorTrainer.class);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private FaceDetectorTrainer() {
    }

    /**
     * Runs (or resumes) a training job.
     *
     * @param train  training pictures with their face boxes
     * @param val    validation pictures, never trained on
     * @param outDir where the models and the state go (created if missing)
     * @throws InvalidInputException for unusable data, or a saved run that does not fit
     * @throws org.anivid.jobs.JobCancelledException when cancelled (after saving the state)
     */
    public static TrainFacesResult train(List<LabelledImage> train, List<LabelledImage> val,
            TrainFacesOptions options, Path outDir, JobContext ctx) throws IOException {
        Prepared tr = prepare(train, "training");
        Prepared va = prepare(val, "validation");
        if (tr.boxes == 0) {
            throw new InvalidInputException(null, "none of the " + tr.images.size() + " training pictures holds a "
                    + "usable face box (" + tr.dropped + " dropped: no width or height, or outside the picture)");
        }
        if (va.boxes == 0) {
            throw new InvalidInputException(null, "the " + va.images.size() + " validation pictures hold no usable "
                    + "face box: mAP needs at least one");
        }
        Files.createDirectories(outDir);
        Engine engine = Engine.getEngine("PyTorch");
        TorchThreads threads = options.torchThreads() > 0 ? TorchThreads.limit(options.torchThreads()) : null;
        try (NDManager root = engine.newBaseManager()) {
            return new Run(tr, va, options, outDir, ctx, engine, root).run();
        } finally {
            if (threads != null) {
                threads.close();
            }
        }
    }

    /** Pictures with cleaned boxes. */
    private record Prepared(List<LabelledImage> images, int boxes, int clipped, int dropped) {
    }

    private static Prepared prepare(List<LabelledImage> images, String what) {
        if (images == null || images.isEmpty()) {
            throw new InvalidInputException(null, "no " + what + " pictures" + ("validation".equals(what)
                    ? ": keep a labelled validation split that training never sees" : ": give at least one"));
        }
        List<LabelledImage> out = new ArrayList<>(images.size());
        int boxes = 0;
        int clipped = 0;
        int dropped = 0;
        for (LabelledImage li : images) {
            BoxCleaner.Cleaned c = BoxCleaner.clean(li.boxes(), li.image().width(), li.image().height());
            boxes += c.boxes().size();
            clipped += c.clipped();
            dropped += c.dropped();
            out.add(c.clipped() == 0 && c.dropped() == 0 ? li : new LabelledImage(li.image(), c.boxes(), li.origin()));
        }
        return new Prepared(List.copyOf(out), boxes, clipped, dropped);
    }

    /** One training job. */
    private static final class Run {
        private final Prepared tr;
        private final Prepared va;
        private final Path outDir;
        private final JobContext ctx;
        private final Engine engine;
        private final NDManager root;
        private final Path stateFile;
        private final String fingerprint;
        private TrainFacesOptions options;
        private AnimeFaceNet net;
        private SgdOptimizer optimizer;
        private EpochMetrics start;
        private final List<EpochMetrics> history = new ArrayList<>();
        private int bestEpoch;
        private double bestMap50 = Double.NEGATIVE_INFINITY;
        private double bestMap50To95 = Double.NEGATIVE_INFINITY;
        private int nextEpoch;
        private int nextBatch;
        private boolean resumed;
        /** Loss sums (total, box, objectness, class) and pictures of the epoch in progress, kept across a stop. */
        private final double[] epochSums = new double[5];

        Run(Prepared tr, Prepared va, TrainFacesOptions options, Path outDir, JobContext ctx, Engine engine,
                NDManager root) {
            this.tr = tr;
            this.va = va;
            this.options = options;
            this.outDir = outDir;
            this.ctx = ctx;
            this.engine = engine;
            this.root = root;
            this.stateFile = outDir.resolve(STATE);
            this.fingerprint = fingerprint(tr.images, va.images);
        }

        TrainFacesResult run() throws IOException {
            if (options.resume() && Files.isRegularFile(stateFile)) {
                restore();
            } else {
                fresh();
            }
            try {
                if (!resumed) {
                    ctx.message("validating the starting model");
                    start = validate(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0);
                    LOG.info("starting model: mAP@0.5 {}, mAP@[.5:.95] {}", fmt(start.map50()), fmt(start.map50To95()));
                }
                return loop();
            } finally {
                optimizer.close();
            }
        }

        private void fresh() {
            int size = options.inputSize();
            if (options.startFrom() != null) {
                net = DetectorFiles.load(options.startFrom(), root, size).net();
                LOG.info("fine-tuning {} ({})", options.startFrom(), net.config());
            } else {
                DetectorConfig base = options.architecture() != null ? options.architecture()
                        : DetectorConfig.defaults(size);
                float[][] anchors = options.architecture() != null ? base.anchors()
                        : AnchorFit.fit(AnchorFit.sizes(tr.images, size), base.anchors(),
                                DetectionLoss.ANCHOR_THRESHOLD);
                DetectorConfig config = base.withAnchors(anchors);
                net = new AnimeFaceNet(config);
                net.initialize(root, options.seed());
                LOG.info("training from scratch: {}", config);
            }
            makeTrainable(net);
            optimizer = new SgdOptimizer(net.getParameters(), root);
            nextEpoch = 0;
            nextBatch = 0;
        }

        private static void makeTrainable(AnimeFaceNet net) {
            for (var pair : net.getParameters()) {
                Parameter p = pair.getValue();
                if (p.requiresGradient() && !p.getArray().hasGradient()) {
                    p.getArray().setRequiresGradient(true);
                }
            }
        }

        private void restore() throws IOException {
            JsonNode state;
            try {
                state = JSON.readTree(stateFile.toFile());
            } catch (IOException e) {
                throw new InvalidInputException(stateFile, "saved training state is not readable: " + e.getMessage());
            }
            if (state == null || !STATE_FORMAT.equals(state.path("format").asText())) {
                throw new InvalidInputException(stateFile, "not a face-detector training state");
            }
            if (!fingerprint.equals(state.path("fingerprint").asText())) {
                throw new InvalidInputException(stateFile, "the saved run was trained on other pictures; start a "
                        + "new run in another folder, or without resume");
            }
            Path last = outDir.resolve(LAST);
            Path opt = outDir.resolve(OPTIMIZER);
            byte[] optBytes = readOrFail(opt);
            if (!state.path("params_sha256").asText().equals(sha256(readOrFail(last)))
                    || !state.path("optimizer_sha256").asText().equals(sha256(optBytes))) {
                throw new InvalidInputException(stateFile, "the checkpoint files do not match the saved state (the "
                        + "run was stopped while saving); start again without resume");
            }
            TrainFacesOptions saved = optionsFromJson(state.get("options"), options);
            if (!saved.toJson().equals(options.toJson())) {
                LOG.warn("resuming with the saved run's settings {}, not the ones given", saved.toJson());
            }
            options = saved;
            net = DetectorFiles.load(last, root).net();
            makeTrainable(net);
            optimizer = new SgdOptimizer(net.getParameters(), root);
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(optBytes))) {
                optimizer.load(in);
            } catch (MalformedModelException | IOException e) {
                throw new InvalidInputException(opt, "optimizer state does not fit the model: " + e.getMessage());
            }
            nextEpoch = state.path("next_epoch").asInt();
            nextBatch = state.path("next_batch").asInt();
            JsonNode partial = state.path("epoch_sums");
            for (int i = 0; i < epochSums.length && i < partial.size(); i++) {
                epochSums[i] = partial.get(i).asDouble();
            }
            start = EpochMetrics.fromJson(state.path("start"));
            for (JsonNode e : state.path("history")) {
                history.add(EpochMetrics.fromJson(e));
            }
            bestEpoch = state.path("best_epoch").asInt(0);
            bestMap50 = bestEpoch > 0 ? state.path("best_map50").asDouble() : Double.NEGATIVE_INFINITY;
            bestMap50To95 = bestEpoch > 0 ? state.path("best_map50_95").asDouble() : Double.NEGATIVE_INFINITY;
            resumed = true;
            LOG.info("resuming {} at epoch {}, batch {}", outDir, nextEpoch + 1, nextBatch);
        }

        private TrainFacesResult loop() throws IOException {
            int size = options.inputSize();
            Augmenter augmenter = new Augmenter(tr.images, size, options);
            DetectionLoss loss = new DetectionLoss(net.config(), size);
            double weightDecay = options.weightDecay() * options.batchSize() / 64.0;
            long runImages = 0;
            double runSeconds = 0;
            try (BatchLoader loader = new BatchLoader(augmenter, tr.images.size(), options.batchSize(), size,
                    options.seed(), options.workers())) {
                int nb = loader.batchesPerEpoch();
                int warmup = (int) Math.round(options.warmupEpochs() * nb);
                long totalSteps = (long) options.epochs() * nb;
                for (int epoch = nextEpoch; epoch < options.epochs(); epoch++) {
                    long e0 = System.nanoTime();
                    loader.start(epoch, nextBatch);
                    int resumedImages = (int) epochSums[4];
                    for (int b = nextBatch; b < nb; b++) {
                        if (ctx.isCancelled()) {
                            saveLast(epoch, b);
                            throw new JobCancelledException();
                        }
                        BatchLoader.Batch batch;
                        try {
                            batch = loader.next();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            saveLast(epoch, b);
                            throw new JobCancelledException();
                        }
                        int ni = epoch * nb + b;
                        double[] rates = rates(ni, epoch, warmup);
                        double[] r = step(batch, loss, rates[0], rates[1], rates[2], weightDecay, epoch, b);
                        epochSums[0] += r[0];
                        epochSums[1] += r[1] * batch.count();
                        epochSums[2] += r[2] * batch.count();
                        epochSums[3] += r[3] * batch.count();
                        epochSums[4] += batch.count();
                        double seconds = (System.nanoTime() - e0) / 1e9;
                        ctx.progress(ni + 1, totalSteps);
                        ctx.message(String.format(Locale.ROOT, "epoch %d/%d · batch %d/%d · loss %.4f · %.1f img/s",
                                epoch + 1, options.epochs(), b + 1, nb, epochSums[0] / epochSums[4],
                                (epochSums[4] - resumedImages) / seconds));
                    }
                    nextBatch = 0;
                    double trainSeconds = (System.nanoTime() - e0) / 1e9;
                    int images = (int) epochSums[4];
                    int imagesNow = images - resumedImages;
                    runImages += imagesNow;
                    runSeconds += trainSeconds;
                    EpochMetrics m;
                    try {
                        m = validate(epoch + 1, images == 0 ? Double.NaN : epochSums[0] / images,
                                images == 0 ? Double.NaN : epochSums[1] / images,
                                images == 0 ? Double.NaN : epochSums[2] / images,
                                images == 0 ? Double.NaN : epochSums[3] / images, rates(epoch * nb + nb - 1, epoch,
                                        warmup)[0], imagesNow == 0 ? Double.NaN : imagesNow / trainSeconds, e0);
                    } catch (JobCancelledException e) {
                        saveLast(epoch, nb);
                        throw e;
                    }
                    java.util.Arrays.fill(epochSums, 0);
                    history.add(m);
                    if (m.map50() > bestMap50 || (m.map50() == bestMap50 && m.map50To95() > bestMap50To95)) {
                        bestMap50 = m.map50();
                        bestMap50To95 = m.map50To95();
                        bestEpoch = epoch + 1;
                        DetectorFiles.save(net, summary(m), outDir.resolve(BEST));
                    }
                    saveLast(epoch + 1, 0);
                    LOG.info(String.format(Locale.ROOT, "epoch %d/%d: loss %.4f (box %.4f, obj %.4f, cls %.4f), "
                            + "val mAP@0.5 %s, mAP@[.5:.95] %s, P %s, R %s, %.1f img/s, %.1f s", epoch + 1,
                            options.epochs(), m.loss(), m.boxLoss(), m.objectnessLoss(), m.classLoss(), fmt(m.map50()),
                            fmt(m.map50To95()), fmt(m.precision()), fmt(m.recall()), m.imagesPerSecond(), m.seconds()));
                    ctx.message(String.format(Locale.ROOT, "epoch %d/%d · val mAP@0.5 %s · %.1f img/s", epoch + 1,
                            options.epochs(), fmt(m.map50()), m.imagesPerSecond()));
                }
            }
            return new TrainFacesResult(start, history, outDir.resolve(BEST), outDir.resolve(LAST), bestEpoch,
                    bestMap50, bestMap50To95, runSeconds > 0 ? runImages / runSeconds : Double.NaN,
                    tr.images.size(), va.images.size(), tr.clipped + va.clipped, tr.dropped + va.dropped, resumed);
        }

        /**
         * Learning rates of weights and biases and the momentum at step {@code ni} (YOLOv5's warm-up: weights from 0,
         * biases from {@code warmupBiasLr}, momentum from {@code warmupMomentum}, linearly to the schedule's values).
         */
        private double[] rates(int ni, int epoch, int warmup) {
            double target = options.lr0() * options.lrFactor(epoch);
            if (ni >= warmup) {
                return new double[] {target, target, options.momentum()};
            }
            double f = (double) ni / warmup;
            return new double[] {f * target, options.warmupBiasLr() + f * (target - options.warmupBiasLr()),
                options.warmupMomentum() + f * (options.momentum() - options.warmupMomentum())};
        }

        /** One SGD step; returns the batch's loss per picture and its box, objectness and class parts. */
        private double[] step(BatchLoader.Batch batch, DetectionLoss loss, double lr, double biasLr,
                double momentum, double weightDecay, int epoch, int index) {
            int size = options.inputSize();
            try (NDManager sub = root.newSubManager()) {
                NDArray x = sub.create(FloatBuffer.wrap(batch.pixels()), new Shape(batch.count(), 3, size, size));
                ParameterStore ps = new ParameterStore(sub, false);
                DetectionLoss.Result r;
                float total;
                try (GradientCollector collector = engine.newGradientCollector()) {
                    NDList out = net.forward(ps, x, true);
                    r = loss.compute(out, batch.boxes());
                    total = r.total().getFloat();
                    if (!Float.isFinite(total)) {
                        optimizer.zeroGradients();
                        throw new IllegalStateException("training diverged (loss " + total + ") at epoch "
                                + (epoch + 1) + ", batch " + (index + 1) + ": lower the learning rate");
                    }
                    collector.backward(r.total());
                }
                optimizer.step(lr, biasLr, momentum, weightDecay);
                return new double[] {total, r.box(), r.objectness(), r.cls()};
            }
        }

        private EpochMetrics validate(int epoch, double loss, double box, double obj, double cls, double lr,
                double imagesPerSecond, long e0) {
            ctx.message("validating on " + va.images.size() + " pictures");
            List<List<Detection>> found = DetectorValidation.detect(net, root, va.images, options.inputSize(),
                    options.batchSize(), ctx);
            List<List<BoundingBox>> truth = new ArrayList<>();
            for (LabelledImage li : va.images) {
                truth.add(li.boxes());
            }
            MapEvaluation e = DetectorValidation.score(truth, found);
            double seconds = e0 == 0 ? 0 : (System.nanoTime() - e0) / 1e9;
            return new EpochMetrics(epoch, loss, box, obj, cls, lr, e.map50(), e.map50To95(), e.precision(),
                    e.recall(), imagesPerSecond, seconds);
        }

        /** The sidecar's "training" entry of a model saved now. */
        private Map<String, Object> summary(EpochMetrics m) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("trainer", FaceDetectorTrainer.class.getName());
            s.put("epoch", m.epoch());
            s.put("epochs", options.epochs());
            s.put("map50", EpochMetrics.number(m.map50()));
            s.put("map50_95", EpochMetrics.number(m.map50To95()));
            s.put("precision", EpochMetrics.number(m.precision()));
            s.put("recall", EpochMetrics.number(m.recall()));
            s.put("map_definition", MapEvaluation.DEFINITION + "; P/R at conf 0.6, IoU 0.5");
            s.put("train_images", tr.images.size());
            s.put("train_boxes", tr.boxes);
            s.put("train_origins", origins(tr.images));
            s.put("val_images", va.images.size());
            s.put("val_boxes", va.boxes);
            s.put("val_origins", origins(va.images));
            s.put("clipped_boxes", tr.clipped + va.clipped);
            s.put("dropped_boxes", tr.dropped + va.dropped);
            s.put("options", options.toJson());
            return s;
        }

        private void saveLast(int epoch, int batch) throws IOException {
            Path last = outDir.resolve(LAST);
            EpochMetrics latest = history.isEmpty() ? start : history.get(history.size() - 1);
            DetectorFiles.save(net, summary(latest), last);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                optimizer.save(out);
            }
            byte[] opt = bytes.toByteArray();
            AtomicFiles.write(outDir.resolve(OPTIMIZER), opt);
            Map<String, Object> state = new LinkedHashMap<>();
            state.put("format", STATE_FORMAT);
            state.put("version", 1);
            state.put("next_epoch", epoch);
            state.put("next_batch", batch);
            state.put("epoch_sums", epochSums);
            state.put("finished", epoch >= options.epochs());
            state.put("options", options.toJson());
            state.put("fingerprint", fingerprint);
            state.put("start", start.toJson());
            List<Map<String, Object>> rows = new ArrayList<>();
            for (EpochMetrics m : history) {
                rows.add(m.toJson());
            }
            state.put("history", rows);
            state.put("best_epoch", bestEpoch);
            state.put("best_map50", bestEpoch > 0 ? bestMap50 : null);
            state.put("best_map50_95", bestEpoch > 0 ? bestMap50To95 : null);
            state.put("params_sha256", sha256(Files.readAllBytes(last)));
            state.put("optimizer_sha256", sha256(opt));
            AtomicFiles.write(stateFile, JSON.writeValueAsBytes(state));
        }
    }

    /** Pictures per origin kind (the part of {@code origin} before ':' or '#'). */
    static Map<String, Integer> origins(List<LabelledImage> images) {
        Map<String, Integer> counts = new TreeMap<>();
        for (LabelledImage li : images) {
            String o = li.origin();
            int cut = o.length();
            for (char c : new char[] {':', '#'}) {
                int i = o.indexOf(c);
                if (i >= 0) {
                    cut = Math.min(cut, i);
                }
            }
            counts.merge(o.substring(0, cut), 1, Integer::sum);
        }
        return counts;
    }

    /**
     * What identifies the data of a run: every picture's origin, size and boxes, and a sample of its pixels (one byte
     * in 97), for training and validation.
     */
    static String fingerprint(List<LabelledImage> train, List<LabelledImage> val) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (List<LabelledImage> list : List.of(train, val)) {
                md.update(ByteBuffer.allocate(4).putInt(list.size()).array());
                for (LabelledImage li : list) {
                    md.update(li.origin().getBytes(StandardCharsets.UTF_8));
                    ByteBuffer b = ByteBuffer.allocate(12 + 16 * li.boxes().size());
                    b.putInt(li.image().width()).putInt(li.image().height()).putInt(li.boxes().size());
                    for (BoundingBox box : li.boxes()) {
                        b.putFloat(box.x1()).putFloat(box.y1()).putFloat(box.x2()).putFloat(box.y2());
                    }
                    md.update(b.array());
                    byte[] px = li.image().pixels();
                    for (int i = 0; i < px.length; i += 97) {
                        md.update(px[i]);
                    }
                }
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static TrainFacesOptions optionsFromJson(JsonNode o, TrainFacesOptions current) {
        if (o == null || !o.isObject()) {
            throw new IllegalArgumentException("no options in the saved state");
        }
        TrainFacesOptions.Builder b = current.toBuilder()
                .inputSize(o.path("input_size").asInt())
                .epochs(o.path("epochs").asInt())
                .batchSize(o.path("batch_size").asInt())
                .lr0(o.path("lr0").asDouble())
                .lrf(o.path("lrf").asDouble())
                .momentum(o.path("momentum").asDouble())
                .weightDecay(o.path("weight_decay").asDouble())
                .warmupEpochs(o.path("warmup_epochs").asDouble())
                .warmupMomentum(o.path("warmup_momentum").asDouble())
                .warmupBiasLr(o.path("warmup_bias_lr").asDouble())
                .schedule(TrainFacesOptions.Schedule.valueOf(o.path("schedule").asText().toUpperCase(Locale.ROOT)))
                .mosaic(o.path("mosaic").asDouble())
                .scale(o.path("scale").asDouble())
                .translate(o.path("translate").asDouble())
                .flipLr(o.path("fliplr").asDouble())
                .hsv(o.path("hsv_h").asDouble(), o.path("hsv_s").asDouble(), o.path("hsv_v").asDouble())
                .seed(o.path("seed").asLong())
                .startFrom(o.hasNonNull("start_from") ? Path.of(o.get("start_from").asText()) : null);
        return b.build();
    }

    private static byte[] readOrFail(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new InvalidInputException(file, "checkpoint file missing or unreadable: " + e.getMessage());
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String fmt(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.4f", v);
    }
}
