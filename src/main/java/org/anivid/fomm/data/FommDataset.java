package org.anivid.fomm.data;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.anivid.core.InvalidInputException;
import org.anivid.core.RgbImage;
import org.anivid.fomm.FommConfig;
import org.anivid.media.ImageFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One split of a dataset in the official FOMM layout: {@code root/train/} and {@code root/test/}, each holding one
 * entry per clip — a video file ({@code .mp4}, {@code .mov}, {@code .mkv}, {@code .gif}, also {@code .webm} and
 * {@code .avi}), a folder of {@code .png}/{@code .jpg} frames (sorted by file name), or one {@code .png}/{@code .jpg}
 * strip of frames side by side, as the official {@code read_video} accepts. That is exactly what
 * {@code ./anivid export} writes (clips named {@code <series>-<episode>#<clip>}). Hidden entries (a leading dot,
 * such as an encoder's partial file) are skipped; other files are skipped with a warning.
 *
 * <p>Frames are delivered at the model's frame shape ({@code dataset_params.frame_shape}). Unlike the official
 * code, which expects the frames to have that size already, larger frames of the same aspect ratio are
 * area-averaged down to it. Smaller frames, and frames of another aspect ratio, are refused with an
 * {@link InvalidInputException} naming the clip and both sizes. Clips are listed here; their frames are only read
 * when used ({@link #check()} reads every clip's first frame up front).
 *
 * <p>Clips and ids are sorted by name, so an epoch's order depends on the seed only, not on the file system.
 * The dataset also holds the sampling parameters its loaders use by default and the decoded-clip cache they share
 * (so that a loader restarted after a pause finds the clips already decoded); {@link #close()} frees that cache.
 * Thread-safe.
 */
public final class FommDataset implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(FommDataset.class);

    /** The two folders of the layout. */
    public enum Split {
        TRAIN("train"), TEST("test");

        private final String folder;

        Split(String folder) {
            this.folder = folder;
        }

        public String folder() {
            return folder;
        }
    }

    private final Path root;
    private final Split split;
    private final Path folder;
    private final int frameHeight;
    private final int frameWidth;
    private final List<ClipRef> clips;
    private final Map<String, List<ClipRef>> ids;
    private final SamplingParams sampling;
    private final FrameCache cache;

    private FommDataset(Path root, Split split, Path folder, int frameHeight, int frameWidth, List<ClipRef> clips,
            SamplingParams sampling, long cacheBytes) {
        this.root = root;
        this.sampling = sampling;
        this.cache = new FrameCache(cacheBytes);
        this.split = split;
        this.folder = folder;
        this.frameHeight = frameHeight;
        this.frameWidth = frameWidth;
        this.clips = List.copyOf(clips);
        Map<String, List<ClipRef>> byId = new TreeMap<>();
        for (ClipRef c : this.clips) {
            byId.computeIfAbsent(c.id(), k -> new ArrayList<>()).add(c);
        }
        Map<String, List<ClipRef>> frozen = new LinkedHashMap<>();
        byId.forEach((k, v) -> frozen.put(k, List.copyOf(v)));
        this.ids = Collections.unmodifiableMap(frozen);
    }

    /**
     * Opens a split at a config's {@code dataset_params.frame_shape}, sampling as its {@code dataset_params} and
     * {@code train_params.num_repeats} say, with the default cache.
     */
    public static FommDataset open(Path root, Split split, FommConfig config) {
        return open(root, split, config.dataset().frameHeight(), config.dataset().frameWidth(),
                SamplingParams.of(config), defaultCacheBytes());
    }

    /**
     * Opens a split ({@code "train"} or {@code "test"}) at {@code dataset_params}' frame shape, sampling as they say
     * with 1 repeat (loaders are usually given the repeats of {@code train_params}), with the default cache.
     */
    public static FommDataset open(Path root, String split, FommConfig.DatasetParams params) {
        SamplingParams sampling = new SamplingParams(params.idSampling(), 1, params.horizontalFlip(),
                params.timeFlip(), params.brightness(), params.contrast(), params.saturation(), params.hue());
        return open(root, split(split), params.frameHeight(), params.frameWidth(), sampling, defaultCacheBytes());
    }

    /** Opens a split at a frame shape, sampling as vox-256 ({@link SamplingParams#VOX256}), with the default cache. */
    public static FommDataset open(Path root, Split split, int frameHeight, int frameWidth) {
        return open(root, split, frameHeight, frameWidth, SamplingParams.VOX256, defaultCacheBytes());
    }

    /**
     * Lists the clips of one split.
     *
     * @param sampling what loaders use when not told otherwise
     * @param cacheBytes memory for decoded clips at model size, shared by this dataset's loaders (0 = none; see
     *     {@link FommDataLoader})
     * @throws InvalidInputException when {@code root} is not a folder with the split's subfolder, or that folder
     *     holds no clips
     */
    public static FommDataset open(Path root, Split split, int frameHeight, int frameWidth, SamplingParams sampling,
            long cacheBytes) {
        if (cacheBytes < 0) {
            throw new IllegalArgumentException("cache size must be >= 0, not " + cacheBytes);
        }
        if (frameHeight < 1 || frameWidth < 1) {
            throw new IllegalArgumentException("frame shape must be positive: " + frameWidth + "x" + frameHeight);
        }
        if (!Files.exists(root)) {
            throw new InvalidInputException(root, "no such dataset folder");
        }
        if (!Files.isDirectory(root)) {
            throw new InvalidInputException(root, "not a folder: a FOMM dataset is a folder with train/ and test/");
        }
        Path folder = root.resolve(split.folder());
        if (!Files.isDirectory(folder)) {
            throw new InvalidInputException(root, "not a FOMM dataset: it has no " + split.folder()
                    + "/ folder (expected train/ and test/, each with one video or frame folder per clip)");
        }
        List<ClipRef> clips = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
            for (Path p : entries) {
                String file = p.getFileName().toString();
                if (file.startsWith(".")) {
                    continue;
                }
                ClipRef clip = clipOf(p);
                if (clip == null) {
                    skipped.add(file);
                } else {
                    clips.add(clip);
                }
            }
        } catch (IOException e) {
            throw new InvalidInputException(folder, "cannot list the clips: " + e.getMessage());
        }
        if (!skipped.isEmpty()) {
            Collections.sort(skipped);
            log.warn("{}: skipping {} entries that are not clips: {}", folder, skipped.size(),
                    skipped.size() <= 5 ? skipped : skipped.subList(0, 5) + " …");
        }
        if (clips.isEmpty()) {
            throw new InvalidInputException(folder, "no clips in this folder: expected .mp4/.mov/.mkv/.gif files or "
                    + "folders of .png/.jpg frames");
        }
        clips.sort(Comparator.comparing(ClipRef::name).thenComparing(c -> c.path().getFileName().toString()));
        return new FommDataset(root, split, folder, frameHeight, frameWidth, clips, sampling, cacheBytes);
    }

    /** A quarter of the heap, at most 2 GiB: ~10,000 frames at 256². */
    public static long defaultCacheBytes() {
        return Math.min(2L << 30, Runtime.getRuntime().maxMemory() / 4);
    }

    /** {@code "train"} or {@code "test"}. */
    public static Split split(String name) {
        for (Split s : Split.values()) {
            if (s.folder().equals(name)) {
                return s;
            }
        }
        throw new IllegalArgumentException("split must be train or test, not " + name);
    }

    /**
     * The clip paths of one split, sorted by clip name (a quick listing for previews and evaluation).
     *
     * @throws InvalidInputException as {@link #open(Path, Split, int, int)}
     */
    public static List<Path> clips(Path root, String split) {
        return open(root, split(split), 16, 16, SamplingParams.VOX256, 0).clips().stream().map(ClipRef::path)
                .toList();
    }

    private static ClipRef clipOf(Path p) {
        String file = p.getFileName().toString();
        if (Files.isDirectory(p)) {
            return new ClipRef(file, ClipRef.idOf(file), p, ClipRef.Kind.FRAME_FOLDER);
        }
        if (!Files.isRegularFile(p)) {
            return null;
        }
        String ext = ClipReader.extension(p);
        String name = file.substring(0, file.length() - ext.length() - (ext.isEmpty() ? 0 : 1));
        if (ClipReader.VIDEO_EXTENSIONS.contains(ext)) {
            return new ClipRef(name, ClipRef.idOf(name), p, ClipRef.Kind.VIDEO);
        }
        if (ImageFiles.isImage(p)) {
            return new ClipRef(name, ClipRef.idOf(name), p, ClipRef.Kind.FRAME_STRIP);
        }
        return null;
    }

    public Path root() {
        return root;
    }

    public Split split() {
        return split;
    }

    /** The split's folder, {@code root/train} or {@code root/test}. */
    public Path folder() {
        return folder;
    }

    public int frameHeight() {
        return frameHeight;
    }

    public int frameWidth() {
        return frameWidth;
    }

    /** The clips, sorted by name. */
    public List<ClipRef> clips() {
        return clips;
    }

    /** The clips of each id (the name before {@code #}), ids sorted, clips sorted by name. */
    public Map<String, List<ClipRef>> ids() {
        return ids;
    }

    /** A clip by name. */
    public ClipRef clip(String name) {
        for (ClipRef c : clips) {
            if (c.name().equals(name)) {
                return c;
            }
        }
        throw new IllegalArgumentException("no clip named " + name + " in " + folder);
    }

    /**
     * {@code k} clips spread evenly over the sorted list (the first, the last, and evenly in between), so that a
     * preview shows different episodes; all clips when there are no more than {@code k}. The same for the same
     * folder, so a run's "fixed test clips" stay fixed.
     */
    public List<ClipRef> spread(int k) {
        if (k <= 0) {
            return List.of();
        }
        if (k >= clips.size()) {
            return clips;
        }
        List<ClipRef> out = new ArrayList<>(k);
        for (int i = 0; i < k; i++) {
            int at = k == 1 ? 0 : (int) Math.round(i * (clips.size() - 1) / (double) (k - 1));
            out.add(clips.get(at));
        }
        return out;
    }

    /** Every frame of one clip at the frame shape ({@link ClipFrames}). */
    public List<RgbImage> read(ClipRef clip) {
        return ClipFrames.read(clip, frameHeight, frameWidth);
    }

    /** The sampling loaders use when not told otherwise. */
    public SamplingParams sampling() {
        return sampling;
    }

    FrameCache cache() {
        return cache;
    }

    public int clipCount() {
        return clips.size();
    }

    /** Samples per epoch with this dataset's id sampling and {@code repeats}: entries × repeats. */
    public long samplesPerEpoch(int repeats) {
        return (long) (sampling.idSampling() ? ids.size() : clips.size()) * repeats;
    }

    /** Batches per epoch with this dataset's id sampling and {@code repeats} (the last incomplete batch dropped). */
    public long batchesPerEpoch(int batchSize, int repeats) {
        return samplesPerEpoch(repeats) / batchSize;
    }

    /** Starts a loader with this dataset's sampling. */
    public FommDataLoader loader(LoaderOptions options) {
        return FommDataLoader.open(this, sampling, options);
    }

    /**
     * Starts a loader with this dataset's sampling and {@code repeats}, from batch {@code startBatch} of epoch
     * {@code startEpoch}, without end, on {@code threads} threads.
     */
    public FommDataLoader batches(long seed, int batchSize, int repeats, long startEpoch, int startBatch,
            int threads) {
        return FommDataLoader.open(this, sampling.withRepeats(repeats),
                LoaderOptions.of(batchSize, seed).startingAt(startEpoch, startBatch).withThreads(threads));
    }

    /** Frees the decoded-clip cache (loaders still running keep working, without it filling again). */
    @Override
    public void close() {
        cache.close();
    }

    /**
     * Opens every clip and reads its first frame, so that bad clips (unreadable, empty, smaller than the frame
     * shape) are reported before training starts rather than when first drawn.
     *
     * @throws InvalidInputException for the first bad clip, naming it
     */
    public void check() {
        for (ClipRef clip : clips) {
            try (ClipReader.OpenClip open = ClipReader.open(clip, frameHeight, frameWidth)) {
                open.frame(0);
            } catch (InvalidInputException e) {
                throw e;
            } catch (RuntimeException e) {
                throw new InvalidInputException(clip.path(), "cannot be read: " + e.getMessage(), e);
            }
        }
    }

    @Override
    public String toString() {
        return folder + " (" + clips.size() + " clips, " + ids.size() + " ids, " + frameWidth + "x" + frameHeight + ")";
    }
}
