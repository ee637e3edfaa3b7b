-- Model-training eligibility (an async projection, rebuildable) and the record of every training snapshot.
-- Eligible: an item (a generation's prompt or an upload) that is not deleted, of a subject who consented to the
-- current model-training notice, is neither restricted (Art. 18) nor objecting (Art. 21), and is not erased.

CREATE TABLE gempix.training_subjects (
    subject_id       uuid    PRIMARY KEY,
    consent_version  integer,           -- the notice version consented to; NULL when not granted
    restricted       boolean NOT NULL DEFAULT false,
    objected         boolean NOT NULL DEFAULT false,
    erased           boolean NOT NULL DEFAULT false
);

CREATE TABLE gempix.training_items (
    item_id     uuid        PRIMARY KEY,   -- the generation's or the upload's id
    subject_id  uuid        NOT NULL,
    kind        text        NOT NULL CHECK (kind IN ('prompt', 'upload')),
    created_at  timestamptz NOT NULL
);
CREATE INDEX training_items_subject ON gempix.training_items (subject_id);

-- What went into each snapshot, kept for good: the proof that a subject who withdrew or was erased is absent from
-- every later one. Hashes are of the content at snapshot time; no content is kept.
CREATE TABLE gempix.training_snapshots (
    id          uuid        PRIMARY KEY,
    taken_at    timestamptz NOT NULL,
    item_count  integer     NOT NULL,
    items_root  bytea       NOT NULL CHECK (octet_length(items_root) = 32)
);

CREATE TABLE gempix.training_snapshot_items (
    snapshot_id   uuid  NOT NULL REFERENCES gempix.training_snapshots (id),
    item_id       uuid  NOT NULL,
    subject_id    uuid  NOT NULL,
    kind          text  NOT NULL,
    content_hash  bytea NOT NULL CHECK (octet_length(content_hash) = 32),
    PRIMARY KEY (snapshot_id, item_id)
);
CREATE INDEX training_snapshot_items_subject ON gempix.training_snapshot_items (subject_id, snapshot_id);

GRANT SELECT, INSERT, UPDATE, DELETE ON gempix.training_subjects, gempix.training_items TO gempix_app;
GRANT SELECT, INSERT ON gempix.training_snapshots, gempix.training_snapshot_items TO gempix_app;
