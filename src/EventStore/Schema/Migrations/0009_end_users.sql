-- The end users' tables. Two kinds live here:
--  * secrets, which are state and never events: password hashes and session-token hashes (an event is kept
--    forever and read by auditors; a credential must be replaceable and gone with its account);
--  * read models kept inline with the appends (GemPix.Projections.ReadModels), rebuildable from the events.
-- Every table carries the subject id (sharding by subject) except the fingerprint index, which must answer
-- for an image without knowing whose it is.

-- Email uniqueness without the email: a keyed HMAC of the normalised address (the key lives under
-- $GEMPIX_DATA/keys, never in the database). Removed on erasure, so the address can register again as a
-- new subject.
CREATE TABLE gempix.account_emails (
    blind_index  bytea PRIMARY KEY CHECK (octet_length(blind_index) = 32),
    subject_id   uuid  NOT NULL UNIQUE
);

CREATE TABLE gempix.credentials (
    subject_id     uuid        PRIMARY KEY,
    password_hash  text        NOT NULL,
    updated_at     timestamptz NOT NULL
);

-- Only the SHA-256 of a session token is stored: a copy of this table signs nobody in.
CREATE TABLE gempix.sessions (
    token_hash  bytea       PRIMARY KEY CHECK (octet_length(token_hash) = 32),
    session_id  uuid        NOT NULL UNIQUE,
    subject_id  uuid        NOT NULL,
    created_at  timestamptz NOT NULL,
    expires_at  timestamptz NOT NULL,
    revoked_at  timestamptz
);
CREATE INDEX sessions_subject ON gempix.sessions (subject_id);
CREATE INDEX sessions_expiry ON gempix.sessions (expires_at);

CREATE TABLE gempix.uploads (
    id           uuid        PRIMARY KEY,
    subject_id   uuid        NOT NULL,
    blob_id      uuid        NOT NULL,
    format       text        NOT NULL,
    width        integer     NOT NULL,
    height       integer     NOT NULL,
    bytes        bigint      NOT NULL,
    keep         boolean     NOT NULL,
    received_at  timestamptz NOT NULL
);
CREATE INDEX uploads_subject ON gempix.uploads (subject_id, received_at DESC);

-- No prompt here: it is personal data under the generation's own key and is read from the stream.
CREATE TABLE gempix.generations (
    id                   uuid        PRIMARY KEY,
    subject_id           uuid        NOT NULL,
    status               text        NOT NULL CHECK (status IN ('queued', 'running', 'succeeded', 'failed')),
    width                integer     NOT NULL,
    height               integer     NOT NULL,
    seed                 bigint,
    reference_upload_id  uuid,
    credits              integer     NOT NULL,
    attempts             integer     NOT NULL DEFAULT 0,
    image_blob_id        uuid,
    failure              text,
    requested_at         timestamptz NOT NULL,
    updated_at           timestamptz NOT NULL
);
CREATE INDEX generations_subject ON gempix.generations (subject_id, requested_at DESC, id DESC);

-- The perceptual fingerprint (64-bit difference hash) of every image generated: provenance checks find an
-- image by it after its metadata was stripped. Not personal data, and kept after the image is deleted, since
-- copies of a published image outlive it.
CREATE TABLE gempix.image_fingerprints (
    generation_id  uuid        PRIMARY KEY,
    fingerprint    bigint      NOT NULL,
    created_at     timestamptz NOT NULL
);

-- Idempotency-Key: the first answer to a POST, replayed for a retry with the same key and body. Scoped to the
-- caller (a hash of the bearer token, or of nothing for anonymous routes) so keys of different callers never meet.
CREATE TABLE gempix.idempotency_keys (
    scope         bytea       NOT NULL,
    subject_id    uuid,
    key           text        NOT NULL,
    request_hash  bytea       NOT NULL,
    status_code   integer,
    content_type  text,
    body          bytea,
    headers       jsonb,
    created_at    timestamptz NOT NULL,
    PRIMARY KEY (scope, key)
);
CREATE INDEX idempotency_keys_created ON gempix.idempotency_keys (created_at);
-- Kept answers may hold a person's data: they go with the person's erasure.
CREATE INDEX idempotency_keys_subject ON gempix.idempotency_keys (subject_id) WHERE subject_id IS NOT NULL;

GRANT SELECT, INSERT, UPDATE, DELETE ON gempix.account_emails, gempix.credentials, gempix.sessions, gempix.uploads,
    gempix.generations, gempix.idempotency_keys TO gempix_app;
GRANT SELECT, INSERT, DELETE ON gempix.image_fingerprints TO gempix_app;
