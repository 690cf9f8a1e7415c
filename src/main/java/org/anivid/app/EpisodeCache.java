package org.anivid.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.anivid.core.Episode;
import org.anivid.core.InvalidInputException;
import org.anivid.jobs.Job;
import org.anivid.jobs.JobContext;
import org.anivid.library.Library;
import org.anivid.media.Filmstrip;
import org.anivid.media.ProxyBuilder;
import org.anivid.media.ProxyFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The per-episode seek cache in a library's {@code cache/} folder: the seek proxy
 * ({@code cache/proxies/<contentHash>.mp4}) that the viewer decodes instead of a long-GOP original, and the
 * timeline filmstrip ({@code cache/filmstrips/<contentHash>.strip}). Keyed by content hash, so a moved or renamed
 * file keeps its cache and a re-encoded one gets a new one. Both are made by one background job
 * ({@link #buildJob}) in one decode pass; afterwards opening the episode costs two small file reads.
 *
 * <p>Thread-safe: the look-ups only check files, which the build moves into place atomically.
 */
public final class EpisodeCache {
    private static final Logger log = LoggerFactory.getLogger(EpisodeCache.class);
    public static final String PROXY_FOLDER = "proxies";
    public static final String FILMSTRIP_FOLDER = "filmstrips";
    static final String FILMSTRIP_EXTENSION = "strip";

    private final Library library;
    private final Path cacheDir;
    private final ProxyFormat format;

    public EpisodeCache(Library library) {
        this(library, ProxyFormat.DEFAULT);
    }

    public EpisodeCache(Library library, ProxyFormat format) {
        this.library = library;
        this.cacheDir = library.cacheDir();
        this.format = format;
    }

    public ProxyFormat format() {
        return format;
    }

    /** Where the episode's proxy lives (whether or not it exists). */
    public Path proxyPath(Episode episode) {
        return cacheDir.resolve(PROXY_FOLDER).resolve(key(episode) + "." + format.extension());
    }

    /** Where the episode's filmstrip lives (whether or not it exists). */
    public Path filmstripPath(Episode episode) {
        return cacheDir.resolve(FILMSTRIP_FOLDER).resolve(key(episode) + "." + FILMSTRIP_EXTENSION);
    }

    /** The proxy to decode instead of the original, if one was built. */
    public Optional<Path> proxyFor(Episode episode) {
        Path p = proxyPath(episode);
        return Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
    }

    /** The filmstrip file, if one was built. */
    public Optional<Path> filmstripFor(Episode episode) {
        Path p = filmstripPath(episode);
        return Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
    }

    /** The filmstrip, read; empty when missing or unreadable (a damaged one is deleted so the next build remakes it). */
    public Optional<Filmstrip> filmstrip(Episode episode) {
        Optional<Path> p = filmstripFor(episode);
        if (p.isEmpty()) {
            return Optional.empty();
        }
        try {
            Filmstrip strip = Filmstrip.open(p.get());
            if (strip.frameCount() != episode.info().frames()) {
                throw new InvalidInputException(p.get(), "made for " + strip.frameCount() + " frames, the episode has "
                        + episode.info().frames());
            }
            return Optional.of(strip);
        } catch (InvalidInputException e) {
            log.warn("{}; it will be rebuilt", e.getMessage());
            deleteQuietly(p.get());
            return Optional.empty();
        }
    }

    /**
     * True when the build job has work to do: no filmstrip yet, or a filmstrip that says a proxy was made but the
     * proxy is gone. The studio queues {@link #buildJob} for an opened episode when this is true.
     */
    public boolean needsBuild(Episode episode) {
        Optional<Filmstrip> strip = filmstrip(episode);
        if (strip.isEmpty()) {
            return true;
        }
        return (strip.get().flags() & Filmstrip.FLAG_PROXY_BUILT) != 0 && proxyFor(episode).isEmpty();
    }

    /** The build as a recorded, cancellable job with progress (kind {@code cache} in the library's job runs). */
    public Job<ProxyBuilder.Result> buildJob(Episode episode) {
        return new RecordedJob<>(library, "cache", episode.path().toString(),
                ctx -> build(episode, ProxyBuilder.ProxyMode.AUTO, ctx));
    }

    /**
     * Builds the proxy (per {@code mode}) and the filmstrip now, on this thread. A proxy left from an earlier
     * build that this one decides against is removed, so the viewer never shows a stale picture.
     */
    public ProxyBuilder.Result build(Episode episode, ProxyBuilder.ProxyMode mode, JobContext ctx) {
        Path proxy = proxyPath(episode);
        Path strip = filmstripPath(episode);
        ProxyBuilder.sweepPartials(proxy.getParent());
        ProxyBuilder.sweepPartials(strip.getParent());
        ctx.message("proxy & filmstrip: " + episode.path().getFileName());
        ProxyBuilder.Result r = ProxyBuilder.build(episode.path(), proxy, strip, format, mode, (done, total) -> {
            ctx.checkCancelled();
            ctx.progress(done, total);
        });
        if (r.proxy() == null) {
            deleteQuietly(proxy);
        }
        return r;
    }

    /** Removes the episode's proxy and filmstrip. */
    public void delete(Episode episode) {
        deleteQuietly(proxyPath(episode));
        deleteQuietly(filmstripPath(episode));
    }

    private static String key(Episode episode) {
        String hash = episode.contentHash();
        if (hash == null || hash.isBlank() || !hash.matches("[0-9A-Za-z_-]+")) {
            throw new IllegalArgumentException("episode " + episode.id() + " has no usable content hash");
        }
        return hash;
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (java.io.IOException e) {
            log.debug("cannot delete {}: {}", p, e.getMessage());
        }
    }
}
