package org.anivid.fomm.train;

import java.util.List;

/**
 * PyTorch's {@code MultiStepLR(milestones, gamma=0.1)} stepped once per epoch, as the official {@code train.py} does:
 * in epoch {@code e} (from 0) the rate is {@code base · 0.1^k}, k = the number of milestones ≤ e.
 */
public record LearningRateSchedule(double base, List<Integer> milestones, double gamma) {

    public LearningRateSchedule {
        milestones = List.copyOf(milestones);
    }

    public static LearningRateSchedule official(double base, List<Integer> milestones) {
        return new LearningRateSchedule(base, milestones, 0.1);
    }

    public double at(long epoch) {
        int passed = 0;
        for (int milestone : milestones) {
            if (milestone <= epoch) {
                passed++;
            }
        }
        return base * Math.pow(gamma, passed);
    }
}
