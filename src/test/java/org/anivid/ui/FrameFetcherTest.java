package org.anivid.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.anivid.media.FrameSize;
import org.anivid.media.FrameSource;
import org.anivid.media.ProxyBuilder;
import org.anivid.media.ProxyFormat;
import org.anivid.media.TestClips;
import org.anivid.media.VideoCodec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The viewer decodes from the seek proxy when it is given one, and from the original otherwise. */
class FrameFetcherTest {
    @TempDir
    static Path dir;
    static Path original;
    static Path proxy;

    @BeforeAll
    static void build() {
        original = TestClips.write(dir.resolve("episode.mp4"), 90, 320, 240, 300);
        proxy = dir.resolve("proxy.mp4");
        ProxyBuilder.build(original, proxy, dir.resolve("strip"),
                new ProxyFormat(VideoCodec.H264, "mp4", 160, 120, 8, 0.5, 0), ProxyBuilder.ProxyMode.ALWAYS, (d, t) -> { });
    }

    @Test
    void decodesFromTheProxyWhenPresent() throws Exception {
        AtomicReference<double[]> times = new AtomicReference<>();
        // No refinement here: each result must be the one for the request just made.
        try (FrameFetcher fetcher = new FrameFetcher(FrameSize.fit(1920, 1080), times::set, 0)) {
            fetcher.open(original, proxy);
            fetcher.request(57);
            FrameFetcher.Result r = await(fetcher);
            assertThat(r.error()).isNull();
            assertThat(r.path()).as("results name the original").isEqualTo(original);
            assertThat(r.fromProxy()).isTrue();
            assertThat(r.frame().index()).isEqualTo(57);
            assertThat(r.frame().image().width()).as("the proxy's picture").isEqualTo(160);
            assertThat(TestClips.number(r.frame().image())).isEqualTo(57);
            try (FrameSource s = FrameSource.open(original, FrameSize.fit(160, 120))) {
                assertThat(TestClips.meanAbsDiff(s.frame(57).image(), r.frame().image())).isLessThan(4.0);
                assertThat(times.get()).hasSize(90);
                assertThat(times.get()[57]).isCloseTo(s.timeOf(57), org.assertj.core.api.Assertions.within(1e-3));
            }

            // Without a proxy: the original, at full size.
            fetcher.open(original);
            fetcher.request(12);
            r = await(fetcher);
            assertThat(r.fromProxy()).isFalse();
            assertThat(r.frame().image().width()).isEqualTo(320);
            assertThat(TestClips.number(r.frame().image())).isEqualTo(12);

            // A proxy arriving while the episode is open takes over and re-shows the frame.
            fetcher.setProxy(original, proxy);
            r = await(fetcher);
            assertThat(r.fromProxy()).isTrue();
            assertThat(r.frame().index()).isEqualTo(12);
            assertThat(r.frame().image().width()).isEqualTo(160);
        }
    }

    @Test
    void anUnreadableProxyFallsBackToTheOriginal() throws Exception {
        Path broken = Files.writeString(dir.resolve("broken.mp4"), "not a video");
        try (FrameFetcher fetcher = new FrameFetcher(FrameSize.FULL, t -> { }, 0)) {
            fetcher.open(original, broken);
            fetcher.request(33);
            FrameFetcher.Result r = await(fetcher);
            assertThat(r.error()).isNull();
            assertThat(r.fromProxy()).isFalse();
            assertThat(r.frame().image().width()).isEqualTo(320);
            assertThat(TestClips.number(r.frame().image())).isEqualTo(33);
            fetcher.request(34);
            assertThat(TestClips.number(await(fetcher).frame().image())).isEqualTo(34);
        }
    }

    @Test
    void aPictureTheViewerRestsOnIsReplacedByTheOriginalsFullSizeFrame() throws Exception {
        try (FrameFetcher fetcher = new FrameFetcher(FrameSize.fit(1920, 1080), t -> { }, 50)) {
            fetcher.open(original, proxy);
            fetcher.request(40);
            FrameFetcher.Result first = await(fetcher);
            assertThat(first.fromProxy()).isTrue();
            assertThat(first.frame().image().width()).isEqualTo(160);
            FrameFetcher.Result refined = await(fetcher);
            assertThat(refined.fromProxy()).isFalse();
            assertThat(refined.path()).isEqualTo(original);
            assertThat(refined.frame().index()).isEqualTo(40);
            assertThat(refined.frame().image().width()).as("the original's size").isEqualTo(320);
            try (FrameSource s = FrameSource.open(original, FrameSize.fit(1920, 1080))) {
                assertThat(refined.frame().image().pixels()).isEqualTo(s.frame(40).image().pixels());
            }
            // Nothing more comes until the next request.
            Thread.sleep(200);
            assertThat(fetcher.poll()).isNull();
        }
    }

    private static FrameFetcher.Result await(FrameFetcher fetcher) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            FrameFetcher.Result r = fetcher.poll();
            if (r != null) {
                return r;
            }
            Thread.sleep(5);
        }
        throw new AssertionError("no frame within 30 s");
    }
}
