package org.anivid.faces;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.anivid.core.AppPaths;
import org.anivid.core.InvalidInputException;

/**
 * Face models by name or by path. Names are looked up as files in the model folders of DESIGN.md §2
 * ({@code $ANIVID_MODELS}, the data folder's {@code models}, the repository's {@code models/}); a path is opened by
 * its extension ({@code .pth}/{@code .pt}/{@code .tar}: FaceBoxes, {@code .xml}: an OpenCV cascade).
 */
public final class FaceModels {
    /** A model the studio knows by name: where its file comes from and what it is. */
    public record KnownModel(String name, String fileName, String description, float trimTop) {
    }

    /** In order of preference when no model is named: the first one found is the default. */
    public static final List<KnownModel> KNOWN = List.of(
            new KnownModel("faceboxes-anime", "anime_faceboxes_epoch90.pth",
                    "FaceBoxes trained on anime faces (WynMew/AnimeFaceBoxes, Apache-2.0), top 20 % trimmed as upstream",
                    0.2f),
            new KnownModel("lbp-anime", "lbpcascade_animeface.xml",
                    "LBP cascade for anime faces (nagadomi/lbpcascade_animeface, MIT)", 0f),
            // Shipped in models/, but last: the default only when neither teacher is installed, until a model meets
            // issue 9's bar (mAP@0.5 within 3 points of the best teacher on real anime; models/README.md).
            new KnownModel(org.anivid.faces.detector.AnimeFaceDetector.MODEL_NAME, "anivid_faces.params",
                    "the studio's own detector (AnimeFaceNet, trained by this project; models/README.md)", 0f));

    private FaceModels() {
    }

    /** The file of a named model in the first model folder that has it. */
    public static Optional<Path> find(String name) {
        for (KnownModel model : KNOWN) {
            if (model.name().equals(name)) {
                for (Path dir : AppPaths.modelDirs()) {
                    Path file = dir.resolve(model.fileName());
                    if (Files.isRegularFile(file)) {
                        return Optional.of(file);
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** The names of the known models whose files are present. */
    public static List<String> available() {
        List<String> names = new ArrayList<>();
        for (KnownModel model : KNOWN) {
            if (find(model.name()).isPresent()) {
                names.add(model.name());
            }
        }
        return names;
    }

    /** The named models, or when none are named every known model that is present (at least one, else an error). */
    public static List<String> namedOrAvailable(List<String> named) {
        if (named != null && !named.isEmpty()) {
            return List.copyOf(named);
        }
        defaultName();
        return available();
    }

    /** The default model: the first known model that is present. */
    public static String defaultName() {
        List<String> names = available();
        if (names.isEmpty()) {
            throw new InvalidInputException(null, "no face model found: put " + KNOWN.get(0).fileName() + " or "
                    + KNOWN.get(1).fileName() + " into one of " + AppPaths.modelDirs() + " (or name a model file)");
        }
        return names.get(0);
    }

    /** Where OpenCV's bundled frontal-face cascade (human faces) lives inside the OpenCV jar. */
    private static final String HUMAN_CASCADE =
            "/org/bytedeco/opencv/linux-x86_64/share/opencv4/haarcascades/haarcascade_frontalface_default.xml";

    /**
     * OpenCV's bundled detector of human frontal faces (Haar cascade), for a person driving a character with their
     * own face (a webcam, a filmed talk). Unpacked from the OpenCV jar into JavaCPP's cache on first use.
     */
    public static FaceDetector openHuman() {
        java.io.File file;
        try {
            file = org.bytedeco.javacpp.Loader.cacheResource(HUMAN_CASCADE);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot unpack OpenCV's face cascade: " + e.getMessage(), e);
        }
        if (file == null) {
            throw new IllegalStateException("OpenCV's face cascade " + HUMAN_CASCADE + " is not on the class path");
        }
        return LbpCascadeDetector.open(file.toPath(), "human-haar", 1.1, 5, 48);
    }

    /** Opens a model by name ({@code null} or blank: the default) or by path. */
    public static FaceDetector open(String nameOrPath) {
        return open(nameOrPath, FaceBoxesOptions.defaults());
    }

    public static FaceDetector open(String nameOrPath, FaceBoxesOptions options) {
        String name = nameOrPath == null || nameOrPath.isBlank() ? defaultName() : nameOrPath;
        for (KnownModel model : KNOWN) {
            if (model.name().equals(name)) {
                Path file = find(name).orElseThrow(() -> new InvalidInputException(null, "face model " + name
                        + " not found: put " + model.fileName() + " into one of " + AppPaths.modelDirs()));
                FaceBoxesOptions o = new FaceBoxesOptions(options.minScore(), options.nmsIou(), options.preNmsTopK(),
                        options.keepTopK(), model.trimTop(), options.maxSide());
                return openFile(file, name, o);
            }
        }
        Path file = Path.of(name);
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException(file, "no such model file (known model names: "
                    + KNOWN.stream().map(KnownModel::name).toList() + ")");
        }
        return openFile(file, file.getFileName().toString(), options);
    }

    private static FaceDetector openFile(Path file, String name, FaceBoxesOptions options) {
        String lower = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (lower.endsWith(".params") || org.anivid.faces.detector.DetectorFiles.isModelFile(file)) {
            return org.anivid.faces.detector.AnimeFaceDetector.open(file, name,
                    org.anivid.faces.detector.AnimeFaceDetector.Options.defaults());
        }
        if (lower.endsWith(".xml")) {
            return LbpCascadeDetector.open(file, name);
        }
        if (lower.endsWith(".pth") || lower.endsWith(".pt") || lower.endsWith(".tar") || lower.endsWith(".ckpt")) {
            return FaceBoxesDetector.open(file, name, options);
        }
        throw new InvalidInputException(file, "unknown model type (expected a FaceBoxes .pth or an OpenCV cascade .xml)");
    }
}
