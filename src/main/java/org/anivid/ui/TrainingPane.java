package org.anivid.ui;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Separator;
import javafx.scene.control.Spinner;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.anivid.fomm.train.TrainDevice;

/**
 * The Train tab: data, config, starting checkpoint, batch and steps; Start, Pause/Resume, Stop; progress with ETA;
 * a live chart of each loss and of the held-out reconstruction L1; the latest reconstructions of the fixed test
 * clips (source | driving, generated …); and the run's checkpoints with "Evaluate" and "Use in preview".
 */
final class TrainingPane extends VBox {
    private final TrainingViewModel model;

    TrainingPane(TrainingViewModel model) {
        this.model = model;
        setId("training-pane");
        setSpacing(8);
        setPadding(new Insets(10));

        Button start = new Button("Start");
        start.setId("train-start");
        start.setDefaultButton(false);
        start.setOnAction(e -> model.start());
        Button pause = new Button("Pause");
        pause.setId("train-pause");
        pause.setOnAction(e -> {
            if (model.stateProperty().get() == TrainingViewModel.State.PAUSED) {
                model.resume();
            } else {
                model.pause();
            }
        });
        Button stop = new Button("Stop");
        stop.setId("train-stop");
        stop.setTooltip(new Tooltip("Stops after saving the position; Start continues the same run"));
        stop.setOnAction(e -> model.stop());
        Button newRun = new Button("New run");
        newRun.setId("train-new-run");
        newRun.setTooltip(new Tooltip("The next Start begins a new run folder instead of continuing this one"));
        newRun.setOnAction(e -> model.newRun());
        model.stateProperty().addListener((obs, old, state) -> {
            start.setDisable(state != TrainingViewModel.State.IDLE);
            newRun.setDisable(state != TrainingViewModel.State.IDLE);
            pause.setDisable(state == TrainingViewModel.State.IDLE || state == TrainingViewModel.State.STOPPING);
            stop.setDisable(state == TrainingViewModel.State.IDLE || state == TrainingViewModel.State.STOPPING);
            pause.setText(state == TrainingViewModel.State.PAUSED ? "Resume" : "Pause");
        });
        pause.setDisable(true);
        stop.setDisable(true);

        ProgressBar progress = new ProgressBar();
        progress.setId("train-progress");
        progress.setMaxWidth(Double.MAX_VALUE);
        progress.progressProperty().bind(model.progressProperty());
        HBox.setHgrow(progress, Priority.ALWAYS);
        Label eta = new Label();
        eta.setId("train-eta");
        eta.textProperty().bind(model.etaProperty());
        Label status = new Label();
        status.setId("train-status");
        status.setWrapText(true);
        status.textProperty().bind(model.statusProperty());
        Label error = ErrorLine.bound("train-error", model.errorProperty());

        LineChart<Number, Number> losses = chart("Losses", "train-loss-chart");
        losses.getData().add(series(model.reconstructionLoss(), "reconstruction"));
        losses.getData().add(series(model.equivarianceValue(), "equivariance value"));
        losses.getData().add(series(model.equivarianceJacobian(), "equivariance jacobian"));
        model.lossNameProperty().addListener((obs, old, name) -> losses.getData().get(0).setName(name));
        LineChart<Number, Number> heldOut = chart("Held-out reconstruction L1", "train-l1-chart");
        heldOut.getData().add(series(model.heldOutL1(), "L1"));
        heldOut.setLegendVisible(false);
        heldOut.setPrefHeight(140);

        FitWidthPicture holder = new FitWidthPicture("train-reconstruction", model.reconstructionProperty());
        Label stripCaption = new Label("Reconstructions: source | driving, generated …");
        stripCaption.getStyleClass().add("hint");

        ListView<TrainingViewModel.CheckpointRow> checkpoints = new ListView<>(model.checkpoints());
        checkpoints.setId("train-checkpoints");
        checkpoints.setPrefHeight(110);
        Button evaluate = new Button("Evaluate");
        evaluate.setId("train-evaluate");
        evaluate.setTooltip(new Tooltip("Reconstruction L1, PSNR and SSIM on the data's test clips"));
        evaluate.setOnAction(e -> model.evaluate(checkpoints.getSelectionModel().getSelectedItem()));
        Button use = new Button("Use in preview");
        use.setId("train-use-in-preview");
        use.setOnAction(e -> model.useInPreview(checkpoints.getSelectionModel().getSelectedItem()));
        evaluate.disableProperty().bind(checkpoints.getSelectionModel().selectedItemProperty().isNull());
        use.disableProperty().bind(checkpoints.getSelectionModel().selectedItemProperty().isNull());

        getChildren().addAll(new HBox(6, start, pause, stop, newRun), new HBox(8, progress, eta), status, error,
                losses, heldOut, holder, stripCaption, new Label("Checkpoints"), checkpoints, new HBox(6, evaluate, use),
                new Separator(), settings());
    }

    private GridPane settings() {
        GridPane grid = new GridPane();
        grid.setHgap(6);
        grid.setVgap(6);
        Label data = pathLabel(model.dataProperty(), "No data folder", "train-data");
        Button dataButton = new Button("Data…");
        dataButton.setId("train-data-choose");
        dataButton.setOnAction(e -> chooseFolder("Training data (train/ and test/)").ifPresent(model.dataProperty()::set));
        Label config = pathLabel(model.configProperty(), "No config", "train-config");
        Button configButton = new Button("Config…");
        configButton.setOnAction(e -> chooseFile("FOMM config", List.of("yaml", "yml")).ifPresent(
                model.configProperty()::set));
        Label init = pathLabel(model.initProperty(), "Random weights", "train-init");
        Button initButton = new Button("Start from…");
        initButton.setTooltip(new Tooltip("An official checkpoint (vox-cpk.pth.tar) or one of ours"));
        initButton.setOnAction(e -> chooseFile("Checkpoint", List.of("tar", "pth", "pt")).ifPresent(
                model.initProperty()::set));
        Label run = pathLabel(model.runProperty(), "New run", "train-run");
        Spinner<Integer> batch = new Spinner<>(1, 256, model.batchProperty().get());
        batch.setId("train-batch");
        batch.setEditable(true);
        batch.valueProperty().addListener((obs, o, n) -> model.batchProperty().set(n));
        Spinner<Integer> steps = new Spinner<>(1, 10_000_000, model.maxStepsProperty().get(), 100);
        steps.setId("train-steps");
        steps.setEditable(true);
        steps.valueProperty().addListener((obs, o, n) -> model.maxStepsProperty().set(n));
        ChoiceBox<TrainDevice> device = new ChoiceBox<>();
        device.getItems().setAll(TrainDevice.values());
        device.valueProperty().bindBidirectional(model.deviceProperty());
        for (Button b : List.of(dataButton, configButton, initButton)) {
            b.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        }
        int row = 0;
        grid.addRow(row++, fieldLabel("Data"), data, dataButton);
        grid.addRow(row++, fieldLabel("Config"), config, configButton);
        grid.addRow(row++, fieldLabel("Start"), init, initButton);
        grid.addRow(row++, fieldLabel("Run"), run);
        grid.addRow(row++, fieldLabel("Batch"), batch);
        grid.addRow(row++, fieldLabel("Steps"), steps);
        grid.addRow(row, fieldLabel("Device"), device);
        return grid;
    }

    /** A row title that keeps its width when the panel is narrow (the values shrink instead). */
    private static Label fieldLabel(String text) {
        Label label = new Label(text);
        label.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        return label;
    }

    private static Label pathLabel(javafx.beans.property.ObjectProperty<Path> path, String none, String id) {
        Label label = new Label();
        label.setId(id);
        label.setMinWidth(0);
        label.setMaxWidth(180);
        label.textProperty().bind(path.map(p -> p.getFileName() == null ? p.toString() : p.getFileName().toString())
                .orElse(none));
        path.addListener((obs, o, n) -> label.setTooltip(n == null ? null : new Tooltip(n.toString())));
        return label;
    }

    private static LineChart<Number, Number> chart(String title, String id) {
        NumberAxis x = new NumberAxis();
        x.setLabel("step");
        x.setForceZeroInRange(false);
        NumberAxis y = new NumberAxis();
        y.setForceZeroInRange(false);
        LineChart<Number, Number> chart = new LineChart<>(x, y);
        chart.setId(id);
        chart.setTitle(title);
        chart.setCreateSymbols(false);
        chart.setAnimated(false);
        chart.setPrefHeight(200);
        chart.setMinWidth(0);
        return chart;
    }

    /** A chart series that mirrors one of the view-model's point lists. */
    private static XYChart.Series<Number, Number> series(ObservableList<TrainingViewModel.Point> points, String name) {
        XYChart.Series<Number, Number> series = new XYChart.Series<>();
        series.setName(name);
        Runnable copy = () -> series.getData().setAll(points.stream()
                .map(p -> new XYChart.Data<Number, Number>(p.step(), p.value())).toList());
        points.addListener((ListChangeListener<TrainingViewModel.Point>) c -> copy.run());
        copy.run();
        return series;
    }

    private Window window() {
        return getScene() == null ? null : getScene().getWindow();
    }

    private java.util.Optional<Path> chooseFolder(String title) {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle(title);
        File folder = chooser.showDialog(window());
        return java.util.Optional.ofNullable(folder).map(File::toPath);
    }

    private java.util.Optional<Path> chooseFile(String title, List<String> extensions) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(title,
                extensions.stream().map(x -> "*." + x).toList()));
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("All files", "*"));
        File file = chooser.showOpenDialog(window());
        return java.util.Optional.ofNullable(file).map(File::toPath);
    }

    TrainingViewModel model() {
        return model;
    }
}
