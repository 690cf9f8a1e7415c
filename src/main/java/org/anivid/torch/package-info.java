/**
 * PyTorch interop without Python: {@link org.anivid.torch.TorchCheckpoint} reads {@code torch.save} files
 * (zip and legacy formats) safely, {@link org.anivid.torch.TorchTensor} gives their tensors to Java and DJL,
 * and {@link org.anivid.torch.StateDictLoader} copies a state dict into a DJL block.
 */
package org.anivid.torch;
