package org.anivid.ui;

import java.util.List;
import javafx.beans.InvalidationListener;
import javafx.geometry.Bounds;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.ImageView;
import javafx.scene.input.MouseEvent;
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
 * one face of a ONE_FACE frame (score at or above the confidence), orange otherwise; a person's keyframes carry a
 * pencil mark; the square the export will crop the frame with is drawn dashed. With a {@link CurationViewModel} the
 * boxes are editable: click a box to select it, drag it to move, drag a corner to resize, drag on the picture to draw
 * a new box (a keyframe of the selected track, or a new track), Delete removes the selected box. Boxes are in the video's display
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
    private final CurationViewModel curation;
    private static final Color SELECTED = Color.web("#f8fafc");
    private static final Color CROP = Color.web("#22d3ee");
    private static final Color DRAFT = Color.web("#facc15");
    /** Pixels around a corner that grab it for resizing. */
    private static final double HANDLE = 7;
    /** A drag shorter than this (pixels) is a click. */
    private static final double MIN_DRAG = 5;

    private enum Gesture { NONE, MOVE, RESIZE, DRAW }

    private Gesture gesture = Gesture.NONE;
    private FaceBox grabbed;
    /** For a resize: the corner held fixed, in video pixels. */
    private double anchorX;
    private double anchorY;
    private double pressX;
    private double pressY;
    /** The box being drawn, moved or resized, in video pixels; null when none. */
    private BoundingBox draft;

    FaceOverlay(ViewerViewModel viewer, FacesViewModel faces, ImageView view) {
        this(viewer, faces, view, null);
    }

    FaceOverlay(ViewerViewModel viewer, FacesViewModel faces, ImageView view, CurationViewModel curation) {
        this.viewer = viewer;
        this.faces = faces;
        this.view = view;
        this.curation = curation;
        setId("face-overlay");
        setMouseTransparent(curation == null);
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
        if (curation != null) {
            curation.selectedBoxProperty().addListener(redraw);
            curation.shownClipsProperty().addListener(redraw);
            setOnMousePressed(this::pressed);
            setOnMouseDragged(this::dragged);
            setOnMouseReleased(this::released);
            setOnMouseMoved(e -> setCursor(cornerAt(e.getX(), e.getY()) != null ? javafx.scene.Cursor.CROSSHAIR
                    : boxAt(e.getX(), e.getY()) != null ? javafx.scene.Cursor.MOVE : javafx.scene.Cursor.DEFAULT));
        }
    }

    /** Where the picture sits in this overlay and how many overlay pixels one video pixel is. */
    private record Mapping(double ox, double oy, double sx, double sy, double width, double height) {
        double toX(double videoX) {
            return ox + videoX * sx;
        }

        double toY(double videoY) {
            return oy + videoY * sy;
        }

        double videoX(double x) {
            return Math.max(0, Math.min(width, (x - ox) / sx));
        }

        double videoY(double y) {
            return Math.max(0, Math.min(height, (y - oy) / sy));
        }

        boolean onPicture(double x, double y) {
            return x >= ox && y >= oy && x <= ox + width * sx && y <= oy + height * sy;
        }
    }

    private Mapping mapping() {
        Episode episode = viewer.episodeProperty().get();
        if (episode == null || view.getImage() == null) {
            return null;
        }
        // The overlay fills the same StackPane as the image view, so the view's bounds in its parent are ours too.
        Bounds shown = view.getBoundsInParent();
        Bounds mine = getBoundsInParent();
        double w = Math.max(1, episode.info().displayWidth());
        double h = Math.max(1, episode.info().displayHeight());
        return new Mapping(shown.getMinX() - mine.getMinX(), shown.getMinY() - mine.getMinY(), shown.getWidth() / w,
                shown.getHeight() / h, w, h);
    }

    private List<FaceBox> shownBoxes() {
        Episode episode = viewer.episodeProperty().get();
        FacesViewModel.Faces f = faces.facesProperty().get();
        int frame = viewer.frameProperty().get();
        if (episode == null || frame < 0 || f.episodeId() != episode.id()) {
            return List.of();
        }
        return f.boxesAt(frame);
    }

    /** The box under the pointer (the smallest, so a face inside a bigger box stays reachable), or null. */
    private FaceBox boxAt(double x, double y) {
        Mapping m = mapping();
        if (m == null) {
            return null;
        }
        FaceBox best = null;
        for (FaceBox b : shownBoxes()) {
            BoundingBox r = b.box();
            if (x >= m.toX(r.x1()) && x <= m.toX(r.x2()) && y >= m.toY(r.y1()) && y <= m.toY(r.y2())
                    && (best == null || r.width() * r.height() < best.box().width() * best.box().height())) {
                best = b;
            }
        }
        return best;
    }

    /** The selected box whose corner is under the pointer, with the opposite corner as anchor; or null. */
    private double[] cornerAt(double x, double y) {
        Mapping m = mapping();
        long selected = curation.selectedBoxProperty().get();
        if (m == null || selected == 0) {
            return null;
        }
        for (FaceBox b : shownBoxes()) {
            if (b.id() != selected) {
                continue;
            }
            BoundingBox r = b.box();
            double[][] corners = {{r.x1(), r.y1(), r.x2(), r.y2()}, {r.x2(), r.y1(), r.x1(), r.y2()},
                    {r.x1(), r.y2(), r.x2(), r.y1()}, {r.x2(), r.y2(), r.x1(), r.y1()}};
            for (double[] c : corners) {
                if (Math.abs(m.toX(c[0]) - x) <= HANDLE && Math.abs(m.toY(c[1]) - y) <= HANDLE) {
                    return new double[] {c[2], c[3]};
                }
            }
        }
        return null;
    }

    private void pressed(MouseEvent e) {
        Mapping m = mapping();
        if (m == null || !e.isPrimaryButtonDown() || !m.onPicture(e.getX(), e.getY())) {
            return;
        }
        viewer.pause();
        pressX = e.getX();
        pressY = e.getY();
        draft = null;
        double[] anchor = cornerAt(e.getX(), e.getY());
        FaceBox under = boxAt(e.getX(), e.getY());
        if (anchor != null) {
            gesture = Gesture.RESIZE;
            anchorX = anchor[0];
            anchorY = anchor[1];
            grabbed = selectedShown();
        } else if (under != null) {
            gesture = Gesture.MOVE;
            grabbed = under;
            curation.selectBox(under.id(), under.trackId());
        } else {
            gesture = Gesture.DRAW;
            grabbed = null;
        }
        e.consume();
    }

    private FaceBox selectedShown() {
        long selected = curation.selectedBoxProperty().get();
        return shownBoxes().stream().filter(b -> b.id() == selected).findFirst().orElse(null);
    }

    private void dragged(MouseEvent e) {
        Mapping m = mapping();
        if (m == null || gesture == Gesture.NONE) {
            return;
        }
        if (draft == null && Math.hypot(e.getX() - pressX, e.getY() - pressY) < MIN_DRAG) {
            return;
        }
        double vx = m.videoX(e.getX());
        double vy = m.videoY(e.getY());
        switch (gesture) {
            case DRAW -> draft = box(m.videoX(pressX), m.videoY(pressY), vx, vy);
            case RESIZE -> draft = box(anchorX, anchorY, vx, vy);
            case MOVE -> {
                BoundingBox r = grabbed.box();
                double dx = (e.getX() - pressX) / m.sx();
                double dy = (e.getY() - pressY) / m.sy();
                // Keep the whole box on the picture.
                dx = Math.max(-r.x1(), Math.min(m.width() - r.x2(), dx));
                dy = Math.max(-r.y1(), Math.min(m.height() - r.y2(), dy));
                draft = new BoundingBox((float) (r.x1() + dx), (float) (r.y1() + dy), (float) (r.x2() + dx),
                        (float) (r.y2() + dy));
            }
            default -> { }
        }
        draw();
        e.consume();
    }

    private static BoundingBox box(double ax, double ay, double bx, double by) {
        return new BoundingBox((float) Math.min(ax, bx), (float) Math.min(ay, by), (float) Math.max(ax, bx),
                (float) Math.max(ay, by));
    }

    private void released(MouseEvent e) {
        Gesture was = gesture;
        BoundingBox result = draft;
        FaceBox target = grabbed;
        gesture = Gesture.NONE;
        draft = null;
        grabbed = null;
        if (result == null) {
            if (was == Gesture.DRAW) {
                curation.clearSelection(); // a click on the picture outside every box
            }
            draw();
            return;
        }
        if (result.width() < 2 || result.height() < 2) {
            draw();
            return;
        }
        int frame = viewer.frameProperty().get();
        switch (was) {
            case DRAW -> curation.drawBox(frame, result);
            case MOVE, RESIZE -> curation.moveBox(target.id(), result);
            default -> { }
        }
        draw();
        e.consume();
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
        Mapping m = mapping();
        int frame = viewer.frameProperty().get();
        if (m == null || frame < 0) {
            return;
        }
        FacesViewModel.Faces f = faces.facesProperty().get();
        List<FaceBox> boxes = shownBoxes();
        if (curation != null) {
            drawCropAndDraft(g, curation.cropAt(frame));
        }
        if (boxes.isEmpty()) {
            return;
        }
        long selected = curation == null ? 0 : curation.selectedBoxProperty().get();
        double sx = m.sx();
        double sy = m.sy();
        double ox = m.ox();
        double oy = m.oy();
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
            g.setStroke(face.id() == selected ? SELECTED : colour);
            g.setLineWidth(face.id() == selected ? 3 : 2);
            g.strokeRect(x, y, w, h);
            if (face.id() == selected) {
                g.setFill(SELECTED);
                for (double[] c : new double[][] {{x, y}, {x + w, y}, {x, y + h}, {x + w, y + h}}) {
                    g.fillRect(c[0] - 4, c[1] - 4, 8, 8);
                }
            }
            String label = (face.trackId() == 0 ? "" : "#" + face.trackId() + " ") + String.format("%.2f", face.score())
                    + (face.manual() ? " ✎" : "");
            double textW = textWidth(label) + 8;
            double textH = 15;
            // Above the box when there is room, else inside its top edge.
            double ly = y - textH >= oy ? y - textH : y;
            double lx = Math.min(x, ox + m.width() * sx - textW);
            g.setFill(colour);
            g.fillRect(lx, ly, textW, textH);
            g.setFill(Color.web("#111318"));
            g.fillText(label, lx + 4, ly + 1);
        }
    }

    /** The export's crop square for this frame (dashed), and the box being drawn or dragged. */
    private void drawCropAndDraft(GraphicsContext g, BoundingBox crop) {
        Mapping m = mapping();
        if (m == null) {
            return;
        }
        if (crop != null) {
            g.setStroke(CROP);
            g.setLineWidth(1.5);
            g.setLineDashes(8, 5);
            g.strokeRect(m.toX(crop.x1()), m.toY(crop.y1()), crop.width() * m.sx(), crop.height() * m.sy());
            g.setLineDashes();
            g.setFill(CROP);
            g.setFont(LABEL_FONT);
            g.setTextBaseline(VPos.TOP);
            g.fillText("export crop", m.toX(crop.x1()) + 4, m.toY(crop.y2()) + 2);
        }
        if (draft != null) {
            g.setStroke(DRAFT);
            g.setLineWidth(2);
            g.setLineDashes(5, 3);
            g.strokeRect(m.toX(draft.x1()), m.toY(draft.y1()), draft.width() * m.sx(), draft.height() * m.sy());
            g.setLineDashes();
        }
    }

    private static double textWidth(String s) {
        Text t = new Text(s);
        t.setFont(LABEL_FONT);
        return t.getLayoutBounds().getWidth();
    }
}
