package org.anivid.ui;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Tooltip;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.anivid.core.ClipStatus;
import org.anivid.core.Episode;
import org.anivid.core.RgbImage;
import org.anivid.media.Filmstrip;
import org.anivid.media.ThumbnailCache;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The review queue: filters (series, episode, status), what is left, and the clips with a thumbnail of their middle
 * frame, their length and reason. Selecting a clip shows it in the viewer; A and R decide it and move on.
 */
final class ReviewPane extends VBox implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ReviewPane.class);
    private static final int THUMB_WIDTH = 96;

    private final ThumbnailCache thumbnails;
    private final java.util.function.Function<Episode, java.util.Optional<Filmstrip>> filmstrips;
    /** The filmstrips read so far, one per episode (used on the thumbnail thread only). */
    private final Map<Long, java.util.Optional<Filmstrip>> strips = new java.util.HashMap<>();
    private final Map<Long, Image> images = new ConcurrentHashMap<>();
    private final ExecutorService thumbnailThread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "anivid-review-thumbnails");
        t.setDaemon(true);
        return t;
    });
    private final ListView<ReviewQueueViewModel.Item> list;
    private final java.util.Set<Long> asked = ConcurrentHashMap.newKeySet();

    /**
     * @param filmstrips the episode's filmstrip when it has one (its nearest thumbnail is the clip's picture)
     * @param thumbnails decodes the middle frame from the video for episodes without a filmstrip yet
     */
    ReviewPane(ReviewQueueViewModel queue, java.util.function.Function<Episode, java.util.Optional<Filmstrip>> filmstrips,
               ThumbnailCache thumbnails) {
        this.filmstrips = filmstrips;
        this.thumbnails = thumbnails;
        setId("review-pane");
        setSpacing(6);
        setPadding(new Insets(6));

        ComboBox<String> series = new ComboBox<>();
        series.setId("review-series");
        series.setPromptText("All series");
        series.getItems().add(null);
        queue.seriesNames().addListener((javafx.collections.ListChangeListener<String>) c -> {
            String keep = series.getValue();
            series.getItems().setAll(queue.seriesNames());
            series.getItems().add(0, null);
            series.setValue(keep);
        });
        series.setConverter(nullAs("All series"));
        series.valueProperty().bindBidirectional(queue.seriesFilterProperty());
        ComboBox<Episode> episode = new ComboBox<>();
        episode.setId("review-episode");
        episode.setPromptText("All episodes");
        episode.getItems().add(null);
        queue.episodes().addListener((javafx.collections.ListChangeListener<Episode>) c -> {
            Episode keep = episode.getValue();
            episode.getItems().setAll(queue.episodes());
            episode.getItems().add(0, null);
            episode.setValue(keep);
        });
        episode.setConverter(new StringConverter<>() {
            @Override
            public String toString(Episode e) {
                return e == null ? "All episodes" : e.title();
            }

            @Override
            public Episode fromString(String s) {
                return null;
            }
        });
        episode.valueProperty().bindBidirectional(queue.episodeFilterProperty());
        ComboBox<ClipStatus> status = new ComboBox<>();
        status.setId("review-status");
        status.getItems().addAll(null, ClipStatus.PROPOSED, ClipStatus.ACCEPTED, ClipStatus.REJECTED);
        status.setConverter(new StringConverter<>() {
            @Override
            public String toString(ClipStatus s) {
                return s == null ? "Any status" : s.dbName();
            }

            @Override
            public ClipStatus fromString(String s) {
                return null;
            }
        });
        status.valueProperty().bindBidirectional(queue.statusFilterProperty());
        for (ComboBox<?> box : java.util.List.of(series, episode, status)) {
            box.setMaxWidth(Double.MAX_VALUE);
            HBox.setHgrow(box, Priority.ALWAYS);
        }

        Label counts = new Label();
        counts.setId("review-counts");
        counts.textProperty().bind(queue.countsProperty());
        counts.setWrapText(true);

        list = new ListView<>(queue.items());
        list.setId("review-list");
        list.setPlaceholder(new Label("Nothing to review here. Curate episodes (Ctrl+R) to get proposals."));
        list.setCellFactory(v -> {
            ItemCell cell = new ItemCell();
            // Cells as wide as the list: long names are cut with "…" instead of a sideways scroll bar.
            cell.prefWidthProperty().bind(v.widthProperty().subtract(18));
            return cell;
        });
        list.setFixedCellSize(THUMB_WIDTH * 9 / 16.0 + 12);
        VBox.setVgrow(list, Priority.ALWAYS);
        list.getSelectionModel().selectedItemProperty().addListener((obs, o, n) -> {
            if (n != queue.selectedProperty().get()) {
                queue.selectedProperty().set(n);
            }
        });
        queue.selectedProperty().addListener((obs, o, n) -> {
            if (n == null) {
                list.getSelectionModel().clearSelection();
            } else if (list.getSelectionModel().getSelectedItem() != n) {
                list.getSelectionModel().select(n);
                list.scrollTo(n);
            }
        });

        Button accept = new Button("Accept", new FontIcon(MaterialDesignC.CHECK_BOLD));
        accept.setId("review-accept");
        accept.setTooltip(new Tooltip(Shortcuts.tip("accept")));
        accept.setOnAction(e -> queue.acceptSelected());
        Button reject = new Button("Reject", new FontIcon(MaterialDesignC.CLOSE_THICK));
        reject.setId("review-reject");
        reject.setTooltip(new Tooltip(Shortcuts.tip("reject")));
        reject.setOnAction(e -> queue.rejectSelected());
        accept.disableProperty().bind(queue.selectedProperty().isNull());
        reject.disableProperty().bind(queue.selectedProperty().isNull());
        Label message = new Label();
        message.getStyleClass().add("job-detail");
        message.textProperty().bind(queue.messageProperty());
        message.setWrapText(true);
        HBox buttons = new HBox(6, accept, reject);
        buttons.setAlignment(Pos.CENTER_LEFT);
        getChildren().addAll(new HBox(4, series, episode), status, counts, list, buttons, message);
        status.setMaxWidth(Double.MAX_VALUE);
    }

    private static <T> StringConverter<T> nullAs(String text) {
        return new StringConverter<>() {
            @Override
            public String toString(T value) {
                return value == null ? text : value.toString();
            }

            @Override
            public T fromString(String s) {
                return null;
            }
        };
    }

    /**
     * The thumbnail of a clip's middle frame, on a thread of its own: from the episode's filmstrip when there is one,
     * else decoded from the video once (and cached on disk).
     */
    private Image thumbnail(ReviewQueueViewModel.Item item, Runnable ready) {
        long id = item.clip().id();
        Image image = images.get(id);
        if (image != null || thumbnails == null) {
            return image;
        }
        if (!asked.add(id)) {
            return null; // loading
        }
        thumbnailThread.execute(() -> {
            try {
                int middle = (item.clip().range().start() + item.clip().range().end()) / 2;
                java.util.Optional<Filmstrip> strip = strips.getOrDefault(item.episode().id(), java.util.Optional.empty());
                if (strip.isEmpty()) { // not built yet, perhaps by now
                    strip = filmstrips.apply(item.episode());
                    strip.ifPresent(f -> strips.put(item.episode().id(), java.util.Optional.of(f)));
                }
                RgbImage rgb = strip.isPresent() ? strip.get().nearest(middle)
                        : thumbnails.thumbnail(item.episode().path(), item.episode().contentHash(), middle, THUMB_WIDTH);
                Image fx = FxImages.toImage(rgb);
                images.put(id, fx);
                Platform.runLater(ready);
            } catch (RuntimeException ex) {
                log.warn("no thumbnail for clip {}: {}", id, ex.toString());
            }
        });
        return null;
    }

    @Override
    public void close() {
        thumbnailThread.shutdownNow();
    }

    private final class ItemCell extends ListCell<ReviewQueueViewModel.Item> {
        private final ImageView picture = new ImageView();
        private final Label title = new Label();
        private final Label where = new Label();
        private final Label detail = new Label();
        private final HBox box;

        ItemCell() {
            picture.setFitWidth(THUMB_WIDTH);
            picture.setFitHeight(THUMB_WIDTH * 9 / 16.0);
            picture.setPreserveRatio(true);
            detail.getStyleClass().add("job-detail");
            where.getStyleClass().add("job-detail");
            title.getStyleClass().add("job-title");
            VBox text = new VBox(1, title, where, detail);
            text.setMinWidth(0);
            HBox.setHgrow(text, Priority.ALWAYS);
            box = new HBox(8, picture, text);
            box.setAlignment(Pos.CENTER_LEFT);
        }

        @Override
        protected void updateItem(ReviewQueueViewModel.Item item, boolean empty) {
            super.updateItem(item, empty);
            if (empty || item == null) {
                setGraphic(null);
                return;
            }
            title.setText(item.frames());
            where.setText(item.where());
            detail.setText(item.detail());
            setTooltip(new Tooltip(item.title() + "\n" + item.detail()));
            picture.setImage(thumbnail(item, () -> {
                if (getItem() == item) {
                    picture.setImage(images.get(item.clip().id()));
                }
            }));
            setGraphic(box);
        }
    }
}
