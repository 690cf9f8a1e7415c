package org.anivid.ui;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;

/** Every job of the heavy-work queue with its own progress bar, message and cancel button. */
final class JobsPane extends VBox {
    JobsPane(JobsViewModel jobs) {
        setId("jobs-pane");
        setPadding(new Insets(6));
        ListView<JobsViewModel.JobRow> list = new ListView<>(jobs.rows());
        list.setId("jobs-list");
        list.setPlaceholder(new Label("No jobs yet. Curate episodes with Ctrl+R."));
        list.setCellFactory(v -> new JobCell(jobs));
        VBox.setVgrow(list, Priority.ALWAYS);
        getChildren().add(list);
    }

    private static final class JobCell extends ListCell<JobsViewModel.JobRow> {
        private final Label title = new Label();
        private final Label message = new Label();
        private final ProgressBar bar = new ProgressBar();
        private final Button cancel = new Button(null, new FontIcon(MaterialDesignC.CLOSE_CIRCLE_OUTLINE));
        private final VBox box;
        private final JobsViewModel jobs;

        JobCell(JobsViewModel jobs) {
            this.jobs = jobs;
            title.getStyleClass().add("job-title");
            message.getStyleClass().add("job-detail");
            bar.setMaxWidth(Double.MAX_VALUE);
            HBox.setHgrow(bar, Priority.ALWAYS);
            cancel.getStyleClass().add("icon-button");
            cancel.setTooltip(new Tooltip("Cancel this job"));
            HBox line = new HBox(6, bar, cancel);
            line.setAlignment(Pos.CENTER_LEFT);
            box = new VBox(2, title, line, message);
        }

        @Override
        protected void updateItem(JobsViewModel.JobRow row, boolean empty) {
            super.updateItem(row, empty);
            if (empty || row == null) {
                setGraphic(null);
                return;
            }
            title.setText(row.title());
            message.setText(row.message());
            bar.setProgress(row.progress());
            cancel.setVisible(row.cancellable());
            cancel.setOnAction(e -> jobs.cancel(row.id()));
            setGraphic(box);
        }
    }
}
