package org.anivid.ui.timeline;

import java.util.Objects;
import javafx.scene.control.Control;
import javafx.scene.control.Skin;

/**
 * The curation timeline: ruler, shots, motion, faces and clips lanes over the visible part of the episode, a
 * mini-map of the whole episode, and the playhead. Click or drag to seek, drag the mini-map to move the view,
 * Ctrl/Cmd+scroll to zoom at the cursor, scroll to pan. All state lives in the {@link TimelineModel}; the
 * {@link TimelineSkin} only draws it and turns mouse input into the model's commands.
 */
public final class TimelineControl extends Control {
    private final TimelineModel model;

    public TimelineControl(TimelineModel model) {
        this.model = Objects.requireNonNull(model);
        getStyleClass().add("timeline");
        setId("timeline");
        setFocusTraversable(true);
    }

    private final javafx.beans.property.ObjectProperty<ThumbnailProvider> thumbnails =
            new javafx.beans.property.SimpleObjectProperty<>(this, "thumbnails");

    public TimelineModel model() {
        return model;
    }

    /** The thumbnail strip's pictures; null leaves the strip empty. */
    public javafx.beans.property.ObjectProperty<ThumbnailProvider> thumbnailsProperty() {
        return thumbnails;
    }

    /** The y, in this control, of the middle of the shots lane (where cuts are grabbed). */
    public double shotsLaneY() {
        return TimelineSkin.shotsTop() + TimelineSkin.SHOT_LANE / 2;
    }

    /** The y, in this control, of the middle of the clips lane (where clip edges are grabbed). */
    public double clipsLaneY() {
        return getHeight() - TimelineSkin.MINIMAP - TimelineSkin.GAP - TimelineSkin.CLIP_LANE / 2;
    }

    /** Asks for a redraw on the next pulse (a thumbnail provider calls it when pictures arrive). */
    public void requestRedraw() {
        if (getSkin() instanceof TimelineSkin skin) {
            skin.requestRedraw();
        }
    }

    @Override
    protected Skin<?> createDefaultSkin() {
        return new TimelineSkin(this);
    }
}
