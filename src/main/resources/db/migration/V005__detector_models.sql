-- V005: face detectors fine-tuned on this library's corrected boxes ("improve detector from my corrections").
-- A row is written when a fine-tune finishes ('candidate'); the animator keeps or discards it. The library's face
-- search uses the newest kept model. Scores are mAP@0.5 of the detector the face search used when the run started
-- (compared_with: "before") and of the new one ("after") on the same held-out pictures: corrected frames that
-- training never saw, and generated faces. base_model is the model the fine-tune started from.
CREATE TABLE detector_models (
    id                INTEGER PRIMARY KEY,
    file              TEXT    NOT NULL,
    base_model        TEXT    NOT NULL,
    compared_with     TEXT    NOT NULL,
    trained_frames    INTEGER NOT NULL CHECK (trained_frames >= 0),
    held_out_frames   INTEGER NOT NULL CHECK (held_out_frames >= 0),
    held_out_before   REAL,
    held_out_after    REAL,
    generated_before  REAL    NOT NULL,
    generated_after   REAL    NOT NULL,
    state             TEXT    NOT NULL CHECK (state IN ('candidate', 'kept', 'discarded')),
    created_at        INTEGER NOT NULL,
    decided_at        INTEGER
);
