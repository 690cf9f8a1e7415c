-- V002: indexes on the columns that stores filter by and that foreign keys point from. Without them every
-- cascading or SET NULL delete (an episode, a replaced shot or track) scans the whole child table.

CREATE INDEX episodes_series ON episodes (series_id);
CREATE INDEX shots_episode ON shots (episode_id, start_frame);
CREATE INDEX face_tracks_episode ON face_tracks (episode_id, start_frame);
CREATE INDEX face_tracks_shot ON face_tracks (shot_id);
CREATE INDEX face_boxes_track ON face_boxes (track_id);
CREATE INDEX clips_episode ON clips (episode_id, start_frame);
CREATE INDEX clips_status ON clips (status);
CREATE INDEX clips_shot ON clips (shot_id);
CREATE INDEX clips_track ON clips (track_id);
CREATE INDEX decisions_episode ON decisions (episode_id);
CREATE INDEX decisions_reverts ON decisions (reverts_id);
CREATE INDEX job_runs_kind_target ON job_runs (kind, target);
CREATE INDEX job_runs_state ON job_runs (state);
