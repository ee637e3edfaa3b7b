-- An append with an exact expected version that a concurrent transaction has overtaken is a version conflict,
-- whichever transaction is older: retrying it in a new transaction would fail on the version anyway. Until now
-- such an append was refused as GP002 (a younger transaction appended first) when the other transaction was
-- younger, retried by the store, and under heavy contention on one stream could run out of retries with an
-- error the caller cannot act on. Now GP002 is left for appends that a retry can actually carry out: those that
-- expect any version, or whose expected version still holds.

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
    v_guarded  boolean;
BEGIN
    UPDATE gempix.streams
       SET version = version + v_count, last_tx_id = v_me, updated_at = p_recorded_at
     WHERE id = p_stream_id
       AND last_tx_id <= v_me
       AND (p_expected = -1 OR version = p_expected)
    RETURNING version, keys_destroyed > 0 INTO v_version, v_guarded;

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
                IF p_expected = 0 THEN
                    RAISE EXCEPTION 'stream % expected new, but a concurrent transaction created it', p_stream_id
                        USING ERRCODE = 'GP001';
                END IF;
                RAISE EXCEPTION 'stream % was created by a concurrent transaction', p_stream_id
                    USING ERRCODE = 'GP002';
            END IF;
            v_version := v_count;
            v_guarded := true;
        ELSIF v_last_tx > v_me AND (p_expected = -1 OR v_current = p_expected) THEN
            -- Appending now would put this transaction's events before the younger one's in the global
            -- order (tx_id, seq) but after them in the stream.
            RAISE EXCEPTION 'stream % was appended to by a younger transaction', p_stream_id
                USING ERRCODE = 'GP002';
        ELSE
            RAISE EXCEPTION 'stream % expected at version %, but it is at %', p_stream_id, p_expected, v_current
                USING ERRCODE = 'GP001', HINT = v_current::text;
        END IF;
    END IF;

    -- The erasure fence: only where a key of this subject was ever destroyed, or on a new stream, which no
    -- destruction could have marked. The stream row is locked from here to the commit, and a destruction
    -- marks its subject's streams before it destroys anything: it waits for this append, or this append
    -- waits for it and then sees the mark.
    IF p_key_ids IS NOT NULL AND v_guarded THEN
        PERFORM gempix.append_guard(p_key_ids);
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
