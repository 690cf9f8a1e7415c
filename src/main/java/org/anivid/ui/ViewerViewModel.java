package org.anivid.ui;

import java.util.concurrent.atomic.AtomicReference;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.anivid.core.Episode;
import org.anivid.core.RgbImage;
import org.anivid.core.VideoFrame;
import org.anivid.media.FrameSize;

/**
 * The episode viewer: which frame is shown, playback, and the text under the picture. Frames are decoded on a
 * worker thread ({@link FrameFetcher}); {@link #tick(long)} — called by the view on every pulse — advances
 * playback and picks up the newest decoded frame, so nothing is posted to the FX thread per frame.
 */
public final class ViewerViewModel implements AutoCloseable {
    private final FrameFetcher fetcher;
    private final ReadOnlyObjectWrapper<Episode> episode = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyIntegerWrapper frame = new ReadOnlyIntegerWrapper(-1);
    private final ReadOnlyIntegerWrapper frameCount = new ReadOnlyIntegerWrapper(0);
    private final ReadOnlyObjectWrapper<RgbImage> image = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper position = new ReadOnlyStringWrapper("No episode");
    private final ReadOnlyBooleanWrapper playing = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper();
    /** Frame the user asked for (shown once decoded). */
    private int target = -1;
    private long playStartNanos;
    private double playStartSeconds;
    private double[] times = new double[0];
    private final AtomicReference<double[]> pendingTimes = new AtomicReference<>();

    private final javafx.beans.property.ReadOnlyBooleanWrapper missingFile =
            new javafx.beans.property.ReadOnlyBooleanWrapper(false);

    /** Where the seek proxy of an episode is (null: none yet); decoding prefers it for fast random access. */
    private java.util.function.Function<Episode, java.nio.file.Path> proxyLookup = e -> null;

    public void setProxyLookup(java.util.function.Function<Episode, java.nio.file.Path> lookup) {
        proxyLookup = java.util.Objects.requireNonNull(lookup);
    }

    /** A proxy was built for the open episode: decode from it from now on, keeping the position. */
    public void useProxy(Episode e, java.nio.file.Path proxy) {
        Episode open = episode.get();
        if (open != null && open.id() == e.id() && !missingFile.get()) {
            fetcher.setProxy(e.path(), proxy);
        }
    }

    public ViewerViewModel(FrameSize displaySize) {
        this.fetcher = new FrameFetcher(displaySize, pendingTimes::set);
    }

    /** Shows an episode from its first frame. */
    public void open(Episode e) {
        pause();
        episode.set(e);
        error.set(null);
        image.set(null);
        times = new double[0];
        missingFile.set(false);
        if (e == null) {
            frameCount.set(0);
            frame.set(-1);
            target = -1;
            position.set("No episode");
            return;
        }
        missingFile.set(!java.nio.file.Files.isRegularFile(e.path()));
        if (missingFile.get()) {
            frameCount.set(e.info().frames());
            target = 0;
            frame.set(-1);
            position.set("File missing");
            return;
        }
        frameCount.set(e.info().frames());
        target = 0;
        frame.set(-1);
        fetcher.open(e.path(), proxyLookup.apply(e));
        fetcher.request(0);
        updatePosition(0);
    }

    public void seek(int n) {
        if (episode.get() == null || frameCount.get() == 0) {
            return;
        }
        int clamped = Math.max(0, Math.min(frameCount.get() - 1, n));
        target = clamped;
        if (playing.get()) {
            playStartNanos = System.nanoTime();
            playStartSeconds = timeOf(clamped);
        }
        fetcher.request(clamped);
        updatePosition(clamped);
    }

    public void step(int delta) {
        pause();
        seek((target < 0 ? 0 : target) + delta);
    }

    /** Jumps by a number of seconds (uses frame times, so it is right on variable-frame-rate files too). */
    public void jumpSeconds(double seconds) {
        if (times.length == 0) {
            double fps = episode.get() == null ? 24 : episode.get().info().fps();
            step((int) Math.round(seconds * fps));
            return;
        }
        pause();
        seek(frameAtTime(timeOf(Math.max(0, target)) + seconds));
    }

    public void togglePlay() {
        if (playing.get()) {
            pause();
        } else {
            play();
        }
    }

    public void play() {
        if (episode.get() == null) {
            return;
        }
        if (target >= frameCount.get() - 1) {
            seek(0);
        }
        playing.set(true);
        playStartNanos = System.nanoTime();
        playStartSeconds = timeOf(Math.max(0, target));
    }

    public void pause() {
        playing.set(false);
    }

    /** One pulse of the view's timer: advance playback, show the newest decoded frame. */
    public void tick(long nowNanos) {
        double[] t = pendingTimes.getAndSet(null);
        if (t != null) {
            times = t;
        }
        if (playing.get()) {
            double at = playStartSeconds + (nowNanos - playStartNanos) / 1e9;
            int next = frameAtTime(at);
            if (next >= frameCount.get() - 1) {
                next = frameCount.get() - 1;
                playing.set(false);
            }
            if (next != target) {
                target = next;
                fetcher.request(next);
                updatePosition(next);
            }
        }
        FrameFetcher.Result result = fetcher.poll();
        if (result != null) {
            if (result.error() != null) {
                error.set(result.error());
                playing.set(false);
            } else if (episode.get() != null && result.path().equals(episode.get().path())) {
                VideoFrame f = result.frame();
                image.set(f.image());
                frame.set(f.index());
                if (!playing.get()) {
                    updatePosition(target);
                }
            }
        }
    }

    private double timeOf(int n) {
        if (n >= 0 && n < times.length) {
            return times[n];
        }
        double fps = episode.get() == null ? 24 : episode.get().info().fps();
        return n / fps;
    }

    private int frameAtTime(double seconds) {
        if (times.length == 0) {
            double fps = episode.get() == null ? 24 : episode.get().info().fps();
            return (int) Math.floor(seconds * fps + 1e-6);
        }
        int i = java.util.Arrays.binarySearch(times, seconds);
        int idx = i >= 0 ? i : -i - 2;
        return Math.max(0, Math.min(times.length - 1, idx));
    }

    private void updatePosition(int n) {
        Episode e = episode.get();
        if (e == null) {
            position.set("No episode");
            return;
        }
        position.set(formatTime(timeOf(n)) + " / " + formatTime(e.info().durationSeconds())
                + "   ·   frame " + n + " / " + (frameCount.get() - 1));
    }

    static String formatTime(double seconds) {
        long ms = Math.round(seconds * 1000);
        long h = ms / 3_600_000;
        long m = ms / 60_000 % 60;
        long s = ms / 1000 % 60;
        long rest = ms % 1000;
        return h > 0 ? String.format("%d:%02d:%02d.%03d", h, m, s, rest) : String.format("%02d:%02d.%03d", m, s, rest);
    }

    /** The frame the viewer is heading to (the last requested), which the scrub bar shows. */
    public int targetFrame() {
        return target;
    }

    /** True when the open episode's file is not where it was imported from (the viewer offers "locate file…"). */
    public javafx.beans.property.ReadOnlyBooleanProperty missingFileProperty() {
        return missingFile.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Episode> episodeProperty() {
        return episode.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty frameProperty() {
        return frame.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty frameCountProperty() {
        return frameCount.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<RgbImage> imageProperty() {
        return image.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty positionProperty() {
        return position.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty playingProperty() {
        return playing.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    @Override
    public void close() {
        fetcher.close();
    }
}
