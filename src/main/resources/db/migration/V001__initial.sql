-- V001: the initial AniVid library schema.
-- Times are epoch milliseconds (UTC, INTEGER); flags are INTEGER 0/1; frame ranges are [start_frame, end_frame).

CREATE TABLE series (
    id   INTEGER PRIMARY KEY,
    name TEXT    NOT NULL UNIQUE
);

CREATE TABLE episodes (
    id           INTEGER PRIMARY KEY,
    series_id    INTEGER NOT NULL REFERENCES series (id),
    title        TEXT    NOT NULL,
    path         TEXT    NOT NULL,
    content_hash TEXT    NOT NULL UNIQUE,
    container    TEXT,
    codec        TEXT,
    width        INTEGER NOT NULL,
    height       INTEGER NOT NULL,
    rotation     INTEGER NOT NULL DEFAULT 0,
    fps          REAL    NOT NULL,
    frame_count  INTEGER NOT NULL,
    duration_s   REAL    NOT NULL,
    vfr          INTEGER NOT NULL DEFAULT 0 CHECK (vfr IN (0, 1)),
    has_audio    INTEGER NOT NULL DEFAULT 0 CHECK (has_audio IN (0, 1)),
    size_bytes   INTEGER NOT NULL,
    imported_at  INTEGER NOT NULL
);

CREATE TABLE shots (
    id          INTEGER PRIMARY KEY,
    episode_id  INTEGER NOT NULL REFERENCES episodes (id) ON DELETE CASCADE,
    start_frame INTEGER NOT NULL CHECK (start_frame >= 0),
    end_frame   INTEGER NOT NULL CHECK (end_frame >= start_frame),
    source      TEXT    NOT NULL CHECK (source = 'manual' OR source GLOB 'auto:?*'),
    usable      INTEGER NOT NULL DEFAULT 1 CHECK (usable IN (0, 1))
);

-- Links to shots and tracks are SET NULL, not CASCADE: re-running a detector replaces automatic shots and
-- tracks, and that must never delete what hangs off them (manual boxes, clips a person decided).
CREATE TABLE face_tracks (
    id          INTEGER PRIMARY KEY,
    episode_id  INTEGER NOT NULL REFERENCES episodes (id) ON DELETE CASCADE,
    shot_id     INTEGER REFERENCES shots (id) ON DELETE SET NULL,
    start_frame INTEGER NOT NULL CHECK (start_frame >= 0),
    end_frame   INTEGER NOT NULL CHECK (end_frame >= start_frame),
    source      TEXT    NOT NULL
);

CREATE TABLE face_boxes (
    id         INTEGER PRIMARY KEY,
    episode_id INTEGER NOT NULL REFERENCES episodes (id) ON DELETE CASCADE,
    track_id   INTEGER REFERENCES face_tracks (id) ON DELETE SET NULL,
    frame      INTEGER NOT NULL CHECK (frame >= 0),
    x1         REAL    NOT NULL,
    y1         REAL    NOT NULL,
    x2         REAL    NOT NULL,
    y2         REAL    NOT NULL,
    score      REAL    NOT NULL,
    manual     INTEGER NOT NULL DEFAULT 0 CHECK (manual IN (0, 1))
);

CREATE INDEX face_boxes_episode_frame ON face_boxes (episode_id, frame);

CREATE TABLE clips (
    id          INTEGER PRIMARY KEY,
    episode_id  INTEGER NOT NULL REFERENCES episodes (id) ON DELETE CASCADE,
    shot_id     INTEGER REFERENCES shots (id) ON DELETE SET NULL,
    track_id    INTEGER REFERENCES face_tracks (id) ON DELETE SET NULL,
    start_frame INTEGER NOT NULL CHECK (start_frame >= 0),
    end_frame   INTEGER NOT NULL CHECK (end_frame >= start_frame),
    status      TEXT    NOT NULL CHECK (status IN ('proposed', 'accepted', 'rejected')),
    reason      TEXT,
    manual      INTEGER NOT NULL DEFAULT 0 CHECK (manual IN (0, 1)),
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
);

-- The decision log outlives the episodes it talks about, so episode_id is deliberately not a foreign key
-- (a cascading delete would also collide with the append-only triggers below).
CREATE TABLE decisions (
    id          INTEGER PRIMARY KEY,
    at          INTEGER NOT NULL,
    episode_id  INTEGER,
    kind        TEXT    NOT NULL,
    target      TEXT,
    before_json TEXT,
    after_json  TEXT,
    reverts_id  INTEGER REFERENCES decisions (id)
);

CREATE TRIGGER decisions_no_update BEFORE UPDATE ON decisions
BEGIN
    SELECT RAISE(ABORT, 'decisions is an append-only log: rows cannot be updated');
END;

CREATE TRIGGER decisions_no_delete BEFORE DELETE ON decisions
BEGIN
    SELECT RAISE(ABORT, 'decisions is an append-only log: rows cannot be deleted');
END;

CREATE TABLE job_runs (
    id          INTEGER PRIMARY KEY,
    kind        TEXT    NOT NULL,
    target      TEXT,
    state       TEXT    NOT NULL
        CHECK (state IN ('queued', 'running', 'succeeded', 'failed', 'cancelled', 'interrupted')),
    message     TEXT,
    started_at  INTEGER,
    finished_at INTEGER,
    pid         INTEGER
);
