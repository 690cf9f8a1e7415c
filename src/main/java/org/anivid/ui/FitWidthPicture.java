package org.anivid.ui;

import javafx.beans.value.ObservableValue;
import javafx.scene.image.ImageView;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.StackPane;
import org.anivid.core.RgbImage;

/**
 * A picture of a view-model's property that fills the side panel's width: the holder takes the panel's width without
 * asking for the picture's, so a large picture never widens a narrow panel. One {@link WritableImage} is reused while
 * the size stays the same (a live preview sends a picture per frame).
 */
final class FitWidthPicture extends StackPane {
    private final ImageView view = new ImageView();
    private WritableImage image;

    /** @param viewId the id of the picture's {@link ImageView} (tests and CSS look it up) */
    FitWidthPicture(String viewId, ObservableValue<RgbImage> picture) {
        view.setId(viewId);
        view.setPreserveRatio(true);
        view.setSmooth(true);
        getChildren().add(view);
        setMinWidth(0);
        setPrefWidth(1);
        view.fitWidthProperty().bind(widthProperty());
        picture.addListener((obs, old, rgb) -> {
            if (rgb != null) {
                image = FxImages.reuseOrCreate(rgb, image);
                view.setImage(image);
            }
        });
    }
}
