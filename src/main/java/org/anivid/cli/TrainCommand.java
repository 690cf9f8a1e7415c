package org.anivid.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.anivid.app.FommTraining;
import org.anivid.core.InvalidInputException;
import org.anivid.fomm.train.FommTrainer;
import org.anivid.fomm.train.TrainDevice;
import org.anivid.fomm.train.TrainFommOptions;
import org.anivid.jobs.JobCancelledException;
import org.anivid.jobs.JobContext;
import org.anivid.jobs.JobTracker;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "train", mixinStandardHelpOptions = true, description = "Training jobs.",
        subcommands = {TrainCommand.Fomm.class, TrainCommand.Faces.class})
final class TrainCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.err);
    }

    @Command(name = "fomm", mixinStandardHelpOptions = true,
            description = {"Fine-tune (or train) FOMM on a folder in FOMM's layout (train/, test/), such as an AniVid "
                    + "export, as the official train.py does. Progress, losses and images/s go to stderr; every "
                    + "step's losses to RUN/log.jsonl; checkpoints (official format) to RUN/checkpoints/.",
                    "Running the same command again on the same --run folder resumes exactly where it stopped "
                    + "(Ctrl+C saves the position first)."})
    static final class Fomm implements Callable<Integer> {
        @Option(names = "--data", required = true, paramLabel = "DIR", description = "Training data (train/ and test/).")
        Path data;

        @Option(names = "--init", paramLabel = "CKPT", description = "Start from this checkpoint (official or ours); "
                + "default: random weights.")
        Path init;

        @Option(names = "--config", paramLabel = "YAML", description = "Model and training config (default: "
                + "assets/fomm/vox-256.yaml).")
        Path config;

        @Option(names = "--run", paramLabel = "DIR", defaultValue = "fomm-run",
                description = "Run folder; resumed when it holds a run (default ${DEFAULT-VALUE}).")
        Path run;

        @Option(names = "--epochs", description = "Default: the config's num_epochs.")
        Integer epochs;

        @Option(names = "--batch", description = "Default: the config's batch_size.")
        Integer batch;

        @Option(names = "--repeats", description = "Passes over the data per epoch (default: the config's num_repeats).")
        Integer repeats;

        @Option(names = "--max-steps", description = "Stop after this many steps in total.")
        Long maxSteps;

        @Option(names = "--device", defaultValue = "auto", description = "auto|cpu|gpu (default ${DEFAULT-VALUE}).")
        String device;

        @Option(names = "--seed", defaultValue = "0", description = "Data order, augmentation and transforms.")
        long seed;

        @Option(names = "--checkpoint-every", defaultValue = "500", description = "Steps (default ${DEFAULT-VALUE}).")
        int checkpointEvery;

        @Option(names = "--preview-every", defaultValue = "100",
                description = "Steps between reconstructions of held-out clips, 0 for none (default ${DEFAULT-VALUE}).")
        int previewEvery;

        @Option(names = "--vgg", paramLabel = "FILE", description = "torchvision VGG19 weights for the perceptual "
                + "loss (default: vgg19-dcbb9e9d.pth in the models folder; without it the pyramid L1 loss is used).")
        Path vgg;

        @Option(names = "--loader-threads", defaultValue = "2", description = "Decoding threads (default ${DEFAULT-VALUE}).")
        int loaderThreads;

        @Option(names = "--json", description = "Print one JSON object on stdout at the end.")
        boolean json;

        @Override
        public Integer call() throws Exception {
            TrainDevice trainDevice = TrainDevice.parse(device);
            if (checkpointEvery < 1 || previewEvery < 0 || loaderThreads < 1) {
                throw new InvalidInputException(null, "--checkpoint-every and --loader-threads must be at least 1, "
                        + "--preview-every at least 0");
            }
            if (batch != null && batch < 1 || epochs != null && epochs < 1 || repeats != null && repeats < 1) {
                throw new InvalidInputException(null, "--batch, --epochs and --repeats must be at least 1");
            }
            Path configFile = config != null ? config : FommTraining.defaultConfig();
            TrainFommOptions options = new TrainFommOptions(data, configFile, init, run, epochs, batch, repeats,
                    maxSteps, trainDevice, seed, checkpointEvery, previewEvery, vgg, loaderThreads);
            if (Files.exists(run.resolve(FommTrainer.LAST))) {
                System.err.println("anivid: resuming the run in " + run);
            }
            FommTrainer trainer = new FommTrainer(options);
            AtomicReference<JobContext> running = new AtomicReference<>();
            CountDownLatch finished = new CountDownLatch(1);
            // Ctrl+C: ask the trainer to stop, and hold the JVM until it has saved its position.
            Thread hook = new Thread(() -> {
                if (running.get() instanceof JobTracker tracker) {
                    tracker.cancel();
                    try {
                        finished.await(120, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }, "anivid-train-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            FommTrainer.Result result;
            try {
                result = ConsoleProgress.run("train fomm", context -> {
                    running.set(context);
                    return trainer.train(context, new FommTrainer.Listener() {
                        @Override
                        public void started(FommTrainer.RunInfo info) {
                            System.err.printf("anivid: %s loss on %s, %d steps (batch %d, %d per epoch), %d clips%s%n",
                                    info.loss(), info.device(), info.totalSteps(), info.batchSize(),
                                    info.batchesPerEpoch(), info.trainingClips(),
                                    info.loss().startsWith("pyramid") ? " (no VGG19 weights found: pass --vgg "
                                            + "for the paper's perceptual loss)" : "");
                        }

                        @Override
                        public void preview(FommTrainer.Preview preview) {
                            System.err.printf("anivid: step %d held-out reconstruction L1 %.4f (%s)%n",
                                    preview.step(), preview.heldOutL1(), preview.file());
                        }
                    });
                }, System.err, false);
            } catch (JobCancelledException e) {
                System.err.println("anivid: stopped; run the same command again to resume from " + run);
                return 130;
            } finally {
                finished.countDown();
            }
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // already shutting down
            }
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("run", result.run().toString());
            o.put("steps", result.steps());
            o.put("checkpoint", result.lastCheckpoint().toString());
            o.put("loss", result.loss());
            o.put("first_held_out_l1", finite(result.firstHeldOutL1()));
            o.put("last_held_out_l1", finite(result.lastHeldOutL1()));
            if (json) {
                Json.print(System.out, o);
            } else {
                System.out.printf("trained %d steps with the %s loss; checkpoint %s%n", result.steps(), result.loss(),
                        result.lastCheckpoint());
            }
            return 0;
        }

        private static Double finite(double v) {
            return Double.isFinite(v) ? v : null;
        }
    }

    @Command(name = "faces", mixinStandardHelpOptions = true,
            description = {"Train the studio's own anime face detector (YOLO-style AnimeFaceNet; GIoU box loss, BCE "
                    + "objectness and class losses, SGD lr 0.01 with warm-up and a cosine schedule, mosaic, scale, "
                    + "HSV and flip augmentation) on generated anime faces, teacher pseudo-labels (--pseudo) and the "
                    + "boxes corrected in a library (--library); validation mAP on generated pictures that training "
                    + "never sees, every epoch. Images/s and losses go to stderr.",
                    "OUT gets best.params/.json (the model), last.params and the resume state; --resume continues "
                    + "a stopped run."})
    static final class Faces implements Callable<Integer> {
        @Option(names = "--out", required = true, paramLabel = "DIR", description = "Run folder.")
        Path out;

        @Option(names = "--synthetic", defaultValue = "2000", description = "Generated training pictures (default "
                + "${DEFAULT-VALUE}).")
        int synthetic;

        @Option(names = "--validation", defaultValue = "200", description = "Generated validation pictures (default "
                + "${DEFAULT-VALUE}).")
        int validation;

        @Option(names = "--pseudo", paramLabel = "FILE", arity = "1..*", description = "Images or videos to "
                + "pseudo-label where FaceBoxes-anime and the LBP cascade agree (teachers from the models folder).")
        List<Path> pseudo = List.of();

        @Option(names = "--library", paramLabel = "DIR", description = "Also train on every frame with a box drawn or "
                + "corrected in this library.")
        Path library;

        @Option(names = "--input", defaultValue = "416", description = "Network input size (default ${DEFAULT-VALUE}).")
        int input;

        @Option(names = "--epochs", defaultValue = "50", description = "Default ${DEFAULT-VALUE}.")
        int epochs;

        @Option(names = "--batch", defaultValue = "16", description = "Default ${DEFAULT-VALUE}.")
        int batch;

        @Option(names = "--lr", defaultValue = "0.01", description = "Initial learning rate (default ${DEFAULT-VALUE}).")
        double lr;

        @Option(names = "--init", paramLabel = "MODEL", description = "Fine-tune this model (.params) instead of "
                + "starting from random weights.")
        Path init;

        @Option(names = "--resume", description = "Continue the stopped run in --out.")
        boolean resume;

        @Option(names = "--save-as", paramLabel = "FILE.params", description = "At the end, also write the best model "
                + "as FILE.params with its FILE.json (e.g. models/anivid_faces.params to make it the studio's).")
        Path saveAs;

        @Option(names = "--detect-size", defaultValue = "0", paramLabel = "N", description = "With --save-as: the "
                + "long side pictures are scaled to when the saved model detects (a multiple of 32; default: the "
                + "training size).")
        int detectSize;

        @Option(names = "--seed", defaultValue = "0")
        long seed;

        @Option(names = "--json", description = "Print one JSON object on stdout at the end.")
        boolean json;

        @Override
        public Integer call() throws Exception {
            if (saveAs != null && !saveAs.getFileName().toString().endsWith(
                    org.anivid.faces.detector.DetectorFiles.EXTENSION)) {
                throw new InvalidInputException(saveAs, "--save-as must name a .params file");
            }
            if (detectSize != 0 && (detectSize < 64 || detectSize % 32 != 0 || saveAs == null)) {
                throw new InvalidInputException(null, "--detect-size goes with --save-as and is a multiple of 32 "
                        + "from 64");
            }
            if (synthetic < 0 || validation < 1 || input < 64 || input % 32 != 0 || epochs < 1 || batch < 1
                    || !(lr > 0)) {
                throw new InvalidInputException(null, "--synthetic must be 0 or more, --validation, --epochs and "
                        + "--batch at least 1, --input a multiple of 32 from 64, --lr above 0");
            }
            org.anivid.faces.train.TrainFacesOptions.Builder builder = org.anivid.faces.train.TrainFacesOptions
                    .builder().inputSize(input).epochs(epochs).batchSize(batch).lr0(lr).seed(seed).resume(resume);
            if (init != null) {
                builder.startFrom(init);
            }
            org.anivid.faces.train.TrainFacesOptions options = builder.build();
            org.anivid.library.Library lib = library == null ? null : org.anivid.library.Library.open(library);
            try {
                org.anivid.faces.train.TrainFacesResult result = ConsoleProgress.run("train faces", context -> {
                    org.anivid.app.DetectorTraining.Data data = org.anivid.app.DetectorTraining.gather(
                            new org.anivid.app.DetectorTraining.Sources(synthetic, validation, input, input, pseudo,
                                    lib), context);
                    System.err.printf("anivid: %d training pictures (%d generated, %d pseudo-labelled, %d corrected "
                            + "frames), %d validation%n", data.train().size(), data.synthetic(), data.pseudo(),
                            data.manual(), data.validation().size());
                    return org.anivid.faces.train.FaceDetectorTrainer.train(data.train(), data.validation(), options,
                            out, context);
                }, System.err, false);
                if (saveAs != null) {
                    if (saveAs.getParent() != null) {
                        java.nio.file.Files.createDirectories(saveAs.getParent());
                    }
                    org.anivid.faces.detector.DetectorFiles.copy(result.bestModel(), saveAs, detectSize);
                    System.err.println("anivid: best model saved as " + saveAs);
                }
                if (json) {
                    Json.print(System.out, result.toJson());
                } else {
                    System.out.printf(java.util.Locale.ROOT, "best epoch %d: validation mAP@0.5 %.4f, "
                                    + "mAP@[.5:.95] %.4f, %.1f images/s; model %s%n", result.bestEpoch(),
                            result.bestMap50(), result.bestMap50To95(), result.imagesPerSecond(), result.bestModel());
                }
                return 0;
            } catch (JobCancelledException e) {
                System.err.println("anivid: stopped; --resume continues the run in " + out);
                return 130;
            } finally {
                if (lib != null) {
                    lib.close();
                }
            }
        }
    }
}
