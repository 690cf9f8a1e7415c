package org.anivid.fomm.data;

import java.util.List;
import java.util.Objects;

/**
 * The colour jitter of one sample, applied identically to its two frames: torchvision's {@code ColorJitter}
 * factors and the random order of its four operations, as the official {@code augmentation.ColorJitter} draws them.
 *
 * @param brightness in {@code [max(0, 1 - b), 1 + b]}
 * @param contrast in {@code [max(0, 1 - c), 1 + c]}
 * @param saturation in {@code [max(0, 1 - s), 1 + s]}
 * @param hue in {@code [-h, h]}, in turns of the colour wheel
 * @param order the order the four operations run in
 */
public record Jitter(double brightness, double contrast, double saturation, double hue, List<Op> order) {
    /** The four operations, in the order the official code lists them before shuffling. */
    public enum Op {
        BRIGHTNESS, SATURATION, HUE, CONTRAST
    }

    public Jitter {
        order = List.copyOf(Objects.requireNonNull(order, "order"));
        if (order.size() != 4 || order.stream().distinct().count() != 4) {
            throw new IllegalArgumentException("jitter order must list each operation once: " + order);
        }
        if (!(Math.abs(hue) <= 0.5)) {
            throw new IllegalArgumentException("hue factor must lie in [-0.5, 0.5], not " + hue);
        }
    }
}
