package org.anivid.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.anivid.faces.FaceDetector;
import org.anivid.faces.FaceModels;
import org.anivid.faces.FaceReport;
import org.anivid.faces.VideoFaceOptions;
import org.anivid.shots.ShotDetectors;
import org.anivid.shots.ShotService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "faces", mixinStandardHelpOptions = true,
        description = "Find anime faces on pictures and videos. Videos: the detector runs on every k-th frame of each "
                + "shot and a tracker fills the frames between (tracks end at cuts); every frame is marked by the "
                + "paper's rule (exactly one face at or above the confidence).")
final class FacesCommand implements Callable<Integer> {
    @Parameters(paramLabel = "IMAGE_OR_VIDEO", arity = "1..*")
    List<Path> files;

    @Option(names = "--model", paramLabel = "NAME_OR_PATH",
            description = "faceboxes-anime, lbp-anime, or a model file (.pth FaceBoxes, .xml cascade); default: the "
                    + "first known model found in the model folders.")
    String model;

    @Option(names = "--conf", defaultValue = "0.6", description = "Confidence threshold (default ${DEFAULT-VALUE}).")
    float conf;

    @Option(names = "--stride", defaultValue = "3", description = "Videos: detect on every k-th frame (default ${DEFAULT-VALUE}).")
    int stride;

    @Option(names = "--detect-size", defaultValue = "640",
            description = "Videos: frames are shrunk to fit this many pixels before detection, 0 = full size (default ${DEFAULT-VALUE}).")
    int detectSize;

    @Option(names = "--json", description = "Print one JSON object on stdout.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        FaceReport.requireFiles(files);
        VideoFaceOptions options = ShotsCommand.badOptionsAsInput(() -> VideoFaceOptions.defaults().withStride(stride)
                .withDetectSide(detectSize).withConfidence(conf));
        FaceReport report;
        try (FaceDetector detector = FaceModels.open(model)) {
            report = ConsoleProgress.run("faces", ctx -> FaceReport.run(files, detector, options,
                    (video, c) -> ShotService.detect(video, ShotDetectors.DEFAULT, c).cuts(), ctx), System.err, json);
        }
        if (json) {
            Json.print(System.out, report.toJson());
            return 0;
        }
        for (Map<String, Object> r : report.results()) {
            List<?> boxes = (List<?>) r.get("boxes");
            if (r.containsKey("flag") && boxes.isEmpty()) {
                continue;
            }
            System.out.printf("%s#%s: %d face(s)%s%n", r.get("file"), r.get("frame"), boxes.size(),
                    r.containsKey("flag") ? " [" + r.get("flag") + "]" : "");
            for (Object b : boxes) {
                float[] f = (float[]) b;
                System.out.printf("  [%.1f, %.1f, %.1f, %.1f] %.3f%n", f[0], f[1], f[2], f[3], f[4]);
            }
        }
        for (Map<String, Object> v : report.videos()) {
            System.out.printf("%s: %s frames, %s tracks, flags %s%n", v.get("file"), v.get("frames"), v.get("tracks"),
                    v.get("frame_flags"));
        }
        return 0;
    }

}
