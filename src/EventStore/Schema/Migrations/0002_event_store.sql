-- The event store: streams, the append-only events table, projection checkpoints.
--
-- Roles. The role that runs migrations owns every table. The application works as gempix_app (the data
-- source sets it at connection start), which may read and append events but never change or remove one.

DO $$
BEGIN
    CREATE ROLE gempix_app NOLOGIN;
EXCEPTION WHEN duplicate_object OR unique_violation THEN
    -- Roles are cluster-wide: another database of the cluster created it first.
    NULL;
END
$$;

-- The migrating role must be able to switch to gempix_app (a superuser can already).
DO $$
BEGIN
    IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
        EXECUTE format('GRANT gempix_app TO %I', current_user);
    END IF;
END
$$;

GRANT USAGE ON SCHEMA gempix TO gempix_app;
GRANT SELECT ON gempix.schema_migrations TO gempix_app;

CREATE TABLE gempix.streams (
    id          uuid        PRIMARY KEY,
    type        text        NOT NULL,
    -- The subject (person) whose data the stream holds, when there is one: the key to shard by later.
    subject_id  uuid,
    version     bigint      NOT NULL,
    -- The transaction that last appended: an older transaction may not append after it (see append_events).
    last_tx_id  xid8        NOT NULL,
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL,
    archived    boolean     NOT NULL DEFAULT false
);

CREATE INDEX streams_subject ON gempix.streams (subject_id) WHERE subject_id IS NOT NULL;

CREATE TABLE gempix.events (
    seq            bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id             uuid        NOT NULL UNIQUE,
    stream_id      uuid        NOT NULL,
    version        bigint      NOT NULL,
    type           text        NOT NULL,
    schema_version integer     NOT NULL,
    data           jsonb       NOT NULL,
    metadata       jsonb       NOT NULL,
    subject_id     uuid,
    recorded_at    timestamptz NOT NULL,
    tx_id          xid8        NOT NULL DEFAULT pg_current_xact_id(),
    CONSTRAINT events_stream_version UNIQUE (stream_id, version)
);

-- The global order every consumer reads in: (tx_id, seq), below the oldest running transaction.
CREATE INDEX events_position ON gempix.events (tx_id, seq);
CREATE INDEX events_subject ON gempix.events (subject_id, seq) WHERE subject_id IS NOT NULL;

GRANT SELECT, INSERT ON gempix.events TO gempix_app;
GRANT SELECT, INSERT, UPDATE ON gempix.streams TO gempix_app;

-- Append-only, in the database itself: privileges already deny gempix_app, and this trigger refuses every
-- role but the tables' owner (the migrating role), whatever privileges it was granted.
CREATE FUNCTION gempix.refuse_event_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF current_user <> (SELECT pg_get_userbyid(relowner) FROM pg_class WHERE oid = TG_RELID) THEN
        RAISE EXCEPTION 'events are append-only: % refused', TG_OP
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN CASE TG_OP WHEN 'DELETE' THEN OLD ELSE NEW END;
END
$$;

CREATE TRIGGER events_append_only
    BEFORE UPDATE OR DELETE ON gempix.events
    FOR EACH ROW EXECUTE FUNCTION gempix.refuse_event_change();

CREATE TRIGGER events_no_truncate
    BEFORE TRUNCATE ON gempix.events
    FOR EACH STATEMENT EXECUTE FUNCTION gempix.refuse_event_change();

-- Appends one stream's events. Called once per stream in a unit of work; all calls of a unit of work run in
-- one transaction.
--   p_expected: >= 0 the exact current version, -1 any, -2 the stream must not exist.
--   p_key_ids: the keys that encrypted protected values of these events, or NULL (see append_guard).
-- Returns the stream's version after the append. Errors (SQLSTATE), each message starting "stream <id>":
--   GP001 wrong expected version (HINT: the actual version, -1 for no stream);
--   GP002 a younger transaction appended to the stream first, or created it meanwhile: retry the whole
--         transaction in a new one;
--   GP003 an event id is stored already (the client then checks whether this was an exact re-send).
-- The hot path is two statements: the conditional UPDATE of the stream row (row lock, expected-version check
-- and version move at once) and the INSERT. The reasons for a refusal are looked up only when there is one.
-- No NOTIFY here: a NOTIFY serialises commits, so the appending process sends one after commit, coalesced.
-- Called by append_events with the ids of the keys that encrypted the events' protected values, so that the
-- append fails when one of them is destroyed. A no-op here; the key vault (migration 0004) replaces it.
CREATE FUNCTION gempix.append_guard(p_key_ids uuid[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
END
$$;

GRANT EXECUTE ON FUNCTION gempix.append_guard(uuid[]) TO gempix_app;

CREATE FUNCTION gempix.append_events(
    p_stream_id uuid, p_stream_type text, p_subject_id uuid, p_expected bigint,
    p_ids uuid[], p_types text[], p_schema_versions integer[], p_data jsonb[], p_metadata jsonb[],
    p_recorded_at timestamptz, p_key_ids uuid[])
RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
    v_me       xid8 := pg_current_xact_id();
    v_count    integer := cardinality(p_ids);
    v_version  bigint;
    v_current  bigint;
    v_last_tx  xid8;
    v_inserted integer;
BEGIN
    IF p_key_ids IS NOT NULL THEN
        PERFORM gempix.append_guard(p_key_ids);
    END IF;

    UPDATE gempix.streams
       SET version = version + v_count, last_tx_id = v_me, updated_at = p_recorded_at
     WHERE id = p_stream_id
       AND last_tx_id <= v_me
       AND (p_expected = -1 OR version = p_expected)
    RETURNING version INTO v_version;

    IF NOT FOUND THEN
        SELECT version, last_tx_id INTO v_current, v_last_tx
          FROM gempix.streams WHERE id = p_stream_id FOR UPDATE;
        IF NOT FOUND THEN
            IF p_expected > 0 THEN
                RAISE EXCEPTION 'stream % expected at version %, but it does not exist', p_stream_id, p_expected
                    USING ERRCODE = 'GP001', HINT = '-1';
            END IF;
            INSERT INTO gempix.streams (id, type, subject_id, version, last_tx_id, created_at, updated_at)
            VALUES (p_stream_id, p_stream_type, p_subject_id, v_count, v_me, p_recorded_at, p_recorded_at)
            ON CONFLICT (id) DO NOTHING;
            IF NOT FOUND THEN
                RAISE EXCEPTION 'stream % was created by a concurrent transaction', p_stream_id
                    USING ERRCODE = 'GP002';
            END IF;
            v_version := v_count;
        ELSIF v_last_tx > v_me THEN
            -- Appending now would put this transaction's events before the younger one's in the global
            -- order (tx_id, seq) but after them in the stream.
            RAISE EXCEPTION 'stream % was appended to by a younger transaction', p_stream_id
                USING ERRCODE = 'GP002';
        ELSE
            RAISE EXCEPTION 'stream % expected at version %, but it is at %', p_stream_id, p_expected, v_current
                USING ERRCODE = 'GP001', HINT = v_current::text;
        END IF;
    END IF;

    INSERT INTO gempix.events (id, stream_id, version, type, schema_version, data, metadata, subject_id, recorded_at)
    SELECT n.id, p_stream_id, v_version - v_count + n.i, p_types[n.i], p_schema_versions[n.i], p_data[n.i],
           p_metadata[n.i], p_subject_id, p_recorded_at
      FROM unnest(p_ids) WITH ORDINALITY AS n(id, i)
     ORDER BY n.i
    ON CONFLICT (id) DO NOTHING;
    GET DIAGNOSTICS v_inserted = ROW_COUNT;
    IF v_inserted <> v_count THEN
        RAISE EXCEPTION 'stream % append holds event ids that are stored already', p_stream_id
            USING ERRCODE = 'GP003';
    END IF;

    RETURN v_version;
END
$$;

GRANT EXECUTE ON FUNCTION gempix.append_events(uuid, text, uuid, bigint, uuid[], text[], integer[], jsonb[], jsonb[], timestamptz, uuid[]) TO gempix_app;

-- Async projections: where each stands in the global order, and why it stopped if it did.
CREATE TABLE gempix.projection_checkpoints (
    name        text        PRIMARY KEY,
    tx_id       xid8        NOT NULL DEFAULT '0',
    seq         bigint      NOT NULL DEFAULT 0,
    status      text        NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'parked')),
    failed_seq  bigint,
    error       text,
    attempts    integer     NOT NULL DEFAULT 0,
    updated_at  timestamptz NOT NULL DEFAULT now()
);

GRANT SELECT, INSERT, UPDATE ON gempix.projection_checkpoints TO gempix_app;
