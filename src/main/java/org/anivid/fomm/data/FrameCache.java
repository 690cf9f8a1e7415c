package org.anivid.fomm.data;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.anivid.core.RgbImage;

/**
 * Decoded clips at model size, up to a byte budget, filled first come first served and never evicted: training
 * draws clips uniformly at random, so when the data does not fit, any eviction policy (LRU included) keeps the
 * same share of hits, budget / data, and only adds whole-clip decodes that a two-frame read avoids. Thread-safe.
 */
final class FrameCache {
    private final long budget;
    private final Map<Path, RgbImage[]> clips = new HashMap<>();
    private long used;
    private long hits;
    private long decodes;
    private long directReads;
    private boolean closed;

    FrameCache(long budget) {
        this.budget = budget;
    }

    /** Counters since the cache was made. */
    record Stats(long hits, long wholeClipDecodes, long directReads, long bytes, int clips) {
    }

    static long bytesOf(int frames, int height, int width) {
        return (long) frames * height * width * 3;
    }

    synchronized RgbImage[] get(Path clip) {
        RgbImage[] frames = clips.get(clip);
        if (frames != null) {
            hits++;
        }
        return frames;
    }

    /** Reserves room for a clip about to be decoded whole; false when it does not fit (read two frames instead). */
    synchronized boolean reserve(long bytes) {
        if (closed || used + bytes > budget) {
            directReads++;
            return false;
        }
        used += bytes;
        decodes++;
        return true;
    }

    /** Gives back a reservation whose decode failed. */
    synchronized void release(long bytes) {
        used -= bytes;
    }

    /** Stores a decoded clip under its reservation (another thread may have stored it first: then the room is freed). */
    synchronized void put(Path clip, RgbImage[] frames, long reserved) {
        if (closed) {
            used = 0;
        } else if (clips.putIfAbsent(clip, frames) != null) {
            used -= reserved;
        }
    }

    /** Drops every clip; nothing is stored afterwards. */
    synchronized void close() {
        closed = true;
        clips.clear();
        used = 0;
    }

    synchronized Stats stats() {
        return new Stats(hits, decodes, directReads, used, clips.size());
    }
}
