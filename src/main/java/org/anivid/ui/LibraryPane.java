package org.anivid.ui;

import java.io.File;
import java.util.List;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.input.DragEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.anivid.core.Episode;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;
import org.kordamp.ikonli.materialdesign2.MaterialDesignM;

/** Series → episodes, import buttons, drag and drop, and the per-file errors of the last imports. */
public final class LibraryPane extends VBox {
    private final LibraryViewModel model;
    private final TreeView<Object> tree = new TreeView<>(new TreeItem<>("Library"));
    private final ListView<String> errorList = new ListView<>();
    private final VBox errorBox;

    public LibraryPane(LibraryViewModel model, Runnable chooseFiles, Runnable chooseFolder) {
        this.model = model;
        getStyleClass().add("library-pane");
        setId("library-pane");

        Label heading = new Label("Library");
        heading.getStyleClass().add("pane-heading");
        Button importFiles = iconButton(new FontIcon(MaterialDesignF.FILE_PLUS), "Import episodes (Ctrl+O)", chooseFiles);
        importFiles.setId("import-files");
        Button importFolder = iconButton(new FontIcon(MaterialDesignF.FOLDER_PLUS), "Import a folder of episodes", chooseFolder);
        ProgressIndicator busy = new ProgressIndicator();
        busy.setPrefSize(18, 18);
        busy.visibleProperty().bind(model.importingProperty());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox header = new HBox(6, heading, spacer, busy, importFiles, importFolder);
        header.getStyleClass().add("pane-header");
        header.setPadding(new Insets(6, 8, 6, 10));

        tree.setShowRoot(false);
        tree.setId("library-tree");
        tree.setCellFactory(t -> new LibraryCell());
        VBox.setVgrow(tree, Priority.ALWAYS);
        tree.getSelectionModel().selectedItemProperty().addListener((obs, old, item) -> {
            if (item != null && item.getValue() instanceof Episode e) {
                model.selectedProperty().set(e);
            }
        });
        tree.getSelectionModel().setSelectionMode(javafx.scene.control.SelectionMode.MULTIPLE);
        tree.getSelectionModel().getSelectedItems().addListener((ListChangeListener<TreeItem<Object>>) c -> {
            java.util.LinkedHashMap<Long, Episode> picked = new java.util.LinkedHashMap<>();
            for (TreeItem<Object> item : List.copyOf(tree.getSelectionModel().getSelectedItems())) {
                if (item == null) {
                    continue;
                }
                if (item.getValue() instanceof Episode e) {
                    picked.put(e.id(), e);
                } else {
                    for (TreeItem<Object> child : item.getChildren()) {
                        if (child.getValue() instanceof Episode e) {
                            picked.put(e.id(), e);
                        }
                    }
                }
            }
            model.chosen().setAll(picked.values());
        });
        model.selectedProperty().addListener((obs, old, e) -> selectInTree(e));
        model.series().addListener((ListChangeListener<LibraryViewModel.SeriesEntry>) c -> rebuild());
        rebuild();

        Label placeholder = new Label("Drop episodes here\nor use the import buttons above");
        placeholder.getStyleClass().add("placeholder");
        placeholder.setMouseTransparent(true);
        placeholder.visibleProperty().bind(javafx.beans.binding.Bindings.isEmpty(model.series()));
        javafx.scene.layout.StackPane treeStack = new javafx.scene.layout.StackPane(tree, placeholder);
        VBox.setVgrow(treeStack, Priority.ALWAYS);

        Label errorsHeading = new Label("Import problems");
        errorsHeading.getStyleClass().add("error-heading");
        Button clear = iconButton(new FontIcon(MaterialDesignC.CLOSE), "Clear the list", model::clearErrors);
        Region spacer2 = new Region();
        HBox.setHgrow(spacer2, Priority.ALWAYS);
        HBox errorsHeader = new HBox(6, new FontIcon(MaterialDesignM.MESSAGE_ALERT_OUTLINE), errorsHeading, spacer2, clear);
        errorsHeader.setPadding(new Insets(4, 8, 2, 10));
        errorList.setItems(model.errors());
        errorList.setId("import-error-list");
        errorList.setPrefHeight(110);
        errorList.setCellFactory(l -> new javafx.scene.control.ListCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                setTooltip(empty ? null : new Tooltip(item));
            }
        });
        errorBox = new VBox(errorsHeader, errorList);
        errorBox.getStyleClass().add("error-box");
        errorBox.visibleProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(model.errors()));
        errorBox.managedProperty().bind(errorBox.visibleProperty());

        getChildren().addAll(header, treeStack, errorBox);
        setMinWidth(220);

        setOnDragOver(this::dragOver);
        setOnDragDropped(this::dragDropped);
        setOnDragExited(e -> getStyleClass().remove("drop-target"));
    }

    private static Button iconButton(FontIcon icon, String tooltip, Runnable action) {
        Button b = new Button(null, icon);
        b.getStyleClass().add("icon-button");
        b.setTooltip(new Tooltip(tooltip));
        b.setOnAction(e -> action.run());
        return b;
    }

    private void rebuild() {
        Episode selected = model.selectedProperty().get();
        TreeItem<Object> root = tree.getRoot();
        root.getChildren().clear();
        for (LibraryViewModel.SeriesEntry s : model.series()) {
            TreeItem<Object> seriesItem = new TreeItem<>(s.series());
            seriesItem.setExpanded(true);
            for (Episode e : s.episodes()) {
                seriesItem.getChildren().add(new TreeItem<>(e));
            }
            root.getChildren().add(seriesItem);
        }
        selectInTree(selected);
    }

    private void selectInTree(Episode episode) {
        if (episode == null) {
            return;
        }
        for (TreeItem<Object> s : tree.getRoot().getChildren()) {
            for (TreeItem<Object> e : s.getChildren()) {
                if (e.getValue() instanceof Episode ep && ep.id() == episode.id()) {
                    if (tree.getSelectionModel().getSelectedItem() != e) {
                        tree.getSelectionModel().select(e);
                    }
                    return;
                }
            }
        }
    }

    private void dragOver(DragEvent e) {
        if (e.getDragboard().hasFiles()) {
            e.acceptTransferModes(TransferMode.COPY_OR_MOVE);
            if (!getStyleClass().contains("drop-target")) {
                getStyleClass().add("drop-target");
            }
        }
        e.consume();
    }

    private void dragDropped(DragEvent e) {
        List<File> files = e.getDragboard().getFiles();
        boolean ok = files != null && !files.isEmpty();
        if (ok) {
            model.importPaths(files.stream().map(File::toPath).toList(), null);
        }
        getStyleClass().remove("drop-target");
        e.setDropCompleted(ok);
        e.consume();
    }

    TreeView<Object> tree() {
        return tree;
    }

    private static final class LibraryCell extends TreeCell<Object> {
        @Override
        protected void updateItem(Object item, boolean empty) {
            super.updateItem(item, empty);
            if (empty || item == null) {
                setText(null);
                setGraphic(null);
                setTooltip(null);
            } else if (item instanceof Episode e) {
                setText(e.title());
                setGraphic(new FontIcon(MaterialDesignF.FILE_VIDEO_OUTLINE));
                setTooltip(new Tooltip(e.path() + "\n" + e.info().width() + "×" + e.info().height() + " " + e.info().codec()
                        + ", " + e.info().frames() + " frames, " + String.format("%.2f", e.info().fps()) + " fps"
                        + (e.info().variableFrameRate() ? " (variable)" : "")));
            } else if (item instanceof org.anivid.core.Series s) {
                setText(s.name());
                setGraphic(new FontIcon(MaterialDesignF.FOLDER_OUTLINE));
                setTooltip(null);
            } else {
                setText(String.valueOf(item));
                setGraphic(null);
            }
        }
    }
}
