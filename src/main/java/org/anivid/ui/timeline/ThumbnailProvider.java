package org.anivid.ui.timeline;

import javafx.scene.image.Image;

/**
 * Pictures for the timeline's thumbnail strip. The timeline asks for many frames per draw, so {@link #nearest}
 * must answer from memory; a provider that still has to decode or read a picture returns what it has (or null) and
 * asks the timeline to redraw once the picture is ready.
 */
public interface ThumbnailProvider {
    /** The picture nearest to {@code frame} that is ready now, or null. */
    Image nearest(int frame);

    /** Width over height of the pictures. */
    double aspect();
}
