package org.anivid.fomm;

import ai.djl.ndarray.NDArray;

/**
 * What the generator returns (the official {@code output_dict}).
 *
 * @param prediction {@code (B, C, H, W)} the animated frame in (0, 1)
 * @param denseMotion the dense motion it used, or null for a generator without a dense motion network
 * @param deformed {@code (B, C, H, W)} the source warped by the dense deformation (for inspection; null unless asked
 *     for)
 */
public record GeneratorOutput(NDArray prediction, DenseMotion denseMotion, NDArray deformed) {
}
