package org.anivid.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.anivid.media.FrameSource;
import org.junit.jupiter.api.Test;

/**
 * The committed copy in {@code assets/demo/} is what the generator produces now: the truth byte for byte, the
 * video picture for picture (up to codec loss), so the asset cannot drift from the code.
 */
class DemoAssetTest {
    static Path repo() {
        String property = System.getProperty("anivid.repo");
        return property != null ? Path.of(property) : Path.of("").toAbsolutePath();
    }

    private final Path assets = repo().resolve("assets/demo");

    @Test
    void committedTruthIsWhatTheGeneratorWritesNow() throws IOException {
        Path file = assets.resolve(DemoEpisodeGenerator.TRUTH_FILE);
        assertThat(file).as("run DemoEpisodeGenerator assets/demo to create it").isRegularFile();
        assertThat(Files.readString(file, StandardCharsets.UTF_8))
                .as("assets/demo/truth.json is stale: regenerate it (see assets/demo/README.md)")
                .isEqualTo(new DemoEpisodeGenerator().truth().toJson());
    }

    @Test
    void committedVideoShowsTheSameEpisode() {
        DemoEpisodeGenerator generator = new DemoEpisodeGenerator();
        DemoTruth truth = generator.truth();
        try (FrameSource source = FrameSource.open(assets.resolve(DemoEpisodeGenerator.VIDEO_FILE))) {
            assertThat(source.frameCount()).isEqualTo(truth.frameCount());
            assertThat(source.info().fps()).isEqualTo(truth.fps());
            for (int f : new int[] {5, 65, 66, 100, 137, 175, 240, 276, 330, 400, 479}) {
                assertThat(GeneratedDemo.psnr(source.frame(f).image(), generator.renderFrame(f)))
                        .as("PSNR of committed frame %d against the drawing", f).isGreaterThan(30);
            }
        }
    }

    @Test
    void theFolderIsSmallAndDocumented() throws IOException {
        assertThat(Files.size(assets.resolve(DemoEpisodeGenerator.VIDEO_FILE))).isLessThanOrEqualTo(3_000_000L);
        long total;
        try (Stream<Path> files = Files.walk(assets)) {
            total = files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
        assertThat(total).isLessThan(4L << 20);
        String readme = Files.readString(assets.resolve("README.md"), StandardCharsets.UTF_8);
        assertThat(readme).contains("truth.json", "org.anivid.demo.DemoEpisodeGenerator", "cuts", "boxes");
    }
}
