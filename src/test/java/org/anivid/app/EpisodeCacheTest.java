package org.anivid.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.anivid.core.Episode;
import org.anivid.core.JobRun;
import org.anivid.core.JobState;
import org.anivid.jobs.JobCancelledException;
import org.anivid.jobs.JobQueue;
import org.anivid.jobs.JobTracker;
import org.anivid.library.Library;
import org.anivid.media.FfmpegVideoProbe;
import org.anivid.media.Filmstrip;
import org.anivid.media.FrameSize;
import org.anivid.media.FrameSource;
import org.anivid.media.ProxyBuilder;
import org.anivid.media.ProxyFormat;
import org.anivid.media.TestClips;
import org.anivid.media.VideoCodec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EpisodeCacheTest {
    static final ProxyFormat SMALL = new ProxyFormat(VideoCodec.H264, "mp4", 160, 120, 8, 0.5, 0);

    @TempDir
    Path tmp;
    Library library;
    EpisodeCache cache;
    Episode episode;

    @BeforeEach
    void importClip() throws Exception {
        library = Library.open(tmp.resolve("lib"));
        cache = new EpisodeCache(library, SMALL);
        // 640×480 with one key frame in 200 frames: 61 MP of decoding for the worst seek, so a proxy is wanted.
        Path clip = TestClips.write(tmp.resolve("episode.mp4"), 200, 640, 480, 400);
        episode = new ImportService(library, new FfmpegVideoProbe()).importVideo(clip, "S",
                org.anivid.jobs.JobContext.silent());
    }

    @AfterEach
    void close() {
        library.close();
    }

    @Test
    void buildJobMakesProxyAndFilmstripKeyedByContent() throws Exception {
        assertThat(cache.needsBuild(episode)).isTrue();
        assertThat(cache.proxyFor(episode)).isEmpty();
        ProxyBuilder.Result r = JobQueue.runNow("cache", cache.buildJob(episode));
        assertThat(r.proxy()).isNotNull();
        Path proxy = cache.proxyFor(episode).orElseThrow();
        assertThat(proxy).isEqualTo(library.cacheDir().resolve("proxies").resolve(episode.contentHash() + ".mp4"));
        assertThat(cache.filmstripFor(episode)).contains(
                library.cacheDir().resolve("filmstrips").resolve(episode.contentHash() + ".strip"));
        assertThat(cache.needsBuild(episode)).isFalse();
        Filmstrip strip = cache.filmstrip(episode).orElseThrow();
        assertThat(strip.frameCount()).isEqualTo(200);
        assertThat(strip.flags()).isEqualTo(Filmstrip.FLAG_PROXY_BUILT);
        try (FrameSource p = FrameSource.open(proxy, FrameSize.FULL)) {
            assertThat(p.frameCount()).isEqualTo(200);
            assertThat(TestClips.number(p.frame(123).image())).isEqualTo(123);
        }
        assertThat(cacheRuns()).containsExactly(JobState.SUCCEEDED);

        // The same content at another path (a moved file) finds the same cache.
        Path moved = Files.move(episode.path(), tmp.resolve("moved.mp4"));
        Episode elsewhere = new Episode(episode.id(), episode.seriesId(), episode.title(), moved, episode.contentHash(),
                episode.info(), episode.importedAt());
        assertThat(cache.proxyFor(elsewhere)).contains(proxy);
        assertThat(cache.needsBuild(elsewhere)).isFalse();

        // A lost proxy is noticed.
        Files.delete(proxy);
        assertThat(cache.needsBuild(elsewhere)).isTrue();
    }

    @Test
    void cancelledBuildLeavesNoFiles() throws Exception {
        // The user presses cancel while frame 40 is being encoded (the tracker is what the job queue hands the job).
        JobTracker tracker = new JobTracker("cache") {
            @Override
            public void progress(long done, long total) {
                super.progress(done, total);
                if (done == 40) {
                    cancel();
                }
            }
        };
        assertThatThrownBy(() -> cache.buildJob(episode).run(tracker)).isInstanceOf(JobCancelledException.class);
        assertThat(tracker.snapshot().done()).isEqualTo(40);
        assertThat(filesUnder(library.cacheDir())).as("files in the cache after a cancelled build").isEmpty();
        assertThat(cache.needsBuild(episode)).isTrue();
        assertThat(cacheRuns()).containsExactly(JobState.CANCELLED);
    }

    @Test
    void crashedBuildLeavesNoFilesAndAStaleTemporaryIsSwept() throws Exception {
        Path proxies = Files.createDirectories(library.cacheDir().resolve("proxies"));
        // What a killed process leaves: a hidden partial file under a pid that no longer runs.
        Path stale = Files.writeString(proxies.resolve("." + episode.contentHash() + ".mp4.partial-999999999-1.mp4"), "x");
        JobTracker crashing = new JobTracker("cache") {
            @Override
            public void progress(long done, long total) {
                if (done == 100) {
                    throw new IllegalStateException("simulated crash");
                }
            }
        };
        assertThatThrownBy(() -> cache.build(episode, ProxyBuilder.ProxyMode.AUTO, crashing))
                .hasMessageContaining("simulated crash");
        assertThat(stale).doesNotExist();
        assertThat(filesUnder(library.cacheDir())).isEmpty();
    }

    @Test
    void seekFriendlyEpisodeGetsOnlyAFilmstripAndIsNotRebuilt() throws Exception {
        Path small = TestClips.write(tmp.resolve("small.mp4"), 30, 320, 240, 6);
        Episode e = new ImportService(library, new FfmpegVideoProbe()).importVideo(small, "S",
                org.anivid.jobs.JobContext.silent());
        // A proxy left from an earlier build under other rules is removed, never shown stale.
        Path old = Files.createDirectories(cache.proxyPath(e).getParent()).resolve(cache.proxyPath(e).getFileName());
        Files.writeString(old, "stale");
        ProxyBuilder.Result r = JobQueue.runNow("cache", cache.buildJob(e));
        assertThat(r.proxy()).isNull();
        assertThat(r.proxyDecision()).contains("<=");
        assertThat(cache.proxyFor(e)).isEmpty();
        assertThat(cache.filmstrip(e).orElseThrow().flags()).isEqualTo(Filmstrip.FLAG_NO_PROXY_NEEDED);
        assertThat(cache.needsBuild(e)).isFalse();
    }

    @Test
    void damagedFilmstripIsDroppedAndRebuilt() throws Exception {
        JobQueue.runNow("cache", cache.buildJob(episode));
        Path strip = cache.filmstripFor(episode).orElseThrow();
        byte[] bytes = Files.readAllBytes(strip);
        Files.write(strip, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        assertThat(cache.filmstrip(episode)).isEmpty();
        assertThat(strip).doesNotExist();
        assertThat(cache.needsBuild(episode)).isTrue();
    }

    private List<JobState> cacheRuns() {
        return library.jobRuns().list().stream().filter(r -> r.kind().equals("cache")).map(JobRun::state).toList();
    }

    private static List<Path> filesUnder(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).toList();
        }
    }
}
