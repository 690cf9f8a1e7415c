/**
 * FOMM's equivariance constraint for training (paper §3.3, official {@code modules/model.py}): the random affine +
 * TPS deformation {@link org.anivid.fomm.equivariance.RandomTransform} with its jacobian in closed form, and the value
 * and jacobian losses {@link org.anivid.fomm.equivariance.EquivarianceLoss}.
 */
package org.anivid.fomm.equivariance;
