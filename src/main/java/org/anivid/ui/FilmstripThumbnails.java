package org.anivid.ui;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.application.Platform;
import javafx.scene.image.Image;
import org.anivid.media.Filmstrip;
import org.anivid.ui.timeline.ThumbnailProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The timeline's thumbnail strip from an episode's filmstrip: pictures decoded on a thread of their own (a JPEG
 * each, ~0.3 ms) and kept in a small cache, so a draw never decodes; the strip redraws when new pictures arrive.
 * Until the picture of a slot is ready the nearest decoded one stands in.
 */
final class FilmstripThumbnails implements ThumbnailProvider, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(FilmstripThumbnails.class);
    private static final int CACHE = 800;

    private final Filmstrip filmstrip;
    private final Runnable redraw;
    private final Map<Integer, Image> images = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, Image> eldest) {
            return size() > CACHE;
        }
    };
    private final java.util.Set<Integer> pending = new java.util.HashSet<>();
    private final ExecutorService decoder = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "anivid-filmstrip");
        t.setDaemon(true);
        return t;
    });
    private final java.util.Queue<Map.Entry<Integer, Image>> decoded = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final java.util.concurrent.atomic.AtomicBoolean handOverQueued = new java.util.concurrent.atomic.AtomicBoolean();

    FilmstripThumbnails(Filmstrip filmstrip, Runnable redraw) {
        this.filmstrip = filmstrip;
        this.redraw = redraw;
    }

    @Override
    public Image nearest(int frame) {
        int index = filmstrip.nearestIndex(frame);
        Image image = images.get(index);
        if (image != null) {
            return image;
        }
        if (!decoder.isShutdown() && pending.add(index)) {
            try {
                decoder.execute(() -> load(index));
            } catch (java.util.concurrent.RejectedExecutionException closedMeanwhile) {
                pending.remove(index);
            }
        }
        // Stand-ins: a neighbour already decoded.
        for (int d = 1; d < 4; d++) {
            Image near = images.get(index - d);
            if (near == null) {
                near = images.get(index + d);
            }
            if (near != null) {
                return near;
            }
        }
        return null;
    }

    private void load(int index) {
        Image image;
        try {
            image = FxImages.toImage(filmstrip.thumbnail(index));
        } catch (RuntimeException e) {
            log.debug("filmstrip thumbnail {} unreadable", index, e);
            return;
        }
        decoded.add(Map.entry(index, image));
        // Many pictures arrive together: one hand-over to the FX thread, one redraw, for the whole batch.
        if (handOverQueued.compareAndSet(false, true)) {
            Platform.runLater(this::handOver);
        }
    }

    private void handOver() {
        handOverQueued.set(false);
        for (Map.Entry<Integer, Image> e; (e = decoded.poll()) != null; ) {
            pending.remove(e.getKey());
            images.put(e.getKey(), e.getValue());
        }
        redraw.run();
    }

    @Override
    public double aspect() {
        return (double) filmstrip.thumbWidth() / Math.max(1, filmstrip.thumbHeight());
    }

    @Override
    public void close() {
        decoder.shutdownNow();
    }
}
