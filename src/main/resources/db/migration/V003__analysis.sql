-- V003: results of the analysis passes (shots + motion).
-- Per-frame score series (shot-boundary score, motion score) for the timeline, as little-endian float32 blobs:
-- one row per episode and kind, replaced as a whole when the analysis runs again.
CREATE TABLE frame_series (
    episode_id INTEGER NOT NULL REFERENCES episodes (id) ON DELETE CASCADE,
    kind       TEXT    NOT NULL,
    source     TEXT    NOT NULL,
    parameters TEXT    NOT NULL DEFAULT '{}',
    frames     INTEGER NOT NULL CHECK (frames >= 0),
    data       BLOB    NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (episode_id, kind)
);

-- Motion statistics of each shot (DVR-Scan scale: 255 x fraction of moving pixels). Goes with its shot.
CREATE TABLE shot_motion (
    shot_id        INTEGER PRIMARY KEY REFERENCES shots (id) ON DELETE CASCADE,
    mean_score     REAL    NOT NULL,
    max_score      REAL    NOT NULL,
    fraction_above REAL    NOT NULL,
    threshold      REAL    NOT NULL
);
