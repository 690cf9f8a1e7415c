package org.anivid.ui;

import java.util.Locale;
import javafx.beans.property.DoubleProperty;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The threshold panel: face confidence, motion threshold and clip length bounds. Moving a slider re-runs only the
 * curation rules on the stored detections, so the clips lane updates at once (drawn outlined while it is a
 * preview); "Apply" stores the proposals, keeping every decision a person made.
 */
final class RulesPane extends VBox {
    RulesPane(CurationViewModel curation) {
        setId("rules-pane");
        setSpacing(10);
        setPadding(new Insets(10));
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(6);
        row(grid, 0, "Face confidence", "rule-confidence", curation.confidenceProperty(), 0.05, 0.99, "%.2f",
                "A frame counts as one face when exactly one box scores at least this (the paper: 0.60)");
        row(grid, 1, "Motion threshold", "rule-motion", curation.motionThresholdProperty(), 0.01, 20, "%.2f",
                "DVR-Scan score a talking face must reach (the paper: 0.35; 255 × the moving fraction)");
        row(grid, 2, "Shortest clip (s)", "rule-min", curation.minSecondsProperty(), 0.2, 10, "%.1f",
                "Shorter runs are rejected as too short");
        row(grid, 3, "Longest clip (s)", "rule-max", curation.maxSecondsProperty(), 1, 60, "%.1f",
                "Longer runs are split into clips of at most this length");
        Label summary = new Label();
        summary.setId("rules-summary");
        summary.setWrapText(true);
        summary.textProperty().bind(curation.rulesSummaryProperty());
        Button apply = new Button("Apply to episode");
        apply.setId("rules-apply");
        apply.setTooltip(new Tooltip("Store these proposals; clips you accepted, rejected or moved stay as they are"));
        apply.disableProperty().bind(curation.previewingProperty().not());
        apply.setOnAction(e -> curation.applyRules());
        Button reset = new Button("Reset");
        reset.setId("rules-reset");
        reset.setTooltip(new Tooltip("Back to the rules the stored proposals were made with"));
        reset.disableProperty().bind(curation.previewingProperty().not());
        reset.setOnAction(e -> curation.resetRules());
        Label note = new Label("Sliders re-run only the rules on the stored detections: no decoding, no detector.");
        note.setWrapText(true);
        note.getStyleClass().add("job-detail");
        getChildren().addAll(grid, new HBox(8, apply, reset), summary, note);
    }

    private static void row(GridPane grid, int row, String name, String id, DoubleProperty value, double min,
                            double max, String format, String tip) {
        Label label = new Label(name);
        Slider slider = new Slider(min, max, value.get());
        slider.setId(id);
        slider.setTooltip(new Tooltip(tip));
        slider.valueProperty().bindBidirectional(value);
        GridPane.setHgrow(slider, Priority.ALWAYS);
        Label shown = new Label();
        shown.setMinWidth(44);
        shown.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                () -> String.format(Locale.ROOT, format, value.get()), value));
        grid.addRow(row, label, slider, shown);
    }
}
