package org.anivid.ui;

import java.util.List;
import javafx.beans.InvalidationListener;
import javafx.geometry.Bounds;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.ImageView;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;
import org.anivid.core.BoundingBox;
import org.anivid.core.Episode;
import org.anivid.core.FaceBox;

/**
 * The face boxes of the shown frame, drawn over the viewer's picture with their track id and score: green for the
 * one face of a ONE_FACE frame (score at or above the confidence), orange otherwise. Boxes are in the video's display
 * pixels (DESIGN.md §3); they are mapped onto the picture through the bounds the image view is laid out at, so they
 * follow the same scale and offset as the image, whatever size the frames were decoded at.
 */
final class FaceOverlay extends Region {
    static final Color ONE_FACE_BOX = Color.web("#22c55e");
    static final Color OTHER_BOX = Color.web("#f97316");
    private static final Color HALO = Color.rgb(17, 19, 24, 0.45);
    private static final Font LABEL_FONT = Font.font("monospace", 11);

    private final Canvas canvas = new Canvas();
    private final ViewerViewModel viewer;
    private final FacesViewModel faces;
    private final ImageView view;

    FaceOverlay(ViewerViewModel viewer, FacesViewModel faces, ImageView view) {
        this.viewer = viewer;
        this.faces = faces;
        this.view = view;
        setId("face-overlay");
        setMouseTransparent(true);
        setMinSize(0, 0);
        setPrefSize(0, 0);
        getChildren().add(canvas);
        InvalidationListener redraw = o -> draw();
        viewer.frameProperty().addListener(redraw);
        viewer.imageProperty().addListener(redraw);
        viewer.episodeProperty().addListener(redraw);
        faces.facesProperty().addListener(redraw);
        view.boundsInParentProperty().addListener(redraw);
        view.imageProperty().addListener(redraw);
    }

    @Override
    protected void layoutChildren() {
        canvas.setWidth(getWidth());
        canvas.setHeight(getHeight());
        draw();
    }

    /** Redraws the boxes of the shown frame (a handful of rectangles). */
    void draw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.clearRect(0, 0, canvas.getWidth(), canvas.getHeight());
        Episode episode = viewer.episodeProperty().get();
        int frame = viewer.frameProperty().get();
        FacesViewModel.Faces f = faces.facesProperty().get();
        if (episode == null || frame < 0 || view.getImage() == null || f.episodeId() != episode.id()) {
            return;
        }
        List<FaceBox> boxes = f.boxesAt(frame);
        if (boxes.isEmpty()) {
            return;
        }
        // The overlay fills the same StackPane as the image view, so the view's bounds in its parent are ours too.
        Bounds shown = view.getBoundsInParent();
        Bounds mine = getBoundsInParent();
        double sx = shown.getWidth() / Math.max(1, episode.info().displayWidth());
        double sy = shown.getHeight() / Math.max(1, episode.info().displayHeight());
        double ox = shown.getMinX() - mine.getMinX();
        double oy = shown.getMinY() - mine.getMinY();
        g.setFont(LABEL_FONT);
        g.setTextBaseline(VPos.TOP);
        g.setTextAlign(TextAlignment.LEFT);
        for (FaceBox face : boxes) {
            BoundingBox b = face.box();
            double x = ox + b.x1() * sx;
            double y = oy + b.y1() * sy;
            double w = b.width() * sx;
            double h = b.height() * sy;
            Color colour = f.isOneFace(frame, face) ? ONE_FACE_BOX : OTHER_BOX;
            // A dark halo keeps the box readable on bright and on green or orange backgrounds alike.
            g.setStroke(HALO);
            g.setLineWidth(4);
            g.strokeRect(x, y, w, h);
            g.setStroke(colour);
            g.setLineWidth(2);
            g.strokeRect(x, y, w, h);
            String label = (face.trackId() == 0 ? "" : "#" + face.trackId() + " ") + String.format("%.2f", face.score())
                    + (face.manual() ? " ✎" : "");
            double textW = textWidth(label) + 8;
            double textH = 15;
            // Above the box when there is room, else inside its top edge.
            double ly = y - textH >= shown.getMinY() - mine.getMinY() ? y - textH : y;
            double lx = Math.min(x, ox + shown.getWidth() - textW);
            g.setFill(colour);
            g.fillRect(lx, ly, textW, textH);
            g.setFill(Color.web("#111318"));
            g.fillText(label, lx + 4, ly + 1);
        }
    }

    private static double textWidth(String s) {
        Text t = new Text(s);
        t.setFont(LABEL_FONT);
        return t.getLayoutBounds().getWidth();
    }
}
