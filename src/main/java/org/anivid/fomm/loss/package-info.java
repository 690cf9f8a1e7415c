/**
 * The reconstruction losses of FOMM training ({@code GeneratorFullModel} of the official {@code modules/model.py}):
 * the multi-scale perceptual loss on torchvision's VGG19 ({@link org.anivid.fomm.loss.PerceptualLoss} over
 * {@link org.anivid.fomm.loss.Vgg19Features}), and the pyramid L1 loss ({@link org.anivid.fomm.loss.PyramidL1Loss})
 * for users without the VGG19 weights. {@link org.anivid.fomm.loss.ReconstructionLosses} picks one and finds the
 * weights in the model folders.
 */
package org.anivid.fomm.loss;
