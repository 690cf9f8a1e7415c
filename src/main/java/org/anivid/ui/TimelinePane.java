package org.anivid.ui;

import java.util.List;
import javafx.beans.InvalidationListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Separator;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.anivid.core.Clip;
import org.anivid.core.ClipStatus;
import org.anivid.core.Episode;
import org.anivid.core.Shot;
import org.anivid.ui.timeline.ThumbnailProvider;
import org.anivid.ui.timeline.TimelineControl;
import org.anivid.ui.timeline.TimelineModel;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;
import org.kordamp.ikonli.materialdesign2.MaterialDesignM;
import org.kordamp.ikonli.materialdesign2.MaterialDesignR;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;
import org.kordamp.ikonli.materialdesign2.MaterialDesignU;

/**
 * The curation timeline under the viewer, with its tool bar: run the detectors, undo/redo, the corrections at the
 * playhead, zoom, and the last correction's outcome. Keeps the {@link TimelineModel} in step with the view-models
 * (shots and motion, faces, clips, keyframes) and the playhead in step with the viewer, both ways.
 */
final class TimelinePane extends VBox {
    private final TimelineModel model = new TimelineModel();
    private final TimelineControl timeline = new TimelineControl(model);
    private final ViewerViewModel viewer;
    private final AnalysisViewModel analysis;
    private final FacesViewModel faces;
    private final CurationViewModel curation;
    private boolean followingViewer;

    TimelinePane(ViewerViewModel viewer, AnalysisViewModel analysis, FacesViewModel faces, CurationViewModel curation,
                 DetectorViewModel detector, Runnable curateEpisode) {
        this.viewer = viewer;
        this.analysis = analysis;
        this.faces = faces;
        this.curation = curation;
        getStyleClass().add("timeline-pane");
        setId("timeline-pane");

        Button detect = new Button("Detect shots & motion", new FontIcon(MaterialDesignM.MOVIE_SEARCH_OUTLINE));
        detect.setId("detect-shots");
        detect.setTooltip(new Tooltip("Find shot boundaries and score motion per shot (Ctrl+D); runs in the job queue"));
        detect.setOnAction(e -> analysis.analyze());
        detect.disableProperty().bind(analysis.episodeProperty().isNull().or(analysis.runningProperty()));
        Button findFaces = new Button("Find faces", new FontIcon(MaterialDesignF.FACE_RECOGNITION));
        findFaces.setId("find-faces");
        findFaces.setTooltip(new Tooltip("Find and track faces and mark the frames with exactly one face (Ctrl+F); "
                + "finds the shots first when needed; runs in the job queue"));
        findFaces.setOnAction(e -> faces.findFaces());
        findFaces.disableProperty().bind(faces.episodeProperty().isNull().or(faces.runningProperty()));
        Button curate = new Button("Curate", new FontIcon(MaterialDesignC.CHECK_DECAGRAM_OUTLINE));
        curate.setId("curate-episode");
        curate.setTooltip(new Tooltip(Shortcuts.tip("curate")));
        curate.setOnAction(e -> curateEpisode.run());
        curate.disableProperty().bind(curation.episodeProperty().isNull());
        Button improve = new Button("Improve detector", new FontIcon(MaterialDesignS.SCHOOL_OUTLINE));
        improve.setId("improve-detector");
        Tooltip improveTip = new Tooltip();
        improveTip.textProperty().bind(javafx.beans.binding.Bindings.concat("Improve detector from my corrections: "
                + "fine-tune the face detector on every box you drew or corrected, then compare it with the current "
                + "one before keeping it; runs in the job queue.\n“Find faces” uses now: ",
                detector.currentModelProperty()));
        improve.setTooltip(improveTip);
        improve.setOnAction(e -> detector.improve());
        improve.disableProperty().bind(detector.runningProperty());
        for (Button b : List.of(detect, findFaces, improve, curate)) {
            b.setMinWidth(Region.USE_PREF_SIZE);
        }

        Button undo = icon(MaterialDesignU.UNDO, "undo", curation::undo);
        undo.setId("undo");
        undo.disableProperty().bind(curation.canUndoProperty().not());
        undo.getTooltip().textProperty().bind(curation.undoLabelProperty().concat(" (Ctrl+Z)"));
        Button redo = icon(MaterialDesignR.REDO, "redo", curation::redo);
        redo.setId("redo");
        redo.disableProperty().bind(curation.canRedoProperty().not());
        redo.getTooltip().textProperty().bind(curation.redoLabelProperty().concat(" (Ctrl+Shift+Z)"));
        Button cut = icon(MaterialDesignS.SCISSORS_CUTTING, "addCut", () -> curation.addCut(playhead()));
        cut.setId("add-cut");
        Button merge = icon(MaterialDesignM.MERGE, "merge", () -> curation.mergeWithPrevious(playhead()));
        merge.setId("merge-shot");
        Button unusable = icon(MaterialDesignC.CANCEL, "usable", () -> curation.toggleShotUsable(playhead()));
        unusable.setId("shot-usable");
        Button accept = icon(MaterialDesignC.CHECK_BOLD, "accept", () -> curation.accept(playhead()));
        accept.setId("accept-clip");
        accept.getStyleClass().add("accept");
        Button reject = icon(MaterialDesignC.CLOSE_THICK, "reject", () -> curation.reject(playhead()));
        reject.setId("reject-clip");
        reject.getStyleClass().add("reject");
        Button zoomOut = icon(MaterialDesignM.MAGNIFY_MINUS_OUTLINE, "zoom", () -> zoom(1 / 1.6));
        Button zoomIn = icon(MaterialDesignM.MAGNIFY_PLUS_OUTLINE, "zoom", () -> zoom(1.6));
        Button fit = icon(MaterialDesignF.FIT_TO_SCREEN_OUTLINE, "zoom", this::showAll);

        Label summary = new Label();
        summary.setId("analysis-summary");
        summary.textProperty().bind(analysis.summaryProperty());
        summary.getStyleClass().add("job-detail");
        summary.setMinWidth(Region.USE_PREF_SIZE);
        Label facesSummary = new Label();
        facesSummary.setId("faces-summary");
        facesSummary.textProperty().bind(faces.summaryProperty());
        facesSummary.getStyleClass().add("job-detail");
        Tooltip facesTip = new Tooltip();
        facesTip.textProperty().bind(faces.summaryProperty().concat("\n").concat(faces.detailProperty()));
        facesSummary.setTooltip(facesTip);
        Label message = new Label();
        message.setId("correction-message");
        message.textProperty().bind(curation.messageProperty());
        message.getStyleClass().add("correction-message");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);

        HBox tools = new HBox(6, detect, findFaces, improve, curate, new Separator(javafx.geometry.Orientation.VERTICAL), undo,
                redo, new Separator(javafx.geometry.Orientation.VERTICAL), cut, merge, unusable, accept, reject,
                new Separator(javafx.geometry.Orientation.VERTICAL), zoomOut, zoomIn, fit, spacer, message);
        tools.setAlignment(Pos.CENTER_LEFT);
        tools.setPadding(new Insets(4, 10, 2, 10));
        tools.getStyleClass().add("transport");
        HBox summaries = new HBox(10, summary, new Label("·"), facesSummary);
        summaries.setAlignment(Pos.CENTER_LEFT);
        summaries.setPadding(new Insets(0, 10, 2, 10));
        summaries.getStyleClass().add("transport");

        VBox.setVgrow(timeline, Priority.ALWAYS);
        VBox.setMargin(timeline, new Insets(2, 10, 6, 10));
        getChildren().addAll(tools, detectorBar(detector, faces), summaries, timeline);
        timeline.setOnContextMenuRequested(e -> contextMenu(model.seekFrameAt(e.getX())).show(timeline, e.getScreenX(),
                e.getScreenY()));
        bind();
    }

    /** The outcome of "Improve detector": the scores before and after, and the animator's choice. */
    private static HBox detectorBar(DetectorViewModel detector, FacesViewModel faces) {
        Label report = new Label();
        report.setId("detector-report");
        report.textProperty().bind(detector.reportProperty());
        report.setWrapText(true);
        report.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(report, Priority.ALWAYS);
        Button keep = new Button("Keep new model", new FontIcon(MaterialDesignC.CHECK_BOLD));
        keep.setId("keep-detector");
        keep.setOnAction(e -> detector.keep());
        keep.visibleProperty().bind(detector.canKeepProperty());
        Button discard = new Button("Discard", new FontIcon(MaterialDesignC.CLOSE_THICK));
        discard.setId("discard-detector");
        discard.setOnAction(e -> detector.discard());
        discard.visibleProperty().bind(detector.candidateProperty().isNotNull().and(detector.keptProperty().not()));
        Button again = new Button("Find faces again", new FontIcon(MaterialDesignF.FACE_RECOGNITION));
        again.setId("find-faces-again");
        again.setOnAction(e -> {
            faces.findFaces();
            detector.dismiss();
        });
        again.visibleProperty().bind(detector.keptProperty().and(faces.episodeProperty().isNotNull()));
        again.disableProperty().bind(faces.runningProperty());
        Button close = new Button(null, new FontIcon(MaterialDesignC.CLOSE));
        close.getStyleClass().add("icon-button");
        close.setOnAction(e -> detector.dismiss());
        close.setTooltip(new Tooltip("Hide"));
        close.visibleProperty().bind(detector.runningProperty().not().and(detector.canKeepProperty().not()));
        for (Button b : List.of(keep, discard, again, close)) {
            b.setMinWidth(Region.USE_PREF_SIZE);
            b.managedProperty().bind(b.visibleProperty());
        }
        HBox bar = new HBox(8, new FontIcon(MaterialDesignS.SCHOOL_OUTLINE), report, keep, discard, again, close);
        bar.setId("detector-bar");
        bar.getStyleClass().add("detector-bar");
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(4, 10, 4, 10));
        bar.visibleProperty().bind(detector.reportProperty().isNotEmpty());
        bar.managedProperty().bind(bar.visibleProperty());
        return bar;
    }

    private void bind() {
        model.editorProperty().set(curation);
        viewer.episodeProperty().addListener((obs, o, e) -> {
            if (e != null) {
                resetEpisode(Math.max(0, e.info().frames()), e.info().fps() > 0 ? e.info().fps() : 25);
            } else {
                resetEpisode(0, 25);
            }
        });
        viewer.frameCountProperty().addListener((obs, o, n) -> {
            // The decoder's count is exact (the probe's can be an estimate): the timeline follows it.
            if (n.intValue() > 0 && n.intValue() != model.frameCount()) {
                Episode e = viewer.episodeProperty().get();
                resetEpisode(n.intValue(), e == null || !(e.info().fps() > 0) ? 25 : e.info().fps());
            }
        });
        analysis.shots().addListener((InvalidationListener) o -> refreshShots());
        analysis.motionProperty().addListener(o -> refreshMotion());
        faces.facesProperty().addListener(o -> refreshFaces());
        curation.shownClipsProperty().addListener(o -> model.setClips(curation.shownClipsProperty().get()));
        curation.previewingProperty().addListener(o -> model.previewingProperty().set(curation.previewingProperty().get()));
        curation.keyframesProperty().addListener(o -> model.keyframesProperty().set(curation.keyframesProperty().get()));
        model.motionThresholdProperty().bind(curation.motionThresholdProperty());
        viewer.positionProperty().addListener(o -> {
            followingViewer = true;
            int target = viewer.targetFrame();
            if (target >= 0) {
                model.playheadProperty().set(target);
                if (viewer.playingProperty().get()) {
                    model.reveal(target);
                }
            }
            followingViewer = false;
        });
        model.playheadProperty().addListener((obs, o, n) -> {
            if (!followingViewer && n.intValue() != viewer.targetFrame()) {
                viewer.seek(n.intValue());
            }
        });
    }

    /** A new episode (or its exact length): the timeline starts over, at the viewer's frame, without seeking it. */
    private void resetEpisode(int frames, double fps) {
        followingViewer = true;
        try {
            model.setEpisode(frames, fps);
            model.playheadProperty().set(Math.max(0, viewer.targetFrame()));
        } finally {
            followingViewer = false;
        }
        refreshAll();
    }

    private void refreshAll() {
        refreshShots();
        refreshMotion();
        refreshFaces();
        model.setClips(curation.shownClipsProperty().get());
        model.keyframesProperty().set(curation.keyframesProperty().get());
    }

    private void refreshShots() {
        List<Shot> shots = List.copyOf(analysis.shots());
        model.setShots(shots.stream().map(Shot::range).toList());
        model.unusableShotsProperty().set(shots.stream().filter(s -> !s.usable()).map(Shot::range).toList());
    }

    private void refreshMotion() {
        float[] m = analysis.motionProperty().get();
        model.setMotion(m == null ? new float[0] : m);
    }

    private void refreshFaces() {
        FacesViewModel.Faces f = faces.facesProperty().get();
        model.setFaces(TimelineModel.flagCodes(f.flags()), f.scores());
    }

    private ContextMenu contextMenu(int frame) {
        MenuItem addCut = new MenuItem("Cut here (frame " + frame + " starts a shot)");
        addCut.setOnAction(e -> curation.addCut(frame));
        int cut = model.cutNear(frame, Math.max(2, 6 * model.framesPerPixelProperty().get()));
        MenuItem deleteCut = new MenuItem(cut > 0 ? "Remove the cut at frame " + cut : "Remove cut (none here)");
        deleteCut.setDisable(cut <= 0);
        deleteCut.setOnAction(e -> curation.deleteCut(cut));
        MenuItem merge = new MenuItem("Merge with the previous shot");
        merge.setOnAction(e -> curation.mergeWithPrevious(frame));
        Shot shot = analysis.shotAt(frame);
        MenuItem usable = new MenuItem(shot != null && !shot.usable() ? "Mark shot usable" : "Mark shot not usable");
        usable.setDisable(shot == null);
        usable.setOnAction(e -> curation.toggleShotUsable(frame));
        Clip clip = curation.clipAt(frame);
        MenuItem accept = new MenuItem("Accept clip");
        accept.setDisable(clip == null || clip.status() == ClipStatus.ACCEPTED);
        accept.setOnAction(e -> curation.setStatus(clip, ClipStatus.ACCEPTED));
        MenuItem reject = new MenuItem("Reject clip");
        reject.setDisable(clip == null || clip.status() == ClipStatus.REJECTED);
        reject.setOnAction(e -> curation.setStatus(clip, ClipStatus.REJECTED));
        MenuItem reopen = new MenuItem("Back to proposed");
        reopen.setDisable(clip == null || clip.status() == ClipStatus.PROPOSED);
        reopen.setOnAction(e -> curation.setStatus(clip, ClipStatus.PROPOSED));
        return new ContextMenu(addCut, deleteCut, merge, usable, new javafx.scene.control.SeparatorMenuItem(), accept,
                reject, reopen);
    }

    private int playhead() {
        return Math.max(0, viewer.targetFrame());
    }

    void zoom(double factor) {
        model.zoomAt(model.playheadProperty().get() + 0.5, factor);
        model.reveal(model.playheadProperty().get());
    }

    void showAll() {
        model.showAll(model.viewportWidthProperty().get());
    }

    void setThumbnails(ThumbnailProvider provider) {
        timeline.thumbnailsProperty().set(provider);
    }

    TimelineControl control() {
        return timeline;
    }

    TimelineModel model() {
        return model;
    }

    /** Scrolls the timeline so {@code frame} is in view (the keys that jump call it). */
    void reveal(int frame) {
        model.reveal(frame);
    }

    private static Button icon(Ikon icon, String shortcut, Runnable action) {
        Button b = new Button(null, new FontIcon(icon));
        b.getStyleClass().add("icon-button");
        b.setTooltip(new Tooltip(Shortcuts.tip(shortcut)));
        b.setFocusTraversable(false);
        b.setOnAction(e -> action.run());
        return b;
    }
}
