package org.anivid.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.anivid.app.AnimationService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "animate", mixinStandardHelpOptions = true,
        description = "Animate a still character with the motion of a driving video (First Order Motion Model). "
                + "Source and driving frames are cut to the face first; the result is an mp4 (with the driving "
                + "video's sound) or, for a folder, lossless frame_00000.png …")
final class AnimateCommand implements Callable<Integer> {
    @Option(names = "--checkpoint", required = true, paramLabel = "CKPT",
            description = "FOMM checkpoint (official vox-cpk.pth.tar format, or one of ours).")
    Path checkpoint;

    @Option(names = "--config", paramLabel = "YAML", description = "FOMM config (default: the official vox-256).")
    Path config;

    @Option(names = "--source", required = true, paramLabel = "IMAGE", description = "The still character.")
    Path source;

    @Option(names = "--driving", required = true, paramLabel = "VIDEO|webcam[:N]",
            description = "The driving video, or a webcam (webcam = the first, webcam:N = /dev/videoN): live, "
                    + "always the newest picture; --out must then be an .mp4 recording; Ctrl+C stops.")
    String driving;

    @Option(names = "--out", required = true, paramLabel = "FILE_OR_DIR",
            description = "An .mp4 file, or a folder for PNG frames.")
    Path out;

    @Option(names = "--mode", defaultValue = "relative",
            description = "relative (motion relative to the first driving frame) or absolute (default ${DEFAULT-VALUE}).")
    String mode;

    @Option(names = "--adapt-scale", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Scale the movement by the keypoint hulls' areas (default on; relative mode only).")
    boolean adaptScale;

    @Option(names = "--no-crop", description = "Feed source and driving frames as they are (no face crop).")
    boolean noCrop;

    @Option(names = "--paste-back", description = "Paste the animated face back into the whole source picture.")
    boolean pasteBack;

    @Option(names = "--side-by-side", description = "Each output frame shows source | driving | result.")
    boolean sideBySide;

    @Option(names = "--model", paramLabel = "NAME_OR_PATH", description = "Anime face model (default: the first found).")
    String faceModel;

    @Option(names = "--driving-faces", defaultValue = "auto",
            description = "Face detector for the driving video: auto (anime, then human), anime or human (default ${DEFAULT-VALUE}).")
    String drivingFaces;

    @Option(names = "--max-frames", defaultValue = "0", description = "Stop after this many driving frames (0: all).")
    int maxFrames;

    @Option(names = "--json", description = "Print one JSON object on stdout.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        java.util.OptionalInt camera = org.anivid.media.Cameras.parseSpec(driving);
        if (camera.isPresent()) {
            return webcam(camera.getAsInt());
        }
        AnimationService.Options options = ShotsCommand.badOptionsAsInput(() -> {
            boolean relative = switch (mode.toLowerCase(Locale.ROOT)) {
                case "relative" -> true;
                case "absolute" -> false;
                default -> throw new IllegalArgumentException("--mode must be relative or absolute, not " + mode);
            };
            AnimationService.DrivingFaces faces;
            try {
                faces = AnimationService.DrivingFaces.valueOf(drivingFaces.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--driving-faces must be auto, anime or human, not " + drivingFaces);
            }
            return new AnimationService.Options(checkpoint, config, source, Path.of(driving), out, relative,
                    adaptScale, !noCrop, pasteBack, sideBySide, faceModel, faces, maxFrames);
        });
        AnimationService.Result r = ConsoleProgress.run("animate", new AnimationService().animateJob(options),
                System.err, json);
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("out", r.out().toString());
        o.put("format", r.png() ? "png" : "mp4");
        o.put("frames", r.frames());
        o.put("width", r.width());
        o.put("height", r.height());
        o.put("fps", r.fps());
        o.put("audio", r.audio());
        o.put("seconds", r.seconds());
        o.put("seconds_per_frame", r.seconds() / Math.max(1, r.frames()));
        o.put("mode", options.relative() ? "relative" : "absolute");
        o.put("adapt_scale", options.relative() && options.adaptScale());
        o.put("crop", options.crop());
        if (r.sourceCrop() != null) {
            o.put("source_crop", window(r.sourceCrop()));
        }
        if (r.drivingCrop() != null) {
            o.put("driving_crop", window(r.drivingCrop()));
        }
        if (json) {
            Json.print(System.out, o);
        } else {
            System.out.printf(Locale.ROOT, "%s: %d frames %dx%d at %.2f fps%s in %.1f s (%.2f s/frame)%n", r.out(),
                    r.frames(), r.width(), r.height(), r.fps(), r.audio() ? " with sound" : "", r.seconds(),
                    r.seconds() / Math.max(1, r.frames()));
        }
        return 0;
    }

    /** {@code --driving webcam[:N]}: the live session of the studio's Animate panel, recorded to {@code --out}. */
    private int webcam(int camera) throws Exception {
        if (!out.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".mp4")) {
            throw new org.anivid.core.InvalidInputException(out, "a webcam session records to an .mp4 file");
        }
        if (!mode.equalsIgnoreCase("relative") && !mode.equalsIgnoreCase("absolute")) {
            throw new org.anivid.core.InvalidInputException(null, "--mode must be relative or absolute, not " + mode);
        }
        boolean relative = mode.equalsIgnoreCase("relative");
        org.anivid.core.RgbImage picture = org.anivid.media.ImageFiles.read(source);
        org.anivid.media.FrameCapture capture = new org.anivid.media.Cameras().open(camera);
        org.anivid.app.LiveAnimation.Report r;
        try (org.anivid.fomm.FommModel model = AnimationService.loadModel(checkpoint, config)) {
            var live = noCrop ? org.anivid.app.LiveAnimation.Options.defaults()
                    : org.anivid.app.LiveAnimation.Options.webcam()
                            .withSourceFaces(() -> org.anivid.faces.FaceModels.open(faceModel));
            live = live.withNormalization(relative ? new org.anivid.fomm.FommConfig.NormalizationParams(adaptScale,
                    true, true) : org.anivid.fomm.FommConfig.NormalizationParams.absolute())
                    .withRecording(out).withMaxFrames(maxFrames);
            System.err.println("animating " + capture.description() + " — Ctrl+C stops and keeps the recording");
            r = org.anivid.app.LiveAnimation.run(model, picture, capture, live,
                    session -> Runtime.getRuntime().addShutdownHook(new Thread(session::stop)));
        } catch (RuntimeException e) {
            capture.close();
            throw e;
        }
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("out", r.recording() == null ? null : r.recording().toString());
        o.put("state", r.state().name().toLowerCase(Locale.ROOT));
        o.put("message", r.message());
        o.put("frames", r.stats().frames());
        o.put("fps", r.stats().fps());
        o.put("latency_ms", r.stats().latencyMs());
        o.put("dropped", r.stats().dropped());
        o.put("seconds", r.stats().seconds());
        if (json) {
            Json.print(System.out, o);
        } else {
            System.out.printf(Locale.ROOT, "%s: %d frames, %.1f frames/s, latency %.0f ms, %d dropped (%s)%n",
                    r.recording(), r.stats().frames(), r.stats().fps(), r.stats().latencyMs(), r.stats().dropped(),
                    r.message() == null ? r.state().name().toLowerCase(Locale.ROOT) : r.message());
        }
        return r.state() == org.anivid.app.LiveAnimation.State.FAILED ? 1 : 0;
    }

    private static double[] window(org.anivid.dataset.CropTrack.Window w) {
        return new double[] {w.x1(), w.y1(), w.x2(), w.y2()};
    }
}
