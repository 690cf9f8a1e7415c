package org.anivid.ui;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignT;

/** The job queue at the bottom of the window: what runs, how far, what it does, ETA, what waits. */
public final class StatusBar extends HBox {
    public StatusBar(JobsViewModel model) {
        getStyleClass().add("status-bar");
        setId("status-bar");
        setAlignment(Pos.CENTER_LEFT);
        setSpacing(8);
        setPadding(new Insets(3, 10, 3, 10));

        FontIcon icon = new FontIcon(MaterialDesignT.TRAY_FULL);
        Label title = new Label();
        title.setId("job-title");
        title.textProperty().bind(model.titleProperty());
        title.getStyleClass().add("job-title");
        title.setMinWidth(Region.USE_PREF_SIZE);
        ProgressBar bar = new ProgressBar();
        bar.setId("job-progress");
        bar.setPrefWidth(220);
        bar.progressProperty().bind(model.progressProperty());
        bar.visibleProperty().bind(model.busyProperty());
        bar.managedProperty().bind(bar.visibleProperty());
        Label detail = new Label();
        detail.setId("job-detail");
        detail.textProperty().bind(model.detailProperty());
        detail.getStyleClass().add("job-detail");
        Tooltip detailTip = new Tooltip();
        detailTip.textProperty().bind(model.detailProperty());
        detail.setTooltip(detailTip);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Label queue = new Label();
        queue.textProperty().bind(model.queueTextProperty());
        Button cancel = new Button(null, new FontIcon(MaterialDesignC.CLOSE_CIRCLE_OUTLINE));
        cancel.getStyleClass().add("icon-button");
        cancel.setTooltip(new Tooltip("Cancel the running job"));
        cancel.setOnAction(e -> model.cancelRunning());
        cancel.visibleProperty().bind(model.busyProperty());
        cancel.managedProperty().bind(cancel.visibleProperty());
        getChildren().addAll(icon, title, bar, detail, spacer, queue, cancel);
    }
}
