package org.anivid.core;

/**
 * Motion inside one shot, on DVR-Scan's scale (255 × fraction of moving pixels): mean and max of the per-frame
 * scores and the fraction of frames whose score passes {@code threshold}.
 */
public record ShotMotion(long shotId, double mean, double max, double fractionAbove, double threshold) {
}
