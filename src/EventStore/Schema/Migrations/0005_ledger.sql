-- The tamper-evident ledger: an RFC 6962 Merkle tree over every event, in the one global order (tx_id, seq).
--
-- Each event row keeps the exact bytes its leaf hashes (leaf_input, encoding v1, see docs/ledger.md), computed
-- by a trigger as the row is inserted, so the hashed bytes are precisely the stored ones. The sealer gives each
-- committed event its leaf index and stores the hashes of the perfect subtrees it completes; events are never
-- touched after their insert. Tree heads are signed with the service key (ES256) outside the database.

ALTER TABLE gempix.events ADD COLUMN leaf_input bytea;

-- leaf_input v1, byte by byte (integers big-endian, text UTF-8 with a 4-byte length before it):
--   'v1' | seq int8 | id uuid(16) | stream_id uuid(16) | version int8 | len+type | schema_version int4
--   | 0x00, or 0x01 and subject_id uuid(16) | len+data (jsonb's text) | len+metadata (jsonb's text)
--   | recorded_at as int8 microseconds since 1970-01-01T00:00:00Z
-- The identity default is taken before BEFORE ROW triggers run, so NEW.seq is the row's sequence number. Whatever
-- a writer puts in leaf_input is overwritten. The encoding is written out here rather than in a function of its
-- own: a call per row costs about as much again as the encoding (measured).
CREATE FUNCTION gempix.set_leaf_input() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    v_type     bytea := convert_to(NEW.type, 'UTF8');
    v_data     bytea := convert_to(NEW.data::text, 'UTF8');
    v_metadata bytea := convert_to(NEW.metadata::text, 'UTF8');
BEGIN
    NEW.leaf_input := '\x7631'::bytea
        || int8send(NEW.seq) || uuid_send(NEW.id) || uuid_send(NEW.stream_id) || int8send(NEW.version)
        || int4send(octet_length(v_type)) || v_type
        || int4send(NEW.schema_version)
        || CASE WHEN NEW.subject_id IS NULL THEN '\x00'::bytea ELSE '\x01'::bytea || uuid_send(NEW.subject_id) END
        || int4send(octet_length(v_data)) || v_data
        || int4send(octet_length(v_metadata)) || v_metadata
        || int8send((extract(epoch FROM NEW.recorded_at) * 1000000)::bigint);
    RETURN NEW;
END
$$;

CREATE TRIGGER events_leaf_input
    BEFORE INSERT ON gempix.events
    FOR EACH ROW EXECUTE FUNCTION gempix.set_leaf_input();

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
