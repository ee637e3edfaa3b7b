-- The durable job queue (ADR 0002, docs/jobs.md): generations, exports and retention runs are rows here, in the
-- same database as the events, so a job commits atomically with the events that asked for it.
--
-- A job is queued, then running under a lease (owner and expiry, renewed by heartbeat), then succeeded, or queued
-- again with a backoff after a failed attempt, or dead after its last one. A dead job keeps its row for inspection.
-- Every time is passed in by the application from its clock; nothing here reads now(), so tests control time.

CREATE TABLE gempix.jobs (
    id           uuid        PRIMARY KEY,
    queue        text        NOT NULL CHECK (queue ~ '^[a-z][a-z0-9_.-]{0,62}$'),
    -- The person the job is about, when there is one: the key to shard by, like every table's subject_id.
    subject_id   uuid,
    -- Ids only, never personal data: a payload is neither encrypted nor shredded, so an erasure must never need
    -- to touch it. The size limit guards against a payload that carries content (a prompt, a name) by mistake.
    payload      jsonb       NOT NULL CHECK (jsonb_typeof(payload) = 'object' AND octet_length(payload::text) <= 4096),
    status       text        NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'succeeded', 'dead')),
    -- Claims so far, the current one included. One more than max_attempts only when a worker died during the
    -- last attempt and its expired lease was claimed: such a claim is dead-lettered, never run.
    attempts     integer     NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    max_attempts integer     NOT NULL CHECK (max_attempts BETWEEN 1 AND 100),
    -- Not claimable before this instant: the enqueuer's delay, or the backoff after a failed attempt.
    run_after    timestamptz NOT NULL,
    lease_owner  text        CHECK (length(lease_owner) BETWEEN 1 AND 200),
    lease_until  timestamptz,
    -- A short reason that carries no personal data: an exception's type name or a fixed code, never a message.
    last_error   text        CHECK (length(last_error) BETWEEN 1 AND 200),
    created_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL,
    completed_at timestamptz,
    CONSTRAINT jobs_lease_while_running
        CHECK ((status = 'running') = (lease_owner IS NOT NULL) AND (status = 'running') = (lease_until IS NOT NULL)),
    CONSTRAINT jobs_completed_when_finished
        CHECK ((status IN ('succeeded', 'dead')) = (completed_at IS NOT NULL))
);

COMMENT ON TABLE gempix.jobs IS 'Durable jobs: queued -> running (leased) -> succeeded | queued (retry) | dead. Payloads hold ids only.';

-- The claim's two ways in: queued jobs that are due, and running jobs whose lease ran out (a crashed worker).
-- Finished jobs, the bulk of the table in time, are in neither index.
CREATE INDEX jobs_claimable ON gempix.jobs (queue, run_after) WHERE status = 'queued';
CREATE INDEX jobs_leased ON gempix.jobs (queue, lease_until) WHERE status = 'running';
CREATE INDEX jobs_subject ON gempix.jobs (subject_id) WHERE subject_id IS NOT NULL;

-- The application enqueues a job only as queued with no attempt (the defaults of status and attempts), and moves
-- it only through the columns a claim, heartbeat, completion or failure changes. It may not delete or truncate:
-- finished jobs stay for inspection; purging them is an operator's (the owner's) task.
GRANT SELECT ON gempix.jobs TO gempix_app;
GRANT INSERT (id, queue, subject_id, payload, max_attempts, run_after, created_at, updated_at) ON gempix.jobs TO gempix_app;
GRANT UPDATE (status, attempts, run_after, lease_owner, lease_until, last_error, updated_at, completed_at) ON gempix.jobs TO gempix_app;
