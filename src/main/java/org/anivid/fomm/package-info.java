/**
 * The First Order Motion Model (Siarohin et al. 2019) in DJL, module for module as the official PyTorch code
 * ({@code AliaksandrSiarohin/first-order-model}) so that its YAML configs ({@link org.anivid.fomm.FommConfig}) and
 * checkpoints load by name: {@link org.anivid.fomm.KeypointDetector}, {@link org.anivid.fomm.DenseMotionNetwork},
 * {@link org.anivid.fomm.OcclusionAwareGenerator}, {@code normalize_kp} as {@link org.anivid.fomm.KeypointNormalizer},
 * and {@link org.anivid.fomm.FommModel} as the entry point. Decision 0011 explains the choices.
 */
package org.anivid.fomm;
