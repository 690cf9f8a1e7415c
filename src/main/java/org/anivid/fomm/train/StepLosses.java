package org.anivid.fomm.train;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The loss terms of one training step, already weighted as in the official {@code model.py}.
 *
 * @param reconstructionName which reconstruction loss ran: {@code perceptual-vgg19} or {@code pyramid-l1}
 */
public record StepLosses(String reconstructionName, double reconstruction, double equivarianceValue,
        double equivarianceJacobian) {

    public double total() {
        return reconstruction + equivarianceValue + equivarianceJacobian;
    }

    /** The terms by the names the official logger uses ({@code perceptual}, {@code equivariance_value}, …). */
    public Map<String, Double> byName() {
        Map<String, Double> map = new LinkedHashMap<>();
        map.put(reconstructionName.startsWith("perceptual") ? "perceptual" : "pyramid_l1", reconstruction);
        map.put("equivariance_value", equivarianceValue);
        map.put("equivariance_jacobian", equivarianceJacobian);
        map.put("total", total());
        return map;
    }
}
