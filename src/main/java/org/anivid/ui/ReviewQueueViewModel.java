package org.anivid.ui;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.anivid.app.Corrections;
import org.anivid.core.Clip;
import org.anivid.core.ClipStatus;
import org.anivid.core.Episode;
import org.anivid.core.Series;
import org.anivid.library.Library;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The review queue: every clip of the library with its episode and series, filtered by series, episode and status,
 * walked through with accept/reject. Deciding a clip moves the selection to the next one, so the animator can keep
 * pressing A and R; the counts say how much is left.
 */
public final class ReviewQueueViewModel {
    private static final Logger log = LoggerFactory.getLogger(ReviewQueueViewModel.class);

    /** One clip in the queue. */
    public record Item(Clip clip, Episode episode, String series) {
        public double seconds() {
            double fps = episode.info().fps() > 0 ? episode.info().fps() : 25;
            return clip.range().length() / fps;
        }

        /** "Series · Episode", the clip's frames and length: the list's first line. */
        public String title() {
            return String.format(Locale.ROOT, "%s · %s  %d–%d  (%.1f s)", series, episode.title(), clip.range().start(),
                    clip.range().end() - 1, seconds());
        }

        /** "Frames 0–65 · 2.6 s". */
        public String frames() {
            return String.format(Locale.ROOT, "Frames %d–%d · %.1f s", clip.range().start(), clip.range().end() - 1,
                    seconds());
        }

        /** "Series · Episode". */
        public String where() {
            return series + " · " + episode.title();
        }

        /** The status and the reason: the list's last line. */
        public String detail() {
            String reason = clip.reason() == null || clip.reason().isBlank() ? "" : ": " + clip.reason();
            return clip.status().dbName() + reason;
        }
    }

    private final Library library;
    private final Corrections corrections;
    private final Executor loader;
    private final Executor fxThread;
    private final ObservableList<Item> items = FXCollections.observableArrayList();
    private final ObservableList<String> seriesNames = FXCollections.observableArrayList();
    private final ObservableList<Episode> episodes = FXCollections.observableArrayList();
    /** null: every series / episode / status. */
    private final ObjectProperty<String> seriesFilter = new SimpleObjectProperty<>();
    private final ObjectProperty<Episode> episodeFilter = new SimpleObjectProperty<>();
    private final ObjectProperty<ClipStatus> statusFilter = new SimpleObjectProperty<>(ClipStatus.PROPOSED);
    private final ObjectProperty<Item> selected = new SimpleObjectProperty<>();
    private final ReadOnlyStringWrapper counts = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private List<Item> all = List.of();
    private long seenRevision = -1;
    private long generation;
    private boolean disposed;
    /** Where decisions send the animator: open the clip's episode at its first frame. */
    private Consumer<Item> opener = item -> { };

    public ReviewQueueViewModel(Library library, Corrections corrections, Executor loader, Executor fxThread) {
        this.library = library;
        this.corrections = corrections;
        this.loader = loader;
        this.fxThread = fxThread;
        seriesFilter.addListener((obs, o, n) -> {
            if (episodeFilter.get() != null && n != null && !n.equals(seriesOf(episodeFilter.get()))) {
                episodeFilter.set(null);
            }
            applyFilter();
        });
        episodeFilter.addListener((obs, o, n) -> applyFilter());
        statusFilter.addListener((obs, o, n) -> applyFilter());
        selected.addListener((obs, o, n) -> {
            if (n != null && (o == null || o.clip().id() != n.clip().id())) {
                opener.accept(n);
            }
        });
    }

    public void setOpener(Consumer<Item> opener) {
        this.opener = opener;
    }

    /** Re-reads the queue when anything was stored since the last look. */
    public void pollLibrary() {
        if (!disposed && library.revision() != seenRevision) {
            reload();
        }
    }

    /** Reads every clip, episode and series in the background, then refilters. */
    public void reload() {
        seenRevision = library.revision();
        long g = ++generation;
        loader.execute(() -> {
            List<Item> loaded;
            List<Episode> eps;
            try {
                Map<Long, String> seriesById = new HashMap<>();
                for (Series s : library.series().list()) {
                    seriesById.put(s.id(), s.name());
                }
                eps = library.episodes().list();
                Map<Long, Episode> byId = new HashMap<>();
                eps.forEach(e -> byId.put(e.id(), e));
                loaded = new ArrayList<>();
                for (ClipStatus status : ClipStatus.values()) {
                    for (Clip c : library.clips().listByStatus(status)) {
                        Episode e = byId.get(c.episodeId());
                        if (e != null) {
                            loaded.add(new Item(c, e, seriesById.getOrDefault(e.seriesId(), "?")));
                        }
                    }
                }
                loaded.sort(Comparator.comparing(Item::series).thenComparing(i -> i.episode().title())
                        .thenComparingLong(i -> i.episode().id()).thenComparingInt(i -> i.clip().range().start()));
            } catch (RuntimeException ex) {
                log.warn("cannot read the review queue", ex);
                return;
            }
            List<Item> result = loaded;
            List<Episode> episodeList = eps;
            fxThread.execute(() -> {
                if (!disposed && g == generation) {
                    all = List.copyOf(result);
                    List<String> names = result.stream().map(Item::series).distinct().sorted().toList();
                    if (!seriesNames.equals(names)) {
                        seriesNames.setAll(names);
                    }
                    if (!episodes.equals(episodeList)) {
                        episodes.setAll(episodeList);
                    }
                    applyFilter();
                }
            });
        });
    }

    private String seriesOf(Episode e) {
        for (Item i : all) {
            if (i.episode().id() == e.id()) {
                return i.series();
            }
        }
        return null;
    }

    private void applyFilter() {
        String series = seriesFilter.get();
        Episode episode = episodeFilter.get();
        ClipStatus status = statusFilter.get();
        List<Item> shown = all.stream().filter(i -> series == null || series.equals(i.series()))
                .filter(i -> episode == null || i.episode().id() == episode.id())
                .filter(i -> status == null || i.clip().status() == status).toList();
        Item keep = selected.get();
        int keepIndex = keep == null ? -1 : indexOf(items, keep.clip().id());
        items.setAll(shown);
        // Keep the selection on the same clip; when it left the list (it was just decided), take the one now at its place.
        int again = keep == null ? -1 : indexOf(items, keep.clip().id());
        if (again >= 0) {
            if (items.get(again) != keep) {
                selected.set(items.get(again));
            }
        } else if (keepIndex >= 0 && !items.isEmpty()) {
            selected.set(items.get(Math.min(keepIndex, items.size() - 1)));
        } else if (keep != null) {
            selected.set(null);
        }
        long inScope = all.stream().filter(i -> series == null || series.equals(i.series()))
                .filter(i -> episode == null || i.episode().id() == episode.id()).count();
        long left = count(series, episode, ClipStatus.PROPOSED);
        counts.set(left + " left to review · " + count(series, episode, ClipStatus.ACCEPTED) + " accepted · "
                + count(series, episode, ClipStatus.REJECTED) + " rejected · " + inScope + " clips");
    }

    private long count(String series, Episode episode, ClipStatus status) {
        return all.stream().filter(i -> series == null || series.equals(i.series()))
                .filter(i -> episode == null || i.episode().id() == episode.id())
                .filter(i -> i.clip().status() == status).count();
    }

    private static int indexOf(List<Item> list, long clipId) {
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).clip().id() == clipId) {
                return i;
            }
        }
        return -1;
    }

    /** Accepts the selected clip and moves on. */
    public boolean acceptSelected() {
        return decide(ClipStatus.ACCEPTED);
    }

    /** Rejects the selected clip and moves on. */
    public boolean rejectSelected() {
        return decide(ClipStatus.REJECTED);
    }

    private boolean decide(ClipStatus status) {
        Item item = selected.get();
        if (item == null) {
            message.set("Select a clip in the queue first");
            return false;
        }
        try {
            corrections.setClipStatus(item.clip().id(), status,
                    status == ClipStatus.ACCEPTED ? "accepted by a person" : "rejected by a person");
        } catch (RuntimeException ex) {
            message.set("Cannot " + (status == ClipStatus.ACCEPTED ? "accept" : "reject") + " — " + ex.getMessage());
            return false;
        }
        message.set((status == ClipStatus.ACCEPTED ? "Accepted " : "Rejected ") + item.title());
        // Re-read synchronously so the next key press already acts on the next clip.
        seenRevision = library.revision();
        List<Item> updated = new ArrayList<>(all);
        for (int i = 0; i < updated.size(); i++) {
            if (updated.get(i).clip().id() == item.clip().id()) {
                Clip c = item.clip();
                updated.set(i, new Item(new Clip(c.id(), c.episodeId(), c.shotId(), c.trackId(), c.range(), status,
                        status == ClipStatus.ACCEPTED ? "accepted by a person" : "rejected by a person"),
                        item.episode(), item.series()));
            }
        }
        all = List.copyOf(updated);
        int index = indexOf(items, item.clip().id());
        applyFilter();
        // Still listed (no status filter): step to the next one.
        int now = selected.get() == null ? -1 : indexOf(items, selected.get().clip().id());
        if (now >= 0 && now == index && selected.get().clip().status() == status && now + 1 < items.size()) {
            selected.set(items.get(now + 1));
        }
        return true;
    }

    public void dispose() {
        disposed = true;
    }

    public ObservableList<Item> items() {
        return items;
    }

    public ObservableList<String> seriesNames() {
        return seriesNames;
    }

    public ObservableList<Episode> episodes() {
        return episodes;
    }

    public ObjectProperty<String> seriesFilterProperty() {
        return seriesFilter;
    }

    public ObjectProperty<Episode> episodeFilterProperty() {
        return episodeFilter;
    }

    public ObjectProperty<ClipStatus> statusFilterProperty() {
        return statusFilter;
    }

    public ObjectProperty<Item> selectedProperty() {
        return selected;
    }

    /** "3 left to review · 2 accepted · 1 rejected · 6 clips" within the series and episode filters. */
    public ReadOnlyStringProperty countsProperty() {
        return counts.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }
}
