package org.anivid.core;

/**
 * One decoded frame: its index in decode order (from 0, DESIGN.md §3), its presentation time and its picture.
 */
public record VideoFrame(int index, double timeSeconds, RgbImage image) {
}
