-- V004: the explanation of the last automatic curation of each episode.
-- Every frame of every shot lands in one run: 'proposed' (became a clip proposal) or 'rejected' with the reason
-- (no face, several faces, low confidence, low motion, too short, shot not usable). Replaced as a whole per episode
-- each time curation runs; clips and a person's decisions live in `clips` and `decisions`, never here.
CREATE TABLE curation_runs (
    id          INTEGER PRIMARY KEY,
    episode_id  INTEGER NOT NULL REFERENCES episodes (id) ON DELETE CASCADE,
    shot_id     INTEGER REFERENCES shots (id) ON DELETE SET NULL,
    track_id    INTEGER REFERENCES face_tracks (id) ON DELETE SET NULL,
    start_frame INTEGER NOT NULL CHECK (start_frame >= 0),
    end_frame   INTEGER NOT NULL CHECK (end_frame >= start_frame),
    verdict     TEXT    NOT NULL CHECK (verdict IN ('proposed', 'rejected')),
    reason      TEXT    NOT NULL,
    detail      TEXT    NOT NULL DEFAULT '',
    rules       TEXT    NOT NULL DEFAULT '{}',
    created_at  INTEGER NOT NULL
);

CREATE INDEX curation_runs_episode ON curation_runs (episode_id, start_frame);
CREATE INDEX curation_runs_shot ON curation_runs (shot_id);
CREATE INDEX curation_runs_track ON curation_runs (track_id);
