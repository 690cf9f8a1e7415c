package org.anivid.dataset;

/**
 * How each clip is stored: an {@code .mp4} file (H.264, near-lossless) or a folder of lossless {@code .png}
 * frames. FOMM's loader reads both.
 */
public enum ExportFormat {
    MP4, PNG
}
