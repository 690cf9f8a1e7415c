package org.anivid.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.anivid.core.InvalidInputException;
import org.anivid.core.RgbImage;
import org.anivid.media.ImageFiles;
import org.anivid.metrics.DetectionMap;
import org.anivid.metrics.ImageMetrics;
import org.anivid.metrics.MapEvaluation;
import org.anivid.metrics.MetricMode;
import org.anivid.shots.ShotDetectors;
import org.anivid.shots.ShotEvaluation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "eval", mixinStandardHelpOptions = true, description = "Evaluate detectors against ground truth.",
        subcommands = {EvalCommand.Shots.class, EvalCommand.MeanAveragePrecision.class, EvalCommand.Faces.class,
                EvalCommand.ImageSimilarity.class, EvalCommand.Reconstruction.class})
final class EvalCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.err);
    }

    @Command(name = "shots", mixinStandardHelpOptions = true,
            description = "Precision, recall and F1 of the shot detector on every video of a ground-truth file "
                    + "(format of GROUND_TRUTH_cuts.json), per video and overall; a predicted cut matches a true one "
                    + "within the tolerance (by presentation time on variable-frame-rate files).")
    static final class Shots implements Callable<Integer> {
        @Option(names = "--gt", required = true, paramLabel = "GROUND_TRUTH.json")
        Path groundTruth;

        @Option(names = "--tolerance", defaultValue = "1", description = "Frames (default ${DEFAULT-VALUE}).")
        int tolerance;

        @Option(names = "--detector", defaultValue = "adaptive")
        String detector;

        @Option(names = {"-o", "--option"}, paramLabel = "KEY=VALUE", description = "Detector option.")
        List<String> options = List.of();

        @Option(names = "--json", description = "Print one JSON object on stdout.")
        boolean json;

        @Override
        public Integer call() throws Exception {
            var parsed = ShotsCommand.badOptionsAsInput(() -> ShotDetectors.parseOptions(options));
            if (tolerance < 0) {
                throw new org.anivid.core.InvalidInputException(null, "--tolerance must be 0 or more frames");
            }
            ShotEvaluation.Evaluation e = ConsoleProgress.run("eval shots",
                    ctx -> ShotsCommand.badOptionsAsInput(() -> ShotEvaluation.evaluate(groundTruth, detector, parsed,
                            tolerance, ctx)), System.err, json);
            if (json) {
                Json.print(System.out, e.toJson());
            } else {
                Json.mapper().writerWithDefaultPrettyPrinter().writeValue(System.out, e.toJson());
                System.out.println();
            }
            return 0;
        }
    }

    @Command(name = "map", mixinStandardHelpOptions = true,
            description = {"Detection mAP of predictions against ground truth, "
                    + MapEvaluation.DEFINITION + "; plus precision and recall at a confidence threshold.",
                    "GT: a COCO annotation file, or './anivid faces --json' output. PRED: COCO results "
                    + "[{image_id, category_id, bbox, score}], or './anivid faces --json' output, whose files are "
                    + "matched to the ground-truth images by path (frame i > 0 of a video is the image '<file>#<i>')."})
    static final class MeanAveragePrecision implements Callable<Integer> {
        @Option(names = "--gt", required = true, paramLabel = "GT", description = "Ground truth.")
        Path groundTruth;

        @Option(names = "--pred", required = true, paramLabel = "PRED", description = "Predictions.")
        Path predictions;

        @Option(names = "--conf", defaultValue = "0.6",
                description = "Confidence threshold of precision and recall (default ${DEFAULT-VALUE}, the paper's).")
        double conf;

        @Option(names = "--iou", defaultValue = "0.5",
                description = "IoU threshold of precision and recall (default ${DEFAULT-VALUE}); AP has its own.")
        double iou;

        @Option(names = "--json", description = "Print one JSON object on stdout.")
        boolean json;

        @Override
        public Integer call() {
            if (!(conf >= 0 && conf <= 1)) {
                throw new org.anivid.core.InvalidInputException(null, "--conf must be in [0, 1], got " + conf);
            }
            if (!(iou > 0 && iou <= 1)) {
                throw new org.anivid.core.InvalidInputException(null, "--iou must be in (0, 1], got " + iou);
            }
            MapEvaluation e = DetectionMap.evaluate(groundTruth, predictions, conf, iou);
            if (json) {
                Json.print(System.out, e.toJson());
            } else {
                System.out.print(table(e));
                System.out.flush();
            }
            return 0;
        }

        static String table(MapEvaluation e) {
            StringBuilder s = new StringBuilder();
            s.append("Detection mAP: ").append(MapEvaluation.DEFINITION).append('\n');
            if (e.inputs() != null) {
                s.append(String.format(Locale.ROOT, "  ground truth  %s (%s): %d images, %d boxes to find, %d ignored%n",
                        e.inputs().groundTruth(), e.inputs().groundTruthFormat(), e.images(), e.gtBoxes(),
                        e.gtIgnored()));
                s.append(String.format(Locale.ROOT, "  predictions   %s (%s): %d detections%n",
                        e.inputs().predictions(), e.inputs().predictionsFormat(), e.detections()));
            }
            s.append(String.format(Locale.ROOT, "  mAP@.5        %s%n", value(e.map50())));
            s.append(String.format(Locale.ROOT, "  mAP@.75       %s%n", value(e.map75())));
            s.append(String.format(Locale.ROOT, "  mAP@.5:.95    %s%n", value(e.map50To95())));
            s.append(String.format(Locale.ROOT, "  at conf >= %s, IoU >= %s: precision %s, recall %s (TP %d, FP %d, FN %d)%n",
                    e.conf(), e.iou(), value(e.precision()), value(e.recall()), e.truePositives(), e.falsePositives(),
                    e.falseNegatives()));
            if (e.perCategory().size() > 1) {
                s.append("  per class        AP@.5   AP@.5:.95   boxes%n".formatted());
                for (MapEvaluation.CategoryResult c : e.perCategory()) {
                    s.append(String.format(Locale.ROOT, "    %-12s %7s %11s %7d%n",
                            c.name().isEmpty() ? String.valueOf(c.categoryId()) : c.name(), value(c.ap50()),
                            value(c.ap50To95()), c.gtBoxes()));
                }
            }
            for (String w : e.warnings()) {
                s.append("  note: ").append(w).append('\n');
            }
            return s.toString();
        }

        private static String value(double v) {
            return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.4f", v);
        }
    }

    @Command(name = "faces", mixinStandardHelpOptions = true,
            description = "The face detectors on the shared pictures with reference boxes, as the paper's Table 1 "
                    + "(COCO mAP@0.5, mAP@[.5:.05:.95], precision and recall at the confidence) plus recall at IoU 0.3 "
                    + "and exact face counts.")
    static final class Faces implements Callable<Integer> {
        @Option(names = "--gt", paramLabel = "GROUND_TRUTH_faces.json",
                description = "Reference file (default: GROUND_TRUTH_faces.json in $ANIVID_TESTDATA or ../shared/testdata).")
        Path groundTruth;

        @Option(names = "--models", split = ",", description = "Models (default: every known model found).")
        List<String> models;

        @Option(names = "--conf", defaultValue = "0.6", description = "Confidence (default ${DEFAULT-VALUE}).")
        double conf;

        @Option(names = "--generated", defaultValue = "0", paramLabel = "N", description = "Also score every model "
                + "on the first N generated validation pictures of the studio's own detector (640x480, seeds its "
                + "training never uses; exact boxes). Default ${DEFAULT-VALUE}: off.")
        int generated;

        @Option(names = "--json", description = "Print one JSON object on stdout.")
        boolean json;

        @Override
        public Integer call() throws Exception {
            if (generated < 0) {
                throw new org.anivid.core.InvalidInputException(null, "--generated must be 0 or more");
            }
            Path gt = groundTruth;
            if (gt == null) {
                String env = System.getenv("ANIVID_TESTDATA");
                Path dir = env != null && !env.isBlank() ? Path.of(env)
                        : org.anivid.core.AppPaths.repoDir().orElse(Path.of("")).resolve("../shared/testdata");
                gt = dir.resolve("GROUND_TRUTH_faces.json").normalize();
            }
            if (!java.nio.file.Files.isRegularFile(gt)) {
                throw new org.anivid.core.InvalidInputException(gt, "no such file (pass --gt)");
            }
            List<String> names = org.anivid.faces.FaceModels.namedOrAvailable(models);
            Path file = gt;
            List<org.anivid.faces.FaceEvaluation.Row> rows = ConsoleProgress.run("eval faces",
                    ctx -> org.anivid.faces.FaceEvaluation.evaluate(file, names, conf, ctx), System.err, json);
            List<org.anivid.faces.FaceEvaluation.Row> generatedRows = List.of();
            if (generated > 0) {
                List<org.anivid.faces.data.LabelledImage> pictures = org.anivid.faces.data.SyntheticSet.validation(
                        generated, 640, 480);
                generatedRows = ConsoleProgress.run("eval faces (generated)", ctx -> org.anivid.faces.FaceEvaluation
                        .evaluate(pictures.stream().map(org.anivid.faces.data.LabelledImage::image).toList(),
                                pictures.stream().map(org.anivid.faces.data.LabelledImage::boxes).toList(), names,
                                conf, ctx), System.err, json);
            }
            if (json) {
                java.util.Map<String, Object> out = new java.util.LinkedHashMap<>();
                out.put("ground_truth", gt.toString());
                out.put("conf", conf);
                out.put("definition", org.anivid.metrics.MapEvaluation.DEFINITION);
                out.put("rows", rows.stream().map(org.anivid.faces.FaceEvaluation.Row::toJson).toList());
                if (generated > 0) {
                    out.put("generated", java.util.Map.of("pictures", generated, "size", "640x480", "rows",
                            generatedRows.stream().map(org.anivid.faces.FaceEvaluation.Row::toJson).toList()));
                }
                Json.print(System.out, out);
            } else {
                System.out.println("Shared anime pictures with reference boxes (" + gt + "):");
                System.out.print(org.anivid.faces.FaceEvaluation.table(rows, conf));
                if (generated > 0) {
                    System.out.println();
                    System.out.println(generated + " generated validation pictures, 640x480, exact boxes:");
                    System.out.print(org.anivid.faces.FaceEvaluation.table(generatedRows, conf));
                }
            }
            return 0;
        }
    }

    @Command(name = "metrics", mixinStandardHelpOptions = true,
            description = {"The six image-similarity metrics of the paper's Table 2 of IMAGE_B against the reference "
                    + "IMAGE_A (same size): PSNR (dB), SSIM, SAM (degrees), SRE (dB), UIQ and FSIM.",
                    "standard: textbook definitions on 8-bit pictures (PSNR peak 255, Gaussian SSIM, FSIM on luma). "
                    + "paper: the 'image-similarity-measures' package the paper used, quirks included (12-bit peak "
                    + "4095 in PSNR and SSIM, uint8 overflow in SAM, unsquared norm in SRE, per-channel FSIM).",
                    "Identical pictures have PSNR and SRE of infinity; in JSON a non-finite value is the string "
                    + "\"inf\", \"-inf\" or \"nan\"."})
    static final class ImageSimilarity implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "IMAGE_A", description = "The reference (ground-truth) picture.")
        Path reference;

        @Parameters(index = "1", paramLabel = "IMAGE_B", description = "The picture compared with it.")
        Path image;

        @Option(names = "--mode", defaultValue = "standard", paramLabel = "standard|paper",
                description = "Metric definitions (default ${DEFAULT-VALUE}).")
        String mode;

        @Option(names = "--json", description = "Print one JSON object on stdout.")
        boolean json;

        @Override
        public Integer call() {
            MetricMode m;
            try {
                m = MetricMode.parse(mode);
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(null, "--mode must be standard or paper, got '"
                        + mode + "'");
            }
            RgbImage a = ImageFiles.read(reference);
            RgbImage b = ImageFiles.read(image);
            if (a.width() != b.width() || a.height() != b.height()) {
                throw new InvalidInputException(image, "size " + b.width() + "x" + b.height()
                        + " differs from " + reference + " (" + a.width() + "x" + a.height() + ")");
            }
            ImageMetrics.Metrics r;
            try {
                r = ImageMetrics.compute(a, b, m);
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(image, e.getMessage());
            }
            if (json) {
                Map<String, Object> out = new LinkedHashMap<>(r.toJson());
                out.put("image_a", reference.toString());
                out.put("image_b", image.toString());
                out.put("width", a.width());
                out.put("height", a.height());
                Json.print(System.out, out);
            } else {
                System.out.print(table(r, reference, image, a.width(), a.height()));
                System.out.flush();
            }
            return 0;
        }

        static String table(ImageMetrics.Metrics r, Path a, Path b, int w, int h) {
            StringBuilder s = new StringBuilder();
            s.append(String.format(Locale.ROOT, "Image similarity (%s) of %s against %s, %dx%d%n", r.mode().id(), b, a,
                    w, h));
            s.append(String.format(Locale.ROOT, "  PSNR  %s dB%n", value(r.psnr())));
            s.append(String.format(Locale.ROOT, "  SSIM  %s%n", value(r.ssim())));
            s.append(String.format(Locale.ROOT, "  SAM   %s degrees%n", value(r.sam())));
            s.append(String.format(Locale.ROOT, "  SRE   %s dB%n", value(r.sre())));
            s.append(String.format(Locale.ROOT, "  UIQ   %s%n", value(r.uiq())));
            s.append(String.format(Locale.ROOT, "  FSIM  %s%n", value(r.fsim())));
            return s.toString();
        }

        private static String value(double v) {
            return Double.isNaN(v) ? "nan" : Double.isInfinite(v) ? (v > 0 ? "inf" : "-inf")
                    : String.format(Locale.ROOT, "%.4f", v);
        }
    }

    @Command(name = "reconstruction", mixinStandardHelpOptions = true,
            description = "The paper's Table 2: each test clip's first frame animated by the clip itself (absolute "
                    + "keypoints), L1 and the six image metrics against the real frames, averaged over frames then "
                    + "clips; one row per checkpoint.")
    static final class Reconstruction implements Callable<Integer> {
        @Option(names = "--checkpoint", required = true, arity = "1..*", paramLabel = "CKPT",
                description = "One or more FOMM checkpoints (one table row each).")
        List<Path> checkpoints;

        @Option(names = "--config", paramLabel = "YAML", description = "FOMM config (default: vox-256).")
        Path config;

        @Option(names = "--data", required = true, paramLabel = "DIR",
                description = "An export or FOMM-layout folder (its test/ clips are used when there is one).")
        Path data;

        @Option(names = "--mode", defaultValue = "standard", paramLabel = "standard|paper",
                description = "Metric definitions (default ${DEFAULT-VALUE}).")
        String mode;

        @Option(names = "--max-frames", defaultValue = "0", description = "Frames per clip at most (0: all).")
        int maxFrames;

        @Option(names = "--json", description = "Print one JSON object on stdout.")
        boolean json;

        @Override
        public Integer call() throws Exception {
            MetricMode m;
            try {
                m = MetricMode.parse(mode);
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(null, "--mode must be standard or paper, got '" + mode + "'");
            }
            List<Map<String, Object>> rows = new java.util.ArrayList<>();
            List<org.anivid.app.ReconstructionEvaluation.Report> reports = new java.util.ArrayList<>();
            for (Path checkpoint : checkpoints) {
                var report = ConsoleProgress.run("reconstruction", new org.anivid.app.ReconstructionEvaluation()
                        .evaluateJob(checkpoint, config, data, m, maxFrames), System.err, json);
                reports.add(report);
                Map<String, Object> row = new java.util.LinkedHashMap<>();
                row.put("checkpoint", checkpoint.toString());
                row.put("frames", report.frames());
                row.putAll(scores(report.scores()));
                List<Map<String, Object>> clips = new java.util.ArrayList<>();
                for (var c : report.clips()) {
                    Map<String, Object> clip = new java.util.LinkedHashMap<>();
                    clip.put("clip", c.clip());
                    clip.put("frames", c.frames());
                    clip.putAll(scores(c.scores()));
                    clips.add(clip);
                }
                row.put("clips", clips);
                row.put("seconds", report.seconds());
                rows.add(row);
            }
            if (json) {
                Map<String, Object> out = new java.util.LinkedHashMap<>();
                out.put("mode", m.id());
                out.put("data", data.toString());
                out.put("results", rows);
                Json.print(System.out, out);
            } else {
                System.out.printf(java.util.Locale.ROOT, "%-32s %8s %8s %8s %8s %8s %8s %8s%n", "checkpoint (" + m.id()
                        + ")", "L1", "SAM", "PSNR", "SRE", "FSIM", "SSIM", "UIQ");
                for (var r : reports) {
                    var s = r.scores();
                    System.out.printf(java.util.Locale.ROOT, "%-32s %8.4f %8.3f %8.3f %8.3f %8.4f %8.4f %8.4f%n",
                            r.checkpoint().getFileName(), s.l1(), s.sam(), s.psnr(), s.sre(), s.fsim(), s.ssim(),
                            s.uiq());
                }
            }
            return 0;
        }

        private static Map<String, Object> scores(org.anivid.app.ReconstructionEvaluation.Scores s) {
            Map<String, Object> m = new java.util.LinkedHashMap<>();
            m.put("l1", number(s.l1()));
            m.put("sam", number(s.sam()));
            m.put("psnr", number(s.psnr()));
            m.put("sre", number(s.sre()));
            m.put("fsim", number(s.fsim()));
            m.put("ssim", number(s.ssim()));
            m.put("uiq", number(s.uiq()));
            return m;
        }

        /** JSON has no infinities: as in {@code eval metrics}, those become strings. */
        private static Object number(double v) {
            return Double.isFinite(v) ? v : Double.isNaN(v) ? "nan" : v > 0 ? "inf" : "-inf";
        }
    }
}
