-- An asset's key created in the unit of work that first uses it: a generation's prompt key travels in the
-- generation's own batch, ahead of its events, instead of in a transaction of its own before them (a commit and
-- three round trips fewer per generation). A procedure, so that the call returns no rows. Unlike create_key it
-- never hands back an existing key: a second key for an asset is a unique violation, and the events encrypted
-- under the refused key fail with it. No SET clause, which would save and restore settings on every call; every
-- name is schema-qualified instead, as in gempix.append_guard.
CREATE PROCEDURE gempix_vault.add_asset_key(
    p_id uuid, p_subject_id uuid, p_asset_id uuid, p_parent_key_id uuid, p_wrapped_by text, p_wrapped bytea,
    p_commitment bytea, p_created_at timestamptz)
LANGUAGE plpgsql SECURITY DEFINER AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM gempix_vault.fences f WHERE f.subject_id = p_subject_id AND f.scope = 'personal') THEN
        RAISE EXCEPTION 'subject % was erased: no new asset data', p_subject_id USING ERRCODE = 'GP010';
    END IF;
    INSERT INTO gempix_vault.keys (id, subject_id, scope, asset_id, parent_key_id, wrapped_by, wrapped, commitment, created_at)
    VALUES (p_id, p_subject_id, 'asset', p_asset_id, p_parent_key_id, p_wrapped_by, p_wrapped, p_commitment, p_created_at);
END
$$;
ALTER PROCEDURE gempix_vault.add_asset_key(uuid, uuid, uuid, uuid, text, bytea, bytea, timestamptz) OWNER TO gempix_vault;
REVOKE ALL ON PROCEDURE gempix_vault.add_asset_key(uuid, uuid, uuid, uuid, text, bytea, bytea, timestamptz) FROM PUBLIC;
GRANT EXECUTE ON PROCEDURE gempix_vault.add_asset_key(uuid, uuid, uuid, uuid, text, bytea, bytea, timestamptz) TO gempix_app;

-- The two lookups on every read of protected data, as PL/pgSQL without a SET clause: a SQL function with one is
-- neither inlined nor kept planned, so it was planned again on every call. find_key takes a branch per case, so
-- that each uses its index (the OR of both could use neither).
CREATE OR REPLACE FUNCTION gempix_vault.get_keys(p_ids uuid[])
RETURNS TABLE (id uuid, subject_id uuid, scope text, asset_id uuid, parent_key_id uuid, wrapped_by text, wrapped bytea)
LANGUAGE plpgsql STABLE SECURITY DEFINER AS $$
BEGIN
    RETURN QUERY
    SELECT k.id, k.subject_id, k.scope, k.asset_id, k.parent_key_id, k.wrapped_by, k.wrapped
      FROM gempix_vault.keys k WHERE k.id = ANY (p_ids);
END
$$;

CREATE OR REPLACE FUNCTION gempix_vault.find_key(p_subject_id uuid, p_scope text, p_asset_id uuid)
RETURNS TABLE (id uuid, wrapped_by text, wrapped bytea)
LANGUAGE plpgsql STABLE SECURITY DEFINER AS $$
BEGIN
    IF p_asset_id IS NOT NULL THEN
        RETURN QUERY SELECT k.id, k.wrapped_by, k.wrapped FROM gempix_vault.keys k WHERE k.asset_id = p_asset_id;
    ELSE
        RETURN QUERY SELECT k.id, k.wrapped_by, k.wrapped FROM gempix_vault.keys k
                      WHERE k.subject_id = p_subject_id AND k.scope = p_scope AND k.scope <> 'asset';
    END IF;
END
$$;
