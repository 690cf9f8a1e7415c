package org.anivid.fomm.train;

import java.io.IOException;
import java.nio.file.Path;

/** Opens the package-private training fixtures to the panel's view-model test in {@code ui}. */
public final class TrainingPanelFixture {
    private TrainingPanelFixture() {
    }

    /** Generated clips in FOMM's layout and the tiny config, under {@code dir}; returns {data, config}. */
    public static Path[] dataAndConfig(Path dir) throws IOException {
        return new Path[] {TrainingFixtures.dataset(dir.resolve("data"), 4, 1, 6), TrainingFixtures.tinyConfig(dir)};
    }
}
