-- The tamper-evident ledger: an RFC 6962 Merkle tree over every event, in the one global order (tx_id, seq).
--
-- Each event row keeps the exact bytes its leaf hashes (leaf_input, encoding v1, see docs/ledger.md), computed as
-- the row is inserted (by append_events, or by a trigger for any other insert), so the hashed bytes are precisely
-- the stored ones. The sealer gives each committed event its leaf index and stores the hashes of the perfect
-- subtrees it completes; events are never touched after their insert. Tree heads are signed with the service key
-- (ES256) outside the database. Why it is computed where it is: docs/adr/0009.

ALTER TABLE gempix.events ADD COLUMN leaf_input bytea;

-- leaf_input v1, byte by byte (integers big-endian, text UTF-8 with a 4-byte length before it):
--   'v1' | seq int8 | id uuid(16) | stream_id uuid(16) | version int8 | len+type | schema_version int4
--   | 0x00, or 0x01 and subject_id uuid(16) | len+data (jsonb's text) | len+metadata (jsonb's text)
--   | recorded_at as int8 microseconds since 1970-01-01T00:00:00Z
-- The texts arrive as UTF-8 bytes, converted once by the caller: one expression, which PostgreSQL inlines into the
-- calling statement (no call per row).
CREATE FUNCTION gempix.leaf_input_v1(
    p_seq bigint, p_id uuid, p_stream_id uuid, p_version bigint, p_type bytea, p_schema_version integer,
    p_subject_id uuid, p_data bytea, p_metadata bytea, p_recorded_at timestamptz)
RETURNS bytea
LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT '\x7631'::bytea
        || int8send(p_seq) || uuid_send(p_id) || uuid_send(p_stream_id) || int8send(p_version)
        || int4send(octet_length(p_type)) || p_type
        || int4send(p_schema_version)
        || CASE WHEN p_subject_id IS NULL THEN '\x00'::bytea ELSE '\x01'::bytea || uuid_send(p_subject_id) END
        || int4send(octet_length(p_data)) || p_data
        || int4send(octet_length(p_metadata)) || p_metadata
        || int8send((extract(epoch FROM p_recorded_at) * 1000000)::bigint)
$$;

-- Rows inserted by any other way than append_events (COPY, a direct INSERT) get it from this trigger; the identity
-- default is taken before BEFORE ROW triggers run, so NEW.seq is the row's sequence number.
CREATE FUNCTION gempix.set_leaf_input() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    v_type     bytea := convert_to(NEW.type, 'UTF8');
    v_data     bytea := convert_to(NEW.data::text, 'UTF8');
    v_metadata bytea := convert_to(NEW.metadata::text, 'UTF8');
BEGIN
    NEW.leaf_input := gempix.leaf_input_v1(NEW.seq, NEW.id, NEW.stream_id, NEW.version, v_type, NEW.schema_version,
                                           NEW.subject_id, v_data, v_metadata, NEW.recorded_at);
    RETURN NEW;
END
$$;

CREATE TRIGGER events_leaf_input
    BEFORE INSERT ON gempix.events
    FOR EACH ROW WHEN (NEW.leaf_input IS NULL) EXECUTE FUNCTION gempix.set_leaf_input();

-- append_events as in migration 0002, but for its INSERT: it takes the sequence numbers itself and writes each
-- row's leaf_input in the same statement. A trigger on this hot path would cost a PL/pgSQL call per row and the
-- set-up of its expressions in every transaction: measured, a quarter of a single-event append's throughput.
CREATE OR REPLACE FUNCTION gempix.append_events(
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

    INSERT INTO gempix.events (seq, id, stream_id, version, type, schema_version, data, metadata, subject_id, recorded_at, leaf_input)
    OVERRIDING SYSTEM VALUE
    SELECT e.seq, e.id, p_stream_id, e.version, e.type, e.schema_version, e.data, e.metadata, p_subject_id, p_recorded_at,
           gempix.leaf_input_v1(e.seq, e.id, p_stream_id, e.version, e.type_utf8, e.schema_version, p_subject_id,
                                e.data_utf8, e.metadata_utf8, p_recorded_at)
      FROM (SELECT nextval('gempix.events_seq_seq') AS seq, n.id, v_version - v_count + n.i AS version, p_types[n.i] AS type,
                   convert_to(p_types[n.i], 'UTF8') AS type_utf8, p_schema_versions[n.i] AS schema_version,
                   p_data[n.i] AS data, convert_to(p_data[n.i]::text, 'UTF8') AS data_utf8,
                   p_metadata[n.i] AS metadata, convert_to(p_metadata[n.i]::text, 'UTF8') AS metadata_utf8
              FROM unnest(p_ids) WITH ORDINALITY AS n(id, i)
             ORDER BY n.i) e
    ON CONFLICT (id) DO NOTHING;
    GET DIAGNOSTICS v_inserted = ROW_COUNT;
    IF v_inserted <> v_count THEN
        RAISE EXCEPTION 'stream % append holds event ids that are stored already', p_stream_id
            USING ERRCODE = 'GP003';
    END IF;

    RETURN v_version;
END
$$;

-- Events written before this migration get theirs from the same function, through a trigger that lives only for
-- this statement (the migrating role owns the table, which events_append_only lets update).
CREATE TRIGGER events_leaf_input_backfill
    BEFORE UPDATE ON gempix.events
    FOR EACH ROW EXECUTE FUNCTION gempix.set_leaf_input();
UPDATE gempix.events SET leaf_input = NULL;
DROP TRIGGER events_leaf_input_backfill ON gempix.events;

ALTER TABLE gempix.events ALTER COLUMN leaf_input SET NOT NULL;

-- Leaf i: the event it is, and its hash SHA-256(0x00 || leaf_input), the tree's level 0.
CREATE TABLE gempix.ledger_leaves (
    leaf_index  bigint PRIMARY KEY CHECK (leaf_index >= 0),
    seq         bigint NOT NULL UNIQUE,
    leaf_hash   bytea  NOT NULL CHECK (octet_length(leaf_hash) = 32)
);

-- The root of every completed perfect subtree above the leaves: 2^level leaves from leaf node_index * 2^level.
CREATE TABLE gempix.ledger_nodes (
    level       smallint NOT NULL CHECK (level BETWEEN 1 AND 62),
    node_index  bigint   NOT NULL CHECK (node_index >= 0),
    hash        bytea    NOT NULL CHECK (octet_length(hash) = 32),
    PRIMARY KEY (level, node_index)
);

-- One row: how many leaves are sealed and the global position of the last one. A seal moves it with a
-- compare-and-set on tree_size in the transaction that inserts the leaves.
CREATE TABLE gempix.ledger_state (
    id          boolean     PRIMARY KEY DEFAULT true CHECK (id),
    tree_size   bigint      NOT NULL DEFAULT 0 CHECK (tree_size >= 0),
    tx_id       xid8        NOT NULL DEFAULT '0',
    seq         bigint      NOT NULL DEFAULT 0,
    updated_at  timestamptz NOT NULL DEFAULT now()
);
INSERT INTO gempix.ledger_state DEFAULT VALUES;

-- Signed tree heads: JWS compact, ES256, payload {iss, treeSize, rootHash, issuedAt}.
CREATE TABLE gempix.ledger_heads (
    tree_size   bigint      PRIMARY KEY CHECK (tree_size > 0),
    root_hash   bytea       NOT NULL CHECK (octet_length(root_hash) = 32),
    issued_at   timestamptz NOT NULL,
    jws         text        NOT NULL
);

-- append_events takes the sequence numbers itself, to encode them.
GRANT USAGE ON SEQUENCE gempix.events_seq_seq TO gempix_app;

GRANT SELECT, INSERT ON gempix.ledger_leaves, gempix.ledger_nodes, gempix.ledger_heads TO gempix_app;
GRANT SELECT, UPDATE ON gempix.ledger_state TO gempix_app;

-- What the ledger wrote stays written: like the events, for every role but the tables' owner.
CREATE FUNCTION gempix.refuse_ledger_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF current_user <> (SELECT pg_get_userbyid(relowner) FROM pg_class WHERE oid = TG_RELID) THEN
        RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN CASE TG_OP WHEN 'DELETE' THEN OLD ELSE NEW END;
END
$$;

DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['ledger_leaves', 'ledger_nodes', 'ledger_heads'] LOOP
        EXECUTE format('CREATE TRIGGER %I BEFORE UPDATE OR DELETE ON gempix.%I FOR EACH ROW EXECUTE FUNCTION gempix.refuse_ledger_change()', t || '_append_only', t);
        EXECUTE format('CREATE TRIGGER %I BEFORE TRUNCATE ON gempix.%I FOR EACH STATEMENT EXECUTE FUNCTION gempix.refuse_ledger_change()', t || '_no_truncate', t);
    END LOOP;
END
$$;
