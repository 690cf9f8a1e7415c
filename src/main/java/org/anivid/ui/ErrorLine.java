package org.anivid.ui;

import javafx.beans.value.ObservableStringValue;
import javafx.scene.control.Label;

/** The one red line a panel shows under its buttons when something is wrong; it takes no room when empty. */
final class ErrorLine {
    private ErrorLine() {
    }

    static Label bound(String id, ObservableStringValue message) {
        Label error = new Label();
        error.setId(id);
        error.setWrapText(true);
        error.setStyle("-fx-text-fill: #c62828;");
        error.textProperty().bind(message);
        error.visibleProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(
                () -> message.get() != null && !message.get().isEmpty(), message));
        error.managedProperty().bind(error.visibleProperty());
        return error;
    }
}
