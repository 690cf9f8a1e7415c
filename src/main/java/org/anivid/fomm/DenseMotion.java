package org.anivid.fomm;

import ai.djl.ndarray.NDArray;

/**
 * What the dense motion network predicts (the official {@code out_dict}), at its working resolution (the source
 * scaled by {@code scale_factor}).
 *
 * @param mask {@code (B, K+1, h, w)} softmax weights of the background and each keypoint's motion
 * @param deformation {@code (B, h, w, 2)} grid that samples the source for each pixel of the driving frame
 * @param occlusionMap {@code (B, 1, h, w)} in (0, 1), or null without {@code estimate_occlusion_map}
 * @param sparseDeformed {@code (B, K+1, C, h, w)} the source warped by each keypoint's motion alone
 */
public record DenseMotion(NDArray mask, NDArray deformation, NDArray occlusionMap, NDArray sparseDeformed) {
}
