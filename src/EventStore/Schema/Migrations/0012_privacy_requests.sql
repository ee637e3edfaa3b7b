-- Privacy requests as the subject, the staff and the deadline monitor see them (an inline read model), and the
-- requests regulators file. No personal data: rectification details stay encrypted in the events. When the subject
-- is erased, the rows stay as anonymous records of having answered (their subject id is cleared).

CREATE TABLE gempix.privacy_requests (
    id              uuid        PRIMARY KEY,
    subject_id      uuid,
    type            text        NOT NULL,
    jurisdiction    text        NOT NULL,
    status          text        NOT NULL,
    received_at     timestamptz NOT NULL,
    due_on          date        NOT NULL,
    due_at          timestamptz NOT NULL,
    acknowledge_by  date,
    extended        boolean     NOT NULL DEFAULT false,
    policy_version  text        NOT NULL,
    completed_at    timestamptz,
    result_kind     text,
    result_ref      text,
    denied_reason   text,
    flag            text CHECK (flag IN ('due-soon', 'overdue')),  -- set by the deadline monitor
    updated_at      timestamptz NOT NULL
);
CREATE INDEX privacy_requests_subject ON gempix.privacy_requests (subject_id, received_at DESC);
CREATE INDEX privacy_requests_open ON gempix.privacy_requests (due_at) WHERE status NOT IN ('completed', 'denied');
CREATE INDEX privacy_requests_received ON gempix.privacy_requests (received_at);

CREATE TABLE gempix.regulator_requests (
    id           uuid        PRIMARY KEY,
    subject_id   uuid,
    regulator    text        NOT NULL,   -- the API key's id
    reference    text        NOT NULL,
    legal_basis  text        NOT NULL,
    filed_at     timestamptz NOT NULL
);
CREATE INDEX regulator_requests_subject ON gempix.regulator_requests (subject_id);

GRANT SELECT, INSERT, UPDATE, DELETE ON gempix.privacy_requests, gempix.regulator_requests TO gempix_app;
