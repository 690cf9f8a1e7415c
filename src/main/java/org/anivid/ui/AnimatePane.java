package org.anivid.ui;

import java.io.File;
import java.nio.file.Path;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.anivid.media.Cameras;
import org.anivid.media.ImageFiles;

/**
 * The Animate tab: choose a source picture, a driving video or camera, a checkpoint (and its config), then watch
 * source | driving | result live with frames/s and latency. Problems show as one red line under the buttons.
 * X re-captures the neutral pose while the panel has the focus (Avatarify's key).
 */
final class AnimatePane extends VBox {
    private final AnimateViewModel model;

    AnimatePane(AnimateViewModel model, Runnable useViewerFrame) {
        this.model = model;
        setId("animate-pane");
        setSpacing(8);
        setPadding(new Insets(10));

        Label source = new Label();
        source.setId("animate-source");
        source.textProperty().bind(model.sourceLabelProperty());
        Button sourceFile = new Button("Picture…");
        sourceFile.setId("animate-source-file");
        sourceFile.setOnAction(e -> choose("Source picture", ImageFiles.EXTENSIONS.stream().sorted().toList())
                .ifPresent(model::useSourceFile));
        Button sourceFrame = new Button("Viewer frame");
        sourceFrame.setId("animate-source-frame");
        sourceFrame.setTooltip(new Tooltip("Animate the frame the viewer shows"));
        sourceFrame.setOnAction(e -> useViewerFrame.run());
        CheckBox crop = new CheckBox("Crop to the anime face");
        crop.setId("animate-crop-source");
        crop.selectedProperty().bindBidirectional(model.cropSourceProperty());

        Label driving = new Label();
        driving.setId("animate-driving");
        driving.textProperty().bind(model.drivingProperty().asString().map(s -> s.equals("null") ? "No driving" : s));
        Button drivingFile = new Button("Video…");
        drivingFile.setId("animate-driving-file");
        drivingFile.setOnAction(e -> choose("Driving video",
                org.anivid.app.ImportService.VIDEO_EXTENSIONS.stream().sorted().toList())
                .ifPresent(model::useDrivingFile));
        ComboBox<Cameras.Camera> camera = new ComboBox<>(model.cameras());
        camera.setId("animate-camera");
        camera.setPromptText("Webcam");
        camera.setButtonCell(cameraCell());
        camera.setCellFactory(v -> cameraCell());
        camera.setOnAction(e -> {
            if (camera.getValue() != null) {
                model.drivingProperty().set(AnimateViewModel.Driving.camera(camera.getValue()));
            }
        });
        camera.setOnShowing(e -> model.refreshCameras());
        Label cameras = new Label();
        cameras.setId("animate-camera-message");
        cameras.textProperty().bind(model.cameraMessageProperty());
        ChoiceBox<AnimateViewModel.DrivingFaces> faces = new ChoiceBox<>();
        faces.getItems().setAll(AnimateViewModel.DrivingFaces.values());
        faces.valueProperty().bindBidirectional(model.drivingFacesProperty());
        faces.setId("animate-driving-faces");

        Label checkpoint = new Label();
        checkpoint.setId("animate-checkpoint");
        checkpoint.textProperty().bind(model.checkpointProperty().map(p -> p.getFileName().toString())
                .orElse("No checkpoint"));
        Button checkpointFile = new Button("Checkpoint…");
        checkpointFile.setId("animate-checkpoint-file");
        checkpointFile.setOnAction(e -> choose("FOMM checkpoint", java.util.List.of("tar", "pth", "pt"))
                .ifPresent(model.checkpointProperty()::set));
        Label config = new Label();
        config.setId("animate-config");
        config.textProperty().bind(model.configProperty().map(p -> p.getFileName().toString())
                .orElse("vox-256 config"));
        Button configFile = new Button("Config…");
        configFile.setId("animate-config-file");
        configFile.setTooltip(new Tooltip("The model's YAML; none: the official vox-256 config"));
        configFile.setOnAction(e -> choose("FOMM config", java.util.List.of("yaml", "yml"))
                .ifPresent(model.configProperty()::set));
        ChoiceBox<AnimateViewModel.Mode> mode = new ChoiceBox<>();
        mode.getItems().setAll(AnimateViewModel.Mode.values());
        mode.valueProperty().bindBidirectional(model.modeProperty());
        mode.setId("animate-mode");

        GridPane grid = new GridPane();
        grid.setHgap(6);
        grid.setVgap(6);
        grid.addRow(0, new Label("Source"), source);
        grid.add(new HBox(6, sourceFile, sourceFrame), 1, 1);
        grid.add(crop, 1, 2);
        grid.addRow(3, new Label("Driving"), driving);
        grid.add(new HBox(6, drivingFile, camera), 1, 4);
        grid.add(cameras, 1, 5);
        grid.addRow(6, new Label("Face"), faces);
        grid.addRow(7, new Label("Model"), checkpoint);
        grid.add(new HBox(6, checkpointFile, configFile), 1, 8);
        grid.add(config, 1, 9);
        grid.addRow(10, new Label("Motion"), mode);

        Button start = new Button("Start");
        start.setId("animate-start");
        start.disableProperty().bind(model.runningProperty().or(model.startingProperty()));
        start.setOnAction(e -> model.start());
        Button stop = new Button("Stop");
        stop.setId("animate-stop");
        stop.disableProperty().bind(model.runningProperty().not());
        stop.setOnAction(e -> model.stop());
        Button recapture = new Button("Re-capture neutral pose");
        recapture.setId("animate-recapture");
        recapture.setTooltip(new Tooltip("X: the next driving picture becomes the pose the motion is measured from"));
        recapture.disableProperty().bind(model.runningProperty().not());
        recapture.setOnAction(e -> model.recaptureNeutral());
        Button record = new Button();
        record.setId("animate-record");
        record.textProperty().bind(model.recordingProperty().map(p -> "Stop recording").orElse("Record…"));
        record.setOnAction(e -> {
            if (model.recordingProperty().get() != null) {
                model.record(null);
            } else {
                saveAs().ifPresent(model::record);
            }
        });

        Label error = ErrorLine.bound("animate-error", model.errorProperty());
        Label status = new Label();
        status.setId("animate-status");
        status.setWrapText(true);
        status.textProperty().bind(model.statusProperty());
        Label fps = new Label();
        fps.setId("animate-fps");
        fps.textProperty().bind(model.fpsProperty());
        Label latency = new Label();
        latency.setId("animate-latency");
        latency.textProperty().bind(model.latencyProperty());

        FitWidthPicture holder = new FitWidthPicture("animate-preview", model.previewProperty());
        HBox labels = new HBox(12, fps, latency);
        labels.setAlignment(Pos.CENTER_LEFT);
        // The live picture and its controls first; the choices below (the side panel is narrow).
        getChildren().addAll(holder, labels, new HBox(6, start, stop, record), recapture, error, status,
                new javafx.scene.control.Separator(), grid);

        addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.X && !e.isShortcutDown() && model.runningProperty().get()) {
                model.recaptureNeutral();
                e.consume();
            }
        });
        model.refreshCameras();
    }

    private static ListCell<Cameras.Camera> cameraCell() {
        return new ListCell<>() {
            @Override
            protected void updateItem(Cameras.Camera item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? "Webcam" : item.label());
            }
        };
    }

    private Window window() {
        return getScene() == null ? null : getScene().getWindow();
    }

    private java.util.Optional<Path> choose(String title, java.util.List<String> extensions) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(title,
                extensions.stream().map(x -> "*." + x).toList()));
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("All files", "*"));
        File file = chooser.showOpenDialog(window());
        return java.util.Optional.ofNullable(file).map(File::toPath);
    }

    private java.util.Optional<Path> saveAs() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Record the animation");
        chooser.setInitialFileName("animation.mp4");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("MP4 video", "*.mp4"));
        File file = chooser.showSaveDialog(window());
        return java.util.Optional.ofNullable(file).map(File::toPath);
    }

    AnimateViewModel model() {
        return model;
    }
}
