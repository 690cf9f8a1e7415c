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

    public TimelineModel model() {
        return model;
    }

    @Override
    protected Skin<?> createDefaultSkin() {
        return new TimelineSkin(this);
    }
}
