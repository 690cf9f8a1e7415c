package org.anivid.ui;

import java.io.File;
import java.util.List;
import javafx.animation.AnimationTimer;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.anivid.jobs.JobQueue;
import org.anivid.library.Library;
import org.anivid.media.FrameSize;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;
import org.kordamp.ikonli.materialdesign2.MaterialDesignT;

/** The main window's content: menu, library panel, episode viewer and status bar with the job queue. */
public final class StudioWindow {
    private final BorderPane root = new BorderPane();
    private final LibraryViewModel libraryModel;
    private final ViewerViewModel viewerModel;
    private final JobsViewModel jobsModel;
    private final AnalysisViewModel analysisModel;
    private final FacesViewModel facesModel;
    private final LibraryPane libraryPane;
    private final ViewerPane viewerPane;
    private final StatusBar statusBar;
    private final Themes themes = new Themes();
    private final AnimationTimer pulse;
    private long lastJobPoll;

    public StudioWindow(Library library, JobQueue queue) {
        libraryModel = new LibraryViewModel(library, queue);
        viewerModel = new ViewerViewModel(FrameSize.fit(1920, 1080));
        jobsModel = new JobsViewModel(queue);
        org.anivid.app.AnalysisService analysis = new org.anivid.app.AnalysisService(library);
        analysisModel = new AnalysisViewModel(library, queue, analysis::analyzeJob);
        org.anivid.app.FaceAnalysisService faceAnalysis = new org.anivid.app.FaceAnalysisService(library);
        facesModel = new FacesViewModel(library, queue,
                episode -> faceAnalysis.facesJob(episode, null, org.anivid.faces.VideoFaceOptions.defaults()));
        libraryPane = new LibraryPane(libraryModel, this::chooseFiles, this::chooseFolder);
        viewerPane = new ViewerPane(viewerModel);
        viewerPane.addAnalysis(analysisModel, facesModel);
        statusBar = new StatusBar(jobsModel);

        SplitPane split = new SplitPane(libraryPane, viewerPane);
        split.setDividerPositions(0.24);
        SplitPane.setResizableWithParent(libraryPane, false);
        root.setTop(menuBar());
        root.setCenter(split);
        root.setBottom(statusBar);
        root.getStyleClass().add("studio");

        libraryModel.selectedProperty().addListener((obs, old, episode) -> {
            if (episode != null && (old == null || old.id() != episode.id())) {
                viewerModel.open(episode);
                analysisModel.open(episode);
                facesModel.open(episode);
            }
        });
        // A face search finds the shots first when the episode has none: show them too.
        facesModel.runningProperty().addListener((obs, was, now) -> {
            if (was && !now) {
                analysisModel.reload();
            }
        });
        facesModel.failureProperty().addListener((obs, old, message) -> {
            if (message != null) {
                showJobFailure("Find faces", "Faces could not be found", message);
            }
        });
        libraryModel.lastReportProperty().addListener((obs, old, report) -> {
            if (report != null && !report.failures().isEmpty()) {
                showImportErrors(report.failures().stream().map(r -> r.error()).toList());
            }
        });

        // One timer drives the viewer every pulse and polls the job queue ~15 times a second.
        pulse = new AnimationTimer() {
            @Override
            public void handle(long now) {
                viewerModel.tick(now);
                if (now - lastJobPoll > 66_000_000L) {
                    lastJobPoll = now;
                    jobsModel.poll();
                }
            }
        };
        pulse.start();
    }

    public void install(Scene scene) {
        themes.apply(scene, Themes.Theme.LIGHT);
        viewerPane.installShortcuts(scene);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN), this::chooseFiles);
    }

    private MenuBar menuBar() {
        MenuItem importFiles = new MenuItem("Import episodes…", new FontIcon(MaterialDesignF.FILE_PLUS));
        importFiles.setAccelerator(new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN));
        importFiles.setOnAction(e -> chooseFiles());
        MenuItem importFolder = new MenuItem("Import folder…", new FontIcon(MaterialDesignF.FOLDER_PLUS));
        importFolder.setOnAction(e -> chooseFolder());
        MenuItem quit = new MenuItem("Quit");
        quit.setAccelerator(new KeyCodeCombination(KeyCode.Q, KeyCombination.SHORTCUT_DOWN));
        quit.setOnAction(e -> root.getScene().getWindow().hide());
        Menu file = new Menu("File", null, importFiles, importFolder, new SeparatorMenuItem(), quit);

        MenuItem toggleTheme = new MenuItem("Toggle light/dark theme", new FontIcon(MaterialDesignT.THEME_LIGHT_DARK));
        toggleTheme.setAccelerator(new KeyCodeCombination(KeyCode.T, KeyCombination.SHORTCUT_DOWN,
                KeyCombination.SHIFT_DOWN));
        toggleTheme.setOnAction(e -> themes.toggle(root.getScene()));
        Menu view = new Menu("View", null, toggleTheme);
        MenuItem analyze = new MenuItem("Detect shots & motion");
        analyze.setAccelerator(new KeyCodeCombination(KeyCode.D, KeyCombination.SHORTCUT_DOWN));
        analyze.setOnAction(e -> analysisModel.analyze());
        analyze.disableProperty().bind(analysisModel.episodeProperty().isNull().or(analysisModel.runningProperty()));
        MenuItem findFaces = new MenuItem("Find faces");
        findFaces.setAccelerator(new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN));
        findFaces.setOnAction(e -> facesModel.findFaces());
        findFaces.disableProperty().bind(facesModel.episodeProperty().isNull().or(facesModel.runningProperty()));
        Menu episodeMenu = new Menu("Episode", null, analyze, findFaces);

        MenuItem shortcuts = new MenuItem("Keyboard shortcuts");
        shortcuts.setAccelerator(new KeyCodeCombination(KeyCode.F1));
        shortcuts.setOnAction(e -> showShortcuts());
        Menu help = new Menu("Help", null, shortcuts);
        MenuBar bar = new MenuBar(file, episodeMenu, view, help);
        bar.setUseSystemMenuBar(true);
        return bar;
    }

    private Window window() {
        return root.getScene() == null ? null : root.getScene().getWindow();
    }

    void chooseFiles() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Import episodes");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Videos",
                org.anivid.app.ImportService.VIDEO_EXTENSIONS.stream().sorted().map(e -> "*." + e).toList()));
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("All files", "*"));
        List<File> files = chooser.showOpenMultipleDialog(window());
        if (files != null && !files.isEmpty()) {
            libraryModel.importPaths(files.stream().map(File::toPath).toList(), null);
        }
    }

    void chooseFolder() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Import a folder of episodes");
        File dir = chooser.showDialog(window());
        if (dir != null) {
            libraryModel.importPaths(List.of(dir.toPath()), null);
        }
    }

    private void showImportErrors(List<String> errors) {
        Alert alert = new Alert(Alert.AlertType.WARNING);
        alert.initOwner(window());
        alert.setTitle("Import");
        alert.setHeaderText(errors.size() == 1 ? "One file could not be imported" : errors.size() + " files could not be imported");
        alert.setContentText(String.join("\n", errors));
        alert.getDialogPane().setId("import-errors");
        alert.show();
    }

    private void showJobFailure(String title, String header, String message) {
        Alert alert = new Alert(Alert.AlertType.ERROR);
        alert.initOwner(window());
        alert.setTitle(title);
        alert.setHeaderText(header);
        alert.setContentText(message);
        alert.getDialogPane().setId("job-failure");
        alert.show();
    }

    private void showShortcuts() {
        Alert alert = new Alert(Alert.AlertType.INFORMATION);
        alert.initOwner(window());
        alert.setTitle("Keyboard shortcuts");
        alert.setHeaderText("Keyboard shortcuts");
        alert.setContentText(String.join("\n", ViewerPane.SHORTCUTS) + "\nCtrl+O\tImport episodes"
                + "\nCtrl+D\tDetect shots & motion\nCtrl+F\tFind faces"
                + "\nCtrl+Shift+T\tToggle light/dark theme\nF1\tThis sheet");
        alert.show();
    }

    public Parent root() {
        return root;
    }

    public LibraryViewModel libraryModel() {
        return libraryModel;
    }

    public ViewerViewModel viewerModel() {
        return viewerModel;
    }

    public AnalysisViewModel analysisModel() {
        return analysisModel;
    }

    public FacesViewModel facesModel() {
        return facesModel;
    }

    public JobsViewModel jobsModel() {
        return jobsModel;
    }

    public Themes themes() {
        return themes;
    }

    public void close() {
        libraryModel.dispose();
        analysisModel.dispose();
        facesModel.dispose();
        pulse.stop();
        viewerModel.close();
    }
}
