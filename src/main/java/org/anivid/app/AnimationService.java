package org.anivid.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.anivid.core.InvalidInputException;
import org.anivid.core.RgbImage;
import org.anivid.core.VideoFrame;
import org.anivid.dataset.CropTrack;
import org.anivid.faces.FaceDetector;
import org.anivid.faces.FaceModels;
import org.anivid.fomm.Animator;
import org.anivid.fomm.FommConfig;
import org.anivid.fomm.FommModel;
import org.anivid.jobs.Job;
import org.anivid.jobs.JobContext;
import org.anivid.media.FrameSize;
import org.anivid.media.FrameSource;
import org.anivid.media.ImageFiles;
import org.anivid.media.Natives;
import org.anivid.media.PngFiles;
import org.anivid.media.VideoEncoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code ./anivid animate}: a still character moved by a driving video, with the First Order Motion Model. Faces in,
 * faces out: the source and the driving frames are cut to a square around the face first (the anime detector for
 * the source, for the driving video the anime detector or else OpenCV's human one), the crop of the driving video
 * fixed from its first frames as FOMM expects (its training clips do not follow the head); the result can be pasted
 * back into the whole source picture. Output: an mp4 (with the driving video's audio when it has any) or a folder of
 * lossless {@code frame_00000.png}…, written to a temporary name and moved into place.
 */
public final class AnimationService {
    private static final Logger log = LoggerFactory.getLogger(AnimationService.class);
    /** How many driving frames are searched for a face to fix the crop. */
    static final int FACE_SEARCH_FRAMES = 30;
    private static final int BITRATE = 8_000_000;

    /** Which detector finds the face in the driving video. */
    public enum DrivingFaces { AUTO, ANIME, HUMAN }

    /**
     * @param config the FOMM YAML ({@code null}: the official vox-256 configuration)
     * @param relative relative motion and jacobians (the default) or absolute keypoints
     * @param adaptScale scale the movement by the keypoint hulls' areas (only with relative motion)
     * @param crop cut source and driving frames to the face (off: fed as they are, resized to the model's size)
     * @param pasteBack put the generated face back into the whole source picture (needs {@code crop})
     * @param sideBySide source | driving | result in each output frame
     * @param faceModel the anime face model for the source (null: the default)
     * @param maxFrames stop after this many driving frames (0: all)
     */
    public record Options(Path checkpoint, Path config, Path source, Path driving, Path out, boolean relative,
                          boolean adaptScale, boolean crop, boolean pasteBack, boolean sideBySide, String faceModel,
                          DrivingFaces drivingFaces, int maxFrames) {
        public Options {
            Objects.requireNonNull(checkpoint, "checkpoint");
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(driving, "driving");
            Objects.requireNonNull(out, "out");
            Objects.requireNonNull(drivingFaces, "drivingFaces");
            if (pasteBack && !crop) {
                throw new IllegalArgumentException("--paste-back needs the face crop (leave out --no-crop)");
            }
            if (maxFrames < 0) {
                throw new IllegalArgumentException("--max-frames must be 0 (all) or more, got " + maxFrames);
            }
        }

        public FommConfig.NormalizationParams normalization() {
            return relative ? new FommConfig.NormalizationParams(adaptScale, true, true)
                    : FommConfig.NormalizationParams.absolute();
        }
    }

    /** What a run made. */
    public record Result(Path out, boolean png, int frames, int width, int height, double fps, boolean audio,
                         double seconds, CropTrack.Window sourceCrop, CropTrack.Window drivingCrop) {
    }

    /** The FOMM model of a checkpoint and config, with the one-line error a user can act on. */
    public static FommModel loadModel(Path checkpoint, Path config) {
        if (!Files.isRegularFile(checkpoint)) {
            throw new InvalidInputException(checkpoint, "no such checkpoint file");
        }
        FommConfig c = config == null ? FommConfig.vox256() : FommConfig.read(config);
        return FommModel.load(c, checkpoint);
    }

    public Job<Result> animateJob(Options options) {
        return context -> animate(options, context);
    }

    Result animate(Options o, JobContext context) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        RgbImage source = ImageFiles.read(o.source());
        if (!Files.isRegularFile(o.driving())) {
            throw new InvalidInputException(o.driving(), "no such driving video");
        }
        CropTrack.Window sourceCrop = null;
        if (o.crop()) {
            context.message("finding the face in " + o.source().getFileName());
            try (FaceDetector anime = FaceModels.open(o.faceModel())) {
                sourceCrop = FaceCrops.around(anime, source).orElseThrow(() -> new InvalidInputException(o.source(),
                        "no face found in the source picture; pass --no-crop to animate the whole picture"));
            }
        }
        boolean png = !o.out().getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".mp4");
        context.message("loading " + o.checkpoint().getFileName());
        try (FommModel model = loadModel(o.checkpoint(), o.config());
             FrameSource driving = FrameSource.open(o.driving(), FrameSize.FULL)) {
            CropTrack.Window drivingCrop = o.crop() ? drivingCrop(o, driving, context) : null;
            RgbImage sourceFace = sourceCrop == null ? source : FaceCrops.crop(source, sourceCrop, Animator.DEFAULT_SIZE);
            int total = o.maxFrames() > 0 ? Math.min(o.maxFrames(), driving.frameCount()) : driving.frameCount();
            double fps = driving.info().fps() > 0 ? driving.info().fps() : 25;
            Path staging = staging(o.out());
            int frames = 0;
            int width = 0;
            int height = 0;
            try (Animator animator = new Animator(model, sourceFace, o.normalization())) {
                VideoEncoder encoder = null;
                try {
                    for (VideoFrame f = driving.frame(0); f != null && frames < total; f = driving.next()) {
                        context.checkCancelled();
                        RgbImage drivingFace = drivingCrop == null ? f.image()
                                : FaceCrops.crop(f.image(), drivingCrop, Animator.DEFAULT_SIZE);
                        RgbImage result = animator.animate(drivingFace);
                        RgbImage shown = o.pasteBack() ? FaceCrops.pasteBack(source, sourceCrop, result) : result;
                        if (o.sideBySide()) {
                            shown = FaceCrops.sideBySide(Animator.DEFAULT_SIZE, animator.sourcePicture(), drivingFace,
                                    shown);
                        }
                        shown = evenSized(shown);
                        if (png) {
                            PngFiles.write(shown, staging.resolve(String.format(Locale.ROOT, "frame_%05d.png", frames)));
                        } else {
                            if (encoder == null) {
                                encoder = VideoEncoder.open(staging, shown.width(), shown.height(),
                                        VideoEncoder.Settings.h264(fps, BITRATE));
                            }
                            encoder.write(shown);
                        }
                        width = shown.width();
                        height = shown.height();
                        frames++;
                        context.progress(frames, total);
                    }
                    if (encoder != null) {
                        encoder.close();
                        encoder = null;
                    }
                } finally {
                    if (encoder != null) {
                        encoder.abort();
                    }
                }
            } catch (RuntimeException | IOException e) {
                deleteQuietly(staging);
                throw e;
            }
            if (frames == 0) {
                deleteQuietly(staging);
                throw new InvalidInputException(o.driving(), "no decodable video frames");
            }
            boolean audio = false;
            if (!png && driving.info().hasAudio()) {
                audio = addAudio(staging, o.driving(), context);
            }
            moveIntoPlace(staging, o.out());
            return new Result(o.out(), png, frames, width, height, fps, audio, (System.nanoTime() - t0) / 1e9,
                    sourceCrop, drivingCrop);
        }
    }

    /** The crop of the driving video, fixed from the first of its frames that shows a face. */
    private static CropTrack.Window drivingCrop(Options o, FrameSource driving, JobContext context) {
        context.message("finding the face in " + o.driving().getFileName());
        List<FaceDetector> detectors = new ArrayList<>();
        try {
            if (o.drivingFaces() != DrivingFaces.HUMAN) {
                detectors.add(FaceModels.open(o.faceModel()));
            }
            if (o.drivingFaces() != DrivingFaces.ANIME) {
                detectors.add(FaceModels.openHuman());
            }
            int search = Math.min(FACE_SEARCH_FRAMES, driving.frameCount());
            for (int i = 0; i < search; i++) {
                RgbImage frame = driving.frame(i).image();
                for (FaceDetector d : detectors) {
                    var window = FaceCrops.around(d, frame);
                    if (window.isPresent()) {
                        log.info("driving face found on frame {} by {}", i, d.name());
                        return window.get();
                    }
                }
            }
        } finally {
            detectors.forEach(FaceDetector::close);
        }
        throw new InvalidInputException(o.driving(), "no face in the first " + FACE_SEARCH_FRAMES
                + " frames of the driving video; pass --no-crop to use whole frames");
    }

    /** H.264 wants even sides: drop a last odd row or column. */
    private static RgbImage evenSized(RgbImage image) {
        int w = image.width() & ~1;
        int h = image.height() & ~1;
        if (w == image.width() && h == image.height()) {
            return image;
        }
        byte[] out = new byte[w * h * 3];
        for (int y = 0; y < h; y++) {
            System.arraycopy(image.pixels(), y * image.width() * 3, out, y * w * 3, w * 3);
        }
        return new RgbImage(w, h, out);
    }

    /** A hidden temporary file (mp4) or folder (PNG frames) beside the output. */
    private static Path staging(Path out) throws IOException {
        Path parent = out.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        boolean mp4 = out.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".mp4");
        // The encoder picks the container from the extension, so a staging video keeps ".mp4".
        String name = "." + out.getFileName() + ".partial-" + ProcessHandle.current().pid() + (mp4 ? ".mp4" : "");
        Path staging = parent.resolve(name);
        deleteQuietly(staging);
        if (!mp4) {
            Files.createDirectories(staging);
        }
        return staging;
    }

    /**
     * Muxes the driving video's first audio stream into the animation with the bundled {@code ffmpeg} (copying the
     * video, encoding AAC). The animation is kept without sound if that fails.
     */
    private static boolean addAudio(Path video, Path driving, JobContext context) throws IOException, InterruptedException {
        context.message("adding the driving video's sound");
        Path muxed = video.resolveSibling(video.getFileName() + ".audio.mp4");
        Path ffmpeg = Natives.ffmpegExecutable();
        ProcessBuilder pb = new ProcessBuilder(ffmpeg.toString(), "-v", "error", "-nostdin", "-y", "-i", video.toString(),
                "-i", driving.toString(), "-map", "0:v:0", "-map", "1:a:0", "-c:v", "copy", "-c:a", "aac", "-shortest",
                muxed.toString()).redirectErrorStream(true);
        pb.environment().put("LD_LIBRARY_PATH", ffmpeg.getParent().toString());
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
            p.destroyForcibly();
            log.warn("could not add the driving video's sound: {}", output.strip());
            Files.deleteIfExists(muxed);
            return false;
        }
        Files.move(muxed, video, StandardCopyOption.REPLACE_EXISTING);
        return true;
    }

    private static void moveIntoPlace(Path staging, Path out) throws IOException {
        if (Files.isDirectory(out)) {
            Path old = out.resolveSibling("." + out.getFileName() + ".old-" + ProcessHandle.current().pid());
            Files.move(out, old, StandardCopyOption.ATOMIC_MOVE);
            Files.move(staging, out, StandardCopyOption.ATOMIC_MOVE);
            deleteQuietly(old);
        } else {
            Files.move(staging, out, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            if (Files.isDirectory(path)) {
                try (var walk = Files.walk(path)) {
                    walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            } else {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            log.debug("cannot delete {}", path, e);
        }
    }
}
