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
import org.anivid.core.Episode;
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
    private final DetectorViewModel detectorModel;
    private final CurationViewModel curationModel;
    private final ReviewQueueViewModel reviewModel;
    private final AnimateViewModel animateModel;
    private final TrainingViewModel trainingModel;
    private final java.util.concurrent.ExecutorService animateWorker;
    private final Library library;
    private final JobQueue queue;
    private final org.anivid.app.CurateService curateService;
    private final java.util.concurrent.ExecutorService loader;
    private final LibraryPane libraryPane;
    private final TimelinePane timelinePane;
    private final ReviewPane reviewPane;
    private final org.anivid.app.EpisodeCache episodeCache;
    private final java.util.Set<Long> cacheBuildsAsked = new java.util.HashSet<>();
    private FilmstripThumbnails thumbnails;
    private final ViewerPane viewerPane;
    private final StatusBar statusBar;
    private final Themes themes = new Themes();
    private final AnimationTimer pulse;
    private long lastJobPoll;
    private long lastLibraryPoll;

    public StudioWindow(Library library, JobQueue queue) {
        this.library = library;
        this.queue = queue;
        loader = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "anivid-curation-loader");
            t.setDaemon(true);
            return t;
        });
        libraryModel = new LibraryViewModel(library, queue);
        viewerModel = new ViewerViewModel(FrameSize.fit(1920, 1080));
        episodeCache = new org.anivid.app.EpisodeCache(library);
        viewerModel.setProxyLookup(e -> episodeCache.proxyFor(e).orElse(null));
        jobsModel = new JobsViewModel(queue);
        org.anivid.app.AnalysisService analysis = new org.anivid.app.AnalysisService(library);
        analysisModel = new AnalysisViewModel(library, queue, analysis::analyzeJob);
        org.anivid.app.FaceAnalysisService faceAnalysis = new org.anivid.app.FaceAnalysisService(library);
        facesModel = new FacesViewModel(library, queue,
                episode -> faceAnalysis.facesJob(episode, null, org.anivid.faces.VideoFaceOptions.defaults()));
        curateService = new org.anivid.app.CurateService(library);
        org.anivid.app.Corrections corrections = new org.anivid.app.Corrections(library);
        curationModel = new CurationViewModel(library, corrections, curateService, analysisModel, facesModel);
        reviewModel = new ReviewQueueViewModel(library, corrections, loader, javafx.application.Platform::runLater);
        libraryPane = new LibraryPane(libraryModel, this::chooseFiles, this::chooseFolder);
        viewerPane = new ViewerPane(viewerModel);
        viewerPane.addOverlay(facesModel, curationModel);
        viewerPane.addMissingFileBanner(this::locateFile);
        detectorModel = new DetectorViewModel(new org.anivid.app.DetectorImprovement(library), queue,
                javafx.application.Platform::runLater);
        timelinePane = new TimelinePane(viewerModel, analysisModel, facesModel, curationModel, detectorModel,
                this::curateChosen);
        statusBar = new StatusBar(jobsModel);
        reviewPane = new ReviewPane(reviewModel, episodeCache::filmstrip,
                new org.anivid.media.ThumbnailCache(library.cacheDir().resolve("thumbs")));

        animateWorker = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "anivid-animate-loader");
            t.setDaemon(true);
            return t;
        });
        animateModel = new AnimateViewModel(animateWorker, javafx.application.Platform::runLater,
                new org.anivid.media.Cameras());
        javafx.scene.control.ScrollPane animatePane = new javafx.scene.control.ScrollPane(
                new AnimatePane(animateModel, this::animateViewerFrame));
        animatePane.setFitToWidth(true);
        animatePane.setHbarPolicy(javafx.scene.control.ScrollPane.ScrollBarPolicy.NEVER);
        trainingModel = new TrainingViewModel(library, queue, javafx.application.Platform::runLater);
        trainingModel.setUseInPreview((checkpoint, config) -> {
            animateModel.checkpointProperty().set(checkpoint);
            animateModel.configProperty().set(config);
        });
        javafx.scene.control.ScrollPane trainingPane = new javafx.scene.control.ScrollPane(
                new TrainingPane(trainingModel));
        trainingPane.setFitToWidth(true);
        trainingPane.setHbarPolicy(javafx.scene.control.ScrollPane.ScrollBarPolicy.NEVER);
        javafx.scene.control.TabPane side = new javafx.scene.control.TabPane(
                tab("Review", "review-tab", reviewPane), tab("Rules", "rules-tab", new RulesPane(curationModel)),
                tab("Jobs", "jobs-tab", new JobsPane(jobsModel)), tab("Animate", "animate-tab", animatePane),
                tab("Train", "train-tab", trainingPane));
        side.setId("side-tabs");
        side.setMinWidth(260);
        side.setPrefWidth(340);
        SplitPane upper = new SplitPane(viewerPane, side);
        upper.setDividerPositions(0.72);
        SplitPane.setResizableWithParent(side, false);
        SplitPane center = new SplitPane(upper, timelinePane);
        center.setOrientation(javafx.geometry.Orientation.VERTICAL);
        center.setDividerPositions(0.66);
        SplitPane split = new SplitPane(libraryPane, center);
        split.setDividerPositions(0.2);
        SplitPane.setResizableWithParent(libraryPane, false);
        root.setTop(menuBar());
        root.setCenter(split);
        root.setBottom(statusBar);
        root.getStyleClass().add("studio");

        viewerModel.frameProperty().addListener((obs, o, n) -> curationModel.followFrame(n.intValue()));
        reviewModel.setOpener(item -> {
            Episode open = viewerModel.episodeProperty().get();
            if (open == null || open.id() != item.episode().id()) {
                libraryModel.selectedProperty().set(item.episode());
            }
            viewerModel.seek(item.clip().range().start());
            timelinePane.reveal(item.clip().range().start());
        });
        reviewModel.reload();
        libraryModel.selectedProperty().addListener((obs, old, episode) -> {
            if (episode != null && (old == null || old.id() != episode.id())) {
                viewerModel.open(episode);
                analysisModel.open(episode);
                facesModel.open(episode);
                curationModel.open(episode);
                prepareCache(episode);
            }
        });
        // A face search finds the shots first when the episode has none: show them too.
        facesModel.runningProperty().addListener((obs, was, now) -> {
            if (was && !now) {
                analysisModel.reload();
            }
        });
        detectorModel.failureProperty().addListener((obs, old, message) -> {
            if (message != null) {
                showJobFailure("Improve detector", "The detector could not be improved", message);
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
                    animateModel.poll();
                    trainingModel.poll();
                }
                // Results that jobs store show up without a callback per write: compare one counter, 3× a second.
                if (now - lastLibraryPoll > 330_000_000L) {
                    lastLibraryPoll = now;
                    curationModel.pollLibrary();
                    reviewModel.pollLibrary();
                }
            }
        };
        // Open where the animator works: the first episode, when the library has any.
        if (libraryModel.selectedProperty().get() == null) {
            library.episodes().list().stream().findFirst().ifPresent(e -> libraryModel.selectedProperty().set(e));
        }
        pulse.start();
    }

    public void install(Scene scene) {
        themes.apply(scene, Themes.Theme.LIGHT);
        viewerPane.installShortcuts(scene);
        new StudioKeys(this).install(scene);
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
        MenuItem curate = new MenuItem("Curate selected episodes");
        curate.setAccelerator(new KeyCodeCombination(KeyCode.R, KeyCombination.SHORTCUT_DOWN));
        curate.setOnAction(e -> curateChosen());
        MenuItem curateAll = new MenuItem("Curate every episode");
        curateAll.setOnAction(e -> curate(library.episodes().list()));
        Menu episodeMenu = new Menu("Episode", null, analyze, findFaces, new SeparatorMenuItem(), curate, curateAll);
        MenuItem undo = new MenuItem();
        undo.textProperty().bind(curationModel.undoLabelProperty());
        undo.setAccelerator(new KeyCodeCombination(KeyCode.Z, KeyCombination.SHORTCUT_DOWN));
        undo.setOnAction(e -> curationModel.undo());
        undo.disableProperty().bind(curationModel.canUndoProperty().not());
        MenuItem redo = new MenuItem();
        redo.textProperty().bind(curationModel.redoLabelProperty());
        redo.setAccelerator(new KeyCodeCombination(KeyCode.Z, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN));
        redo.setOnAction(e -> curationModel.redo());
        redo.disableProperty().bind(curationModel.canRedoProperty().not());
        Menu edit = new Menu("Edit", null, undo, redo);

        MenuItem shortcuts = new MenuItem("Keyboard shortcuts");
        shortcuts.setAccelerator(new KeyCodeCombination(KeyCode.F1));
        shortcuts.setOnAction(e -> showShortcuts());
        Menu help = new Menu("Help", null, shortcuts);
        MenuBar bar = new MenuBar(file, edit, episodeMenu, view, help);
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

    void showShortcuts() {
        Alert alert = new Alert(Alert.AlertType.INFORMATION);
        alert.initOwner(window());
        alert.setTitle("Keyboard shortcuts");
        alert.setHeaderText("Keyboard shortcuts");
        javafx.scene.control.TextArea sheet = new javafx.scene.control.TextArea(Shortcuts.sheet());
        sheet.setEditable(false);
        sheet.setPrefSize(620, 520);
        sheet.setId("shortcuts-sheet");
        sheet.setStyle("-fx-font-family: monospace;");
        alert.getDialogPane().setContent(sheet);
        alert.getDialogPane().setId("shortcuts-dialog");
        alert.show();
    }

    private static javafx.scene.control.Tab tab(String title, String id, javafx.scene.Node content) {
        javafx.scene.control.Tab tab = new javafx.scene.control.Tab(title, content);
        tab.setId(id);
        tab.setClosable(false);
        return tab;
    }

    /** The Animate tab's "Viewer frame": the picture the viewer shows becomes the source. */
    private void animateViewerFrame() {
        Episode open = viewerModel.episodeProperty().get();
        animateModel.useSourcePicture(viewerModel.imageProperty().get(), open == null ? "Viewer frame"
                : open.title() + " · frame " + viewerModel.frameProperty().get());
    }

    /** Curates the episodes picked in the library (or the open one), one job per episode so each has its own bar. */
    void curateChosen() {
        List<Episode> chosen = List.copyOf(libraryModel.chosen());
        if (chosen.isEmpty() && viewerModel.episodeProperty().get() != null) {
            chosen = List.of(viewerModel.episodeProperty().get());
        }
        curate(chosen);
    }

    void curate(List<Episode> episodes) {
        org.anivid.app.CurateService.Options options = org.anivid.app.CurateService.Options.defaults();
        for (Episode e : episodes) {
            FxJobs.submit(queue, "Curate: " + e.title(), curateService.curateJob(List.of(e), options), report -> {
                if (report.failures() > 0) {
                    report.episodes().stream().filter(o -> o.error() != null).findFirst().ifPresent(o ->
                            showJobFailure("Curate", "“" + e.title() + "” could not be curated", o.error()));
                }
            }, failure -> {
                if (!(failure instanceof org.anivid.jobs.JobCancelledException)) {
                    showJobFailure("Curate", "“" + e.title() + "” could not be curated", failure.getMessage());
                }
            });
        }
    }

    /**
     * Shows the episode's filmstrip on the timeline, and builds the seek proxy and filmstrip once in the job queue
     * when they are missing (a second opening is then instant). Reading the cache happens off the FX thread.
     */
    private void prepareCache(Episode episode) {
        loader.execute(() -> {
            boolean fileThere = java.nio.file.Files.isRegularFile(episode.path());
            boolean needs = fileThere && episodeCache.needsBuild(episode);
            java.util.Optional<org.anivid.media.Filmstrip> strip = episodeCache.filmstrip(episode);
            javafx.application.Platform.runLater(() -> {
                Episode open = viewerModel.episodeProperty().get();
                if (open == null || open.id() != episode.id()) {
                    return;
                }
                FilmstripThumbnails old = thumbnails;
                thumbnails = strip.map(f -> new FilmstripThumbnails(f, timelinePane.control()::requestRedraw))
                        .orElse(null);
                timelinePane.setThumbnails(thumbnails);
                if (old != null) {
                    old.close();
                }
                if (needs && cacheBuildsAsked.add(episode.id())) {
                    FxJobs.submit(queue, "Proxy & filmstrip: " + episode.title(), episodeCache.buildJob(episode),
                            result -> {
                                episodeCache.proxyFor(episode).ifPresent(p -> viewerModel.useProxy(episode, p));
                                prepareCache(episode);
                            }, failure -> org.slf4j.LoggerFactory.getLogger(StudioWindow.class)
                                    .warn("no seek proxy for {}: {}", episode.title(), failure.getMessage()));
                }
            });
        });
    }

    /** "Locate file…": the episode's file moved; find it, check it is the same video, and show it again. */
    void locateFile() {
        Episode episode = viewerModel.episodeProperty().get();
        if (episode == null) {
            return;
        }
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Locate " + episode.path().getFileName());
        java.nio.file.Path parent = episode.path().getParent();
        if (parent != null && java.nio.file.Files.isDirectory(parent)) {
            chooser.setInitialDirectory(parent.toFile());
        }
        File file = chooser.showOpenDialog(window());
        if (file != null) {
            relocate(episode, file.toPath());
        }
    }

    void relocate(Episode episode, java.nio.file.Path file) {
        org.anivid.app.ImportService imports = new org.anivid.app.ImportService(library,
                new org.anivid.media.FfmpegVideoProbe());
        FxJobs.submit(queue, "Locate " + file.getFileName(), imports.relocateJob(episode, file), moved -> {
            libraryModel.refresh();
            libraryModel.selectedProperty().set(moved);
            viewerModel.open(moved);
            analysisModel.open(moved);
            facesModel.open(moved);
            curationModel.open(moved);
            prepareCache(moved);
        }, failure -> showJobFailure("Locate file", "This is not the episode's file", failure.getMessage()));
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

    public CurationViewModel curationModel() {
        return curationModel;
    }

    public ReviewQueueViewModel reviewModel() {
        return reviewModel;
    }

    TimelinePane timelinePane() {
        return timelinePane;
    }

    ViewerPane viewerPane() {
        return viewerPane;
    }

    public FacesViewModel facesModel() {
        return facesModel;
    }

    public TrainingViewModel trainingModel() {
        return trainingModel;
    }

    public AnimateViewModel animateModel() {
        return animateModel;
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
        detectorModel.dispose();
        curationModel.dispose();
        reviewModel.dispose();
        animateModel.dispose();
        animateWorker.shutdown();
        reviewPane.close();
        if (thumbnails != null) {
            thumbnails.close();
        }
        loader.shutdownNow();
        pulse.stop();
        viewerModel.close();
    }
}
