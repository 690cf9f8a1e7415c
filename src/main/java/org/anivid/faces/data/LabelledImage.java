package org.anivid.faces.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.anivid.core.BoundingBox;
import org.anivid.core.RgbImage;

/**
 * One training or validation picture with its face boxes ({@code [x1, y1, x2, y2]} in the picture's pixels,
 * DESIGN.md §3), in the studio's face box convention: forehead hairline under the bangs to the chin tip, ear to ear
 * (as {@code org.anivid.demo.DemoTruth} defines it for the demo episode). An empty list means "no face here".
 *
 * @param origin where it came from: {@code "synthetic:<seed>"} (drawn by {@link SyntheticSet}),
 *               {@code "pseudo:<file>#<frame>"} (teachers agreed, {@link PseudoLabeller}),
 *               {@code "manual:<episode>#<frame>"} (drawn or corrected by the animator), {@code "silver:<file>"}
 *               (reference boxes of another detector, {@link RealReference}). See {@link #source()}.
 */
public record LabelledImage(RgbImage image, List<BoundingBox> boxes, String origin) {
    public LabelledImage {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(origin, "origin");
        boxes = List.copyOf(Objects.requireNonNull(boxes, "boxes"));
    }

    /**
     * The source this picture shares with others: the origin without a trailing {@code #<frame>} (so every frame of
     * one video has the same source), or the whole origin when it names no frame. {@link Splits} never puts one source
     * on both sides of a split.
     */
    public String source() {
        return sourceOf(origin);
    }

    /** {@link #source()} of an origin string. */
    public static String sourceOf(String origin) {
        int hash = origin.lastIndexOf('#');
        if (hash < 0 || hash == origin.length() - 1) {
            return origin;
        }
        for (int i = hash + 1; i < origin.length(); i++) {
            if (!Character.isDigit(origin.charAt(i))) {
                return origin;
            }
        }
        return origin.substring(0, hash);
    }

    /**
     * The same picture with every box clipped to the picture, and boxes that are then thinner or lower than
     * {@code minSide} pixels (or not finite) left out: what a box drawn partly outside the frame can teach.
     */
    public LabelledImage clippedToImage(float minSide) {
        List<BoundingBox> kept = new ArrayList<>();
        for (BoundingBox b : boxes) {
            BoundingBox c = new BoundingBox(Math.max(0, b.x1()), Math.max(0, b.y1()), Math.min(image.width(), b.x2()),
                    Math.min(image.height(), b.y2()));
            if (Float.isFinite(c.x1() + c.y1() + c.x2() + c.y2()) && c.x2() - c.x1() >= minSide
                    && c.y2() - c.y1() >= minSide) {
                kept.add(c);
            }
        }
        return kept.equals(boxes) ? this : new LabelledImage(image, kept, origin);
    }
}
