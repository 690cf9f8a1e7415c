/**
 * PyTorch interop without Python: {@link org.anivid.torch.TorchCheckpoint} reads {@code torch.save} files
 * (zip and legacy formats) safely, {@link org.anivid.torch.TorchTensor} gives their tensors to Java and DJL,
 * and {@link org.anivid.torch.StateDictLoader} copies a state dict into a DJL block.
 *
 * <p>DJL building blocks written the PyTorch way ({@link org.anivid.torch.FixedShapeBlock}: parameter shapes fixed
 * at construction, PyTorch names and initialisation): {@link org.anivid.torch.Conv2dLayer},
 * {@link org.anivid.torch.BatchNorm2dLayer}, {@link org.anivid.torch.ModuleList},
 * {@link org.anivid.torch.AntiAliasInterpolation2d}; and the functions DJL lacks, differentiable:
 * {@link org.anivid.torch.GridSample} ({@code F.grid_sample}), {@link org.anivid.torch.Interpolation}
 * ({@code F.interpolate}), {@link org.anivid.torch.CoordinateGrid}; {@link org.anivid.torch.NoGrad} for inference.
 */
package org.anivid.torch;
