package org.anivid.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.anivid.TestData;
import org.anivid.core.RgbImage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The seek proxy is frame-for-frame the episode: same count, order and times, close pictures, short GOP. */
class ProxyBuilderTest {
    /** Small proxy so the test stays fast: 320×240 clip → 160×120 proxy, key frame every 8. */
    static final ProxyFormat SMALL = new ProxyFormat(VideoCodec.H264, "mp4", 160, 120, 8, 0.5, 0);
    static final int FRAMES = 150;

    @TempDir
    static Path dir;
    static Path clip;

    @BeforeAll
    static void writeClip() {
        // One key frame for the whole clip: the case a proxy exists for.
        clip = TestClips.write(dir.resolve("clip.mp4"), FRAMES, 320, 240, 300);
    }

    @Test
    void proxyFramesAreTheOriginalFramesInOrder() {
        Path proxy = dir.resolve("cache/proxies/p.mp4");
        Path strip = dir.resolve("cache/filmstrips/p.strip");
        ProxyBuilder.Result r = ProxyBuilder.build(clip, proxy, strip, SMALL, ProxyBuilder.ProxyMode.ALWAYS, (d, t) -> { });
        assertThat(r.proxy()).isEqualTo(proxy);
        assertThat(r.frames()).isEqualTo(FRAMES);
        assertThat(r.proxyWidth()).isEqualTo(160);
        assertThat(r.proxyHeight()).isEqualTo(120);
        assertThat(proxy).isRegularFile();
        try (FrameSource original = FrameSource.open(clip, FrameSize.fit(160, 120));
             FrameSource p = FrameSource.open(proxy, FrameSize.fit(160, 120))) {
            assertThat(original.maxKeyframeDistance()).as("the test clip is long-GOP").isGreaterThan(100);
            assertThat(p.frameCount()).isEqualTo(original.frameCount());
            assertThat(p.width()).isEqualTo(160);
            assertThat(p.maxKeyframeDistance()).isLessThanOrEqualTo(SMALL.gop());
            // Random order, as the viewer seeks; then every frame in sequence.
            Random random = new Random(3);
            for (int i = 0; i < 40; i++) {
                int n = random.nextInt(FRAMES);
                assertSameFrame(original.frame(n).image(), p.frame(n).image(), n);
                assertThat(p.timeOf(n)).as("time of frame %d", n).isCloseTo(original.timeOf(n), within(1e-3));
            }
            for (int n = 0; n < FRAMES; n++) {
                RgbImage mine = p.frame(n).image();
                assertThat(TestClips.number(mine)).as("number drawn on proxy frame %d", n).isEqualTo(n);
            }
            // The comparison can tell neighbours apart: frame n is far closer to n than to n+1.
            RgbImage a = original.frame(60).image();
            assertThat(TestClips.meanAbsDiff(a, p.frame(61).image()))
                    .isGreaterThan(3 * TestClips.meanAbsDiff(a, p.frame(60).image()));
        }
    }

    private static void assertSameFrame(RgbImage original, RgbImage proxy, int n) {
        assertThat(TestClips.number(original)).as("number on original frame %d", n).isEqualTo(n);
        assertThat(TestClips.number(proxy)).as("number on proxy frame %d", n).isEqualTo(n);
        assertThat(TestClips.meanAbsDiff(original, proxy)).as("mean abs diff of frame %d", n).isLessThan(4.0);
    }

    @Test
    void filmstripOnlyWritesNoProxy() {
        Path proxy = dir.resolve("none/p.mp4");
        Path strip = dir.resolve("none/s.strip");
        ProxyBuilder.Result r = ProxyBuilder.build(clip, proxy, strip, SMALL, ProxyBuilder.ProxyMode.NEVER, (d, t) -> { });
        assertThat(r.proxy()).isNull();
        assertThat(proxy).doesNotExist();
        assertThat(Filmstrip.open(strip).flags()).isEqualTo(Filmstrip.FLAG_NO_PROXY_NEEDED);
    }

    @Test
    void seekFriendlyFilesNeedNoProxy() {
        Path shortGop = TestClips.write(dir.resolve("short-gop.mp4"), 40, 320, 240, 8);
        try (FrameSource s = FrameSource.open(shortGop, FrameSize.fitWidth(64))) {
            assertThat(s.maxKeyframeDistance()).isLessThanOrEqualTo(8);
            assertThat(ProxyBuilder.needsProxy(s.info(), s.maxKeyframeDistance())).isFalse();
        }
        try (FrameSource s = FrameSource.open(clip, FrameSize.fitWidth(64))) {
            assertThat(ProxyBuilder.needsProxy(s.info(), s.maxKeyframeDistance())).isFalse(); // 150 × 0.077 MP
        }
        org.anivid.core.VideoInfo hd = new org.anivid.core.VideoInfo(clip, "mp4", "h264", 1920, 1080, 0, 24, 40_000,
                1666, false, false, 1);
        assertThat(ProxyBuilder.needsProxy(hd, 250)).isTrue();
        assertThat(ProxyBuilder.needsProxy(hd, 5)).isFalse();
    }

    @Test
    void failingMidwayLeavesNoFile() throws IOException {
        Path folder = dir.resolve("crash");
        Path proxy = folder.resolve("p.mp4");
        Path strip = folder.resolve("s.strip");
        assertThatThrownBy(() -> ProxyBuilder.build(clip, proxy, strip, SMALL, ProxyBuilder.ProxyMode.ALWAYS,
                (done, total) -> {
                    if (done == 50) {
                        throw new IllegalStateException("simulated crash");
                    }
                })).hasMessageContaining("simulated crash");
        try (Stream<Path> files = Files.list(folder)) {
            assertThat(files.toList()).as("files left in %s", folder).isEmpty();
        }
    }

    @Test
    void stalePartialsOfDeadProcessesAreSwept() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("sweep"));
        Path dead = Files.writeString(folder.resolve(".x.mp4.partial-999999999-1a.mp4"), "half");
        Path mine = Files.writeString(folder.resolve(".y.mp4.partial-" + ProcessHandle.current().pid() + "-2b.mp4"), "busy");
        Path kept = Files.writeString(folder.resolve("z.mp4"), "done");
        assertThat(ProxyBuilder.sweepPartials(folder)).isEqualTo(1);
        assertThat(dead).doesNotExist();
        assertThat(List.of(mine, kept)).allMatch(Files::exists);
    }

    /** Rotation metadata is applied while building: the proxy is upright and carries no rotation itself. */
    @Test
    void rotatedVideoGivesAnUprightProxy() {
        Path rotated = TestData.file("videos/pyscenedetect/issue-134-rotate.mp4");
        Path proxy = dir.resolve("rot/p.mp4");
        ProxyBuilder.build(rotated, proxy, dir.resolve("rot/s.strip"), SMALL, ProxyBuilder.ProxyMode.ALWAYS, (d, t) -> { });
        try (FrameSource original = FrameSource.open(rotated, FrameSize.fit(160, 120));
             FrameSource p = FrameSource.open(proxy, FrameSize.fit(160, 120))) {
            assertThat(original.info().rotation()).isNotZero();
            assertThat(p.info().rotation()).isZero();
            assertThat(p.width()).isEqualTo(original.width());
            assertThat(p.height()).isEqualTo(original.height());
            for (int n : new int[] {0, 77, original.frameCount() - 1}) {
                assertThat(TestClips.meanAbsDiff(original.frame(n).image(), p.frame(n).image())).as("frame %d", n)
                        .isLessThan(6.0);
            }
        }
    }

    /** A variable-frame-rate episode keeps every frame's time in its proxy. */
    @Test
    void variableFrameRateTimesAreKept() {
        Path vfr = TestData.file("videos/pyscenedetect/goldeneye-vfr-drop3.mp4");
        Path proxy = dir.resolve("vfr/p.mp4");
        ProxyBuilder.build(vfr, proxy, dir.resolve("vfr/s.strip"), SMALL, ProxyBuilder.ProxyMode.ALWAYS, (d, t) -> { });
        try (FrameSource original = FrameSource.open(vfr, FrameSize.fitWidth(64));
             FrameSource p = FrameSource.open(proxy, FrameSize.fitWidth(64))) {
            assertThat(original.info().variableFrameRate()).isTrue();
            assertThat(p.frameCount()).isEqualTo(original.frameCount());
            for (int n = 0; n < original.frameCount(); n++) {
                assertThat(p.timeOf(n)).as("time of frame %d", n).isCloseTo(original.timeOf(n), within(1e-3));
            }
        }
    }
}
