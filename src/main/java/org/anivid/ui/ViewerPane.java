package org.anivid.ui;

import java.util.List;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;

/** Frame display, play/pause, frame step and a scrub bar with time and frame number. */
public final class ViewerPane extends BorderPane {
    static final List<String> SHORTCUTS = List.of(
            "Space\tPlay / pause",
            "→ / ←\tNext / previous frame",
            "Shift+→ / Shift+←\tOne second forward / back",
            "Home / End\tFirst / last frame");

    private final ViewerViewModel model;
    private final ImageView view = new ImageView();
    private final Slider scrub = new Slider(0, 1, 0);
    private final Label position = new Label();
    private final Label message = new Label();
    private final StackPane stage;
    private WritableImage shown;
    private javafx.scene.layout.VBox bottom;
    private boolean updatingScrub;

    public ViewerPane(ViewerViewModel model) {
        this.model = model;
        getStyleClass().add("viewer-pane");
        setId("viewer-pane");

        view.setPreserveRatio(true);
        view.setSmooth(true);
        view.setId("frame-view");
        stage = new StackPane(view, message);
        stage.getStyleClass().add("frame-stage");
        stage.setMinSize(200, 120);
        view.fitWidthProperty().bind(stage.widthProperty().subtract(16));
        view.fitHeightProperty().bind(stage.heightProperty().subtract(16));
        message.getStyleClass().add("viewer-message");
        message.setWrapText(true);
        message.setText("Select an episode in the library, or drop video files on it.");
        setCenter(stage);

        model.imageProperty().addListener((obs, old, rgb) -> {
            if (rgb == null) {
                view.setImage(null);
                shown = null;
            } else {
                shown = FxImages.reuseOrCreate(rgb, shown);
                if (view.getImage() != shown) {
                    view.setImage(shown);
                }
                message.setText("");
            }
        });
        model.errorProperty().addListener((obs, old, err) -> message.setText(err == null ? "" : err));
        model.episodeProperty().addListener((obs, old, e) -> message.setText(e == null ? "Select an episode." : ""));

        Button back = button(MaterialDesignS.STEP_BACKWARD, "Previous frame (←)", () -> model.step(-1));
        Button play = button(MaterialDesignP.PLAY, "Play / pause (Space)", model::togglePlay);
        play.setId("play-button");
        model.playingProperty().addListener((obs, was, now) ->
                ((FontIcon) play.getGraphic()).setIconCode(now ? MaterialDesignP.PAUSE : MaterialDesignP.PLAY));
        Button forward = button(MaterialDesignS.STEP_FORWARD, "Next frame (→)", () -> model.step(1));
        forward.setId("step-forward");

        scrub.setId("scrub");
        scrub.setBlockIncrement(1);
        scrub.setFocusTraversable(false);
        scrub.setTooltip(new Tooltip("Drag to scrub; time · frame number shown on the right"));
        HBox.setHgrow(scrub, Priority.ALWAYS);
        model.frameCountProperty().addListener((obs, o, n) -> {
            updatingScrub = true;
            scrub.setMax(Math.max(1, n.intValue() - 1));
            scrub.setValue(0);
            updatingScrub = false;
        });
        scrub.valueProperty().addListener((obs, o, n) -> {
            if (!updatingScrub) {
                model.seek((int) Math.round(n.doubleValue()));
            }
        });
        model.positionProperty().addListener((obs, o, n) -> {
            updatingScrub = true;
            if (!scrub.isValueChanging() && model.targetFrame() >= 0) {
                scrub.setValue(model.targetFrame());
            }
            updatingScrub = false;
        });
        position.textProperty().bind(model.positionProperty());
        position.setId("position");
        position.getStyleClass().add("position-label");
        position.setMinWidth(320);
        position.setAlignment(Pos.CENTER_RIGHT);

        HBox controls = new HBox(6, back, play, forward, scrub, position);
        controls.setAlignment(Pos.CENTER_LEFT);
        controls.setPadding(new Insets(6, 10, 8, 10));
        controls.getStyleClass().add("transport");
        bottom = new javafx.scene.layout.VBox(controls);
        setBottom(bottom);
    }

    /** The face boxes (editable through {@code curation}) and the export crop over the picture. */
    void addOverlay(FacesViewModel faces, CurationViewModel curation) {
        stage.getChildren().add(1, new FaceOverlay(model, faces, view, curation));
    }

    /** A banner over the picture when the episode's file is missing, with a button that looks for it. */
    void addMissingFileBanner(Runnable locate) {
        Label text = new Label();
        text.setId("missing-file-text");
        text.setWrapText(true);
        text.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() -> {
            var e = model.episodeProperty().get();
            return e == null ? "" : "The file of “" + e.title() + "” is missing: " + e.path()
                    + ". Its shots, faces and decisions are kept; point the studio at the file to see it again.";
        }, model.episodeProperty()));
        Button find = new Button("Locate file…");
        find.setId("locate-file");
        find.setOnAction(e -> locate.run());
        HBox banner = new HBox(10, new FontIcon(org.kordamp.ikonli.materialdesign2.MaterialDesignF.FILE_ALERT_OUTLINE),
                text, find);
        banner.setId("missing-file-banner");
        banner.getStyleClass().add("banner");
        banner.setAlignment(Pos.CENTER_LEFT);
        banner.setPadding(new Insets(8, 12, 8, 12));
        HBox.setHgrow(text, Priority.ALWAYS);
        banner.visibleProperty().bind(model.missingFileProperty());
        banner.managedProperty().bind(banner.visibleProperty());
        setTop(banner);
    }

    private static Button button(org.kordamp.ikonli.Ikon icon, String tooltip, Runnable action) {
        Button b = new Button(null, new FontIcon(icon));
        b.getStyleClass().add("icon-button");
        b.setTooltip(new Tooltip(tooltip));
        b.setFocusTraversable(false);
        b.setOnAction(e -> action.run());
        return b;
    }

    /** Viewer keys work anywhere in the window except while typing in a text field. */
    void installShortcuts(Scene scene) {
        scene.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getTarget() instanceof javafx.scene.control.TextInputControl) {
                return;
            }
            KeyCode code = e.getCode();
            boolean handled = true;
            switch (code) {
                case SPACE -> model.togglePlay();
                case RIGHT -> {
                    if (e.isShiftDown()) {
                        model.jumpSeconds(1);
                    } else {
                        model.step(1);
                    }
                }
                case LEFT -> {
                    if (e.isShiftDown()) {
                        model.jumpSeconds(-1);
                    } else {
                        model.step(-1);
                    }
                }
                case HOME -> model.seek(0);
                case END -> model.seek(Integer.MAX_VALUE);
                default -> handled = false;
            }
            if (handled) {
                e.consume();
            }
        });
    }

    ImageView frameView() {
        return view;
    }
}
