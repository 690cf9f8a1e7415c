package org.anivid.dataset;

/**
 * A clip as it lies in the new export: its plan, its timing in the source, and whether its file was kept
 * from the previous export.
 */
record ExportedClip(ClipPlan plan, double startSeconds, double endSeconds, double fps, boolean reused) {
    int frames() {
        return plan.frames();
    }

    double durationSeconds() {
        return Math.max(0, endSeconds - startSeconds);
    }

    ExportManifest.Entry manifestEntry() {
        return new ExportManifest.Entry(plan.fingerprint(), plan.split().folder(), plan.relativePath(), frames(),
                startSeconds, endSeconds, fps);
    }
}
