package org.anivid.fomm.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.anivid.core.RgbImage;
import org.anivid.fomm.FommArrays;
import org.anivid.fomm.FommConfig;
import org.anivid.fomm.FommModel;
import org.anivid.fomm.Keypoints;
import org.anivid.fomm.data.ClipRef;
import org.anivid.fomm.data.FommDataset;
import org.anivid.media.PngFiles;

/**
 * The few fixed clips a training run reconstructs as it goes, so the animator sees it learn: the first clips of the
 * data's {@code test/} split (of {@code train/} when there is none), a handful of frames each, at the model's size.
 * Reconstruction as in the evaluation: the clip's first frame is the source and every frame is generated from it
 * with absolute keypoints.
 */
final class PreviewClips {
    private static final int STRIP_PAIRS = 3;

    private PreviewClips() {
    }

    record Reconstruction(RgbImage strip, double l1) {
    }

    /** Up to {@code clips} clips of {@code frames} evenly spaced frames (the first one included). */
    static List<List<RgbImage>> load(Path data, FommConfig.DatasetParams params, int clips, int frames)
            throws IOException {
        boolean hasTest = hasClips(data.resolve("test"));
        List<List<RgbImage>> out = new ArrayList<>();
        try (FommDataset dataset = FommDataset.open(data, hasTest ? "test" : "train", params)) {
            for (ClipRef clip : dataset.clips()) {
                if (out.size() == clips) {
                    break;
                }
                List<RgbImage> all = dataset.read(clip);
                if (all.size() < 2) {
                    continue;
                }
                List<RgbImage> picked = new ArrayList<>();
                int n = Math.min(frames, all.size());
                for (int i = 0; i < n; i++) {
                    picked.add(all.get((int) Math.round(i * (all.size() - 1) / (double) (n - 1))));
                }
                out.add(picked);
            }
        }
        return out;
    }

    private static boolean hasClips(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return false;
        }
        try (var entries = Files.list(folder)) {
            return entries.anyMatch(p -> !p.getFileName().toString().startsWith("."));
        }
    }

    /** Reconstructs every frame but the first of each clip from the first; the strip shows a few of them. */
    static Reconstruction reconstruct(FommModel model, List<List<RgbImage>> clips) {
        double sum = 0;
        long count = 0;
        List<List<RgbImage>> rows = new ArrayList<>();
        for (List<RgbImage> clip : clips) {
            try (NDManager manager = model.manager().newSubManager()) {
                NDArray source = FommArrays.image(manager, clip.get(0));
                Keypoints sourceKp = model.keypoints(manager, source);
                List<RgbImage> row = new ArrayList<>();
                row.add(clip.get(0));
                for (int i = 1; i < clip.size(); i++) {
                    NDArray driving = FommArrays.image(manager, clip.get(i));
                    NDArray generated = model.generate(manager, source, sourceKp, model.keypoints(manager, driving),
                            false).prediction();
                    sum += generated.sub(driving).abs().mean().getFloat();
                    count++;
                    if (row.size() < 1 + 2 * STRIP_PAIRS) {
                        row.add(clip.get(i));
                        row.add(FommArrays.toImage(generated));
                    }
                }
                rows.add(row);
            }
        }
        return new Reconstruction(tile(rows), count == 0 ? Double.NaN : sum / count);
    }

    private static RgbImage tile(List<List<RgbImage>> rows) {
        int cellW = rows.get(0).get(0).width();
        int cellH = rows.get(0).get(0).height();
        int columns = rows.stream().mapToInt(List::size).max().orElse(1);
        int width = columns * cellW;
        int height = rows.size() * cellH;
        byte[] px = new byte[3 * width * height];
        for (int r = 0; r < rows.size(); r++) {
            for (int c = 0; c < rows.get(r).size(); c++) {
                RgbImage cell = rows.get(r).get(c);
                for (int y = 0; y < cellH; y++) {
                    System.arraycopy(cell.pixels(), 3 * y * cellW, px, 3 * ((r * cellH + y) * width + c * cellW),
                            3 * cellW);
                }
            }
        }
        return new RgbImage(width, height, px);
    }

    /** Writes the strip as PNG through a temporary file. */
    static void save(RgbImage strip, Path file) throws IOException {
        Files.createDirectories(file.getParent());
        PngFiles.write(strip, file);
    }
}
