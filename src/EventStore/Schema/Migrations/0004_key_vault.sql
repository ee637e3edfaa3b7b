-- The key vault: per-subject and per-asset data keys (wrapped by the key-encryption key), kept apart from
-- the events in a schema owned by a role of its own. The application role cannot read or change the tables;
-- it can only call the functions below, which never overwrite a key. Destroying a key deletes the only copy
-- of its wrapped bytes (crypto-shredding) and leaves a tombstone with its commitment for the certificate.

DO $$
BEGIN
    CREATE ROLE gempix_vault NOLOGIN;
EXCEPTION WHEN duplicate_object OR unique_violation THEN
    NULL;
END
$$;

DO $$
BEGIN
    IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
        EXECUTE format('GRANT gempix_vault TO %I', current_user);
    END IF;
END
$$;

CREATE SCHEMA gempix_vault AUTHORIZATION gempix_vault;
REVOKE ALL ON SCHEMA gempix_vault FROM PUBLIC;
GRANT USAGE ON SCHEMA gempix_vault TO gempix_app;

CREATE TABLE gempix_vault.keys (
    id            uuid        PRIMARY KEY,
    subject_id    uuid        NOT NULL,
    scope         text        NOT NULL CHECK (scope IN ('personal', 'billing', 'asset')),
    asset_id      uuid,
    -- An asset key is wrapped by its subject's personal key; a subject key by the key-encryption key.
    parent_key_id uuid,
    wrapped_by    text        NOT NULL,
    wrapped       bytea       NOT NULL,
    commitment    bytea       NOT NULL,
    created_at    timestamptz NOT NULL,
    retain_until  timestamptz,
    CHECK ((scope = 'asset') = (asset_id IS NOT NULL AND parent_key_id IS NOT NULL))
);
CREATE UNIQUE INDEX keys_subject_scope ON gempix_vault.keys (subject_id, scope) WHERE scope <> 'asset';
CREATE UNIQUE INDEX keys_asset ON gempix_vault.keys (asset_id) WHERE asset_id IS NOT NULL;
CREATE INDEX keys_parent ON gempix_vault.keys (parent_key_id) WHERE parent_key_id IS NOT NULL;
-- Updates are never needed and never allowed: a key, once written, is kept or destroyed whole.
ALTER TABLE gempix_vault.keys SET (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 1);

CREATE TABLE gempix_vault.destroyed_keys (
    id            uuid        PRIMARY KEY,
    subject_id    uuid        NOT NULL,
    scope         text        NOT NULL,
    asset_id      uuid,
    commitment    bytea       NOT NULL,
    created_at    timestamptz NOT NULL,
    destroyed_at  timestamptz NOT NULL
);
CREATE INDEX destroyed_keys_subject ON gempix_vault.destroyed_keys (subject_id);

-- The erasure fence: a subject whose scope was shredded never gets data in that scope again.
CREATE TABLE gempix_vault.fences (
    subject_id uuid        NOT NULL,
    scope      text        NOT NULL,
    fenced_at  timestamptz NOT NULL,
    PRIMARY KEY (subject_id, scope)
);

CREATE TABLE gempix_vault.signing_keys (
    kid         text        PRIMARY KEY,
    wrapped_by  text        NOT NULL,
    wrapped     bytea       NOT NULL,
    public_jwk  jsonb       NOT NULL,
    created_at  timestamptz NOT NULL
);

ALTER TABLE gempix_vault.keys OWNER TO gempix_vault;
ALTER TABLE gempix_vault.destroyed_keys OWNER TO gempix_vault;
ALTER TABLE gempix_vault.fences OWNER TO gempix_vault;
ALTER TABLE gempix_vault.signing_keys OWNER TO gempix_vault;

-- Creates a key unless the subject's key of that scope (or the asset's key) exists already, and returns the
-- one that is kept, with created = whether this call created it. GP010: the scope is fenced.
CREATE FUNCTION gempix_vault.create_key(
    p_id uuid, p_subject_id uuid, p_scope text, p_asset_id uuid, p_parent_key_id uuid, p_wrapped_by text,
    p_wrapped bytea, p_commitment bytea, p_created_at timestamptz, p_retain_until timestamptz)
RETURNS TABLE (id uuid, wrapped_by text, wrapped bytea, created boolean)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, gempix_vault AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM fences f WHERE f.subject_id = p_subject_id
                 AND f.scope = CASE WHEN p_scope = 'asset' THEN 'personal' ELSE p_scope END) THEN
        RAISE EXCEPTION 'subject % was erased: no new % data', p_subject_id, p_scope USING ERRCODE = 'GP010';
    END IF;
    INSERT INTO keys (id, subject_id, scope, asset_id, parent_key_id, wrapped_by, wrapped, commitment, created_at, retain_until)
    VALUES (p_id, p_subject_id, p_scope, p_asset_id, p_parent_key_id, p_wrapped_by, p_wrapped, p_commitment, p_created_at, p_retain_until)
    ON CONFLICT DO NOTHING;
    IF FOUND THEN
        RETURN QUERY SELECT p_id, p_wrapped_by, p_wrapped, true;
    ELSIF p_asset_id IS NOT NULL THEN
        RETURN QUERY SELECT k.id, k.wrapped_by, k.wrapped, false FROM keys k WHERE k.asset_id = p_asset_id;
    ELSE
        RETURN QUERY SELECT k.id, k.wrapped_by, k.wrapped, false FROM keys k
                      WHERE k.subject_id = p_subject_id AND k.scope = p_scope;
    END IF;
END
$$;

-- The live keys among p_ids (a destroyed one is simply absent), and the subject key of a scope.
CREATE FUNCTION gempix_vault.get_keys(p_ids uuid[])
RETURNS TABLE (id uuid, subject_id uuid, scope text, asset_id uuid, parent_key_id uuid, wrapped_by text, wrapped bytea)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, gempix_vault AS $$
    SELECT k.id, k.subject_id, k.scope, k.asset_id, k.parent_key_id, k.wrapped_by, k.wrapped FROM keys k WHERE k.id = ANY (p_ids)
$$;

CREATE FUNCTION gempix_vault.find_key(p_subject_id uuid, p_scope text, p_asset_id uuid)
RETURNS TABLE (id uuid, wrapped_by text, wrapped bytea)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, gempix_vault AS $$
    SELECT k.id, k.wrapped_by, k.wrapped FROM keys k
     WHERE (p_asset_id IS NOT NULL AND k.asset_id = p_asset_id)
        OR (p_asset_id IS NULL AND k.subject_id = p_subject_id AND k.scope = p_scope)
$$;

-- Replaces the event store's no-op append guard: fails the append (GP010) unless every key it used still
-- exists, holding a shared lock on each until the transaction ends, so a concurrent destruction waits for the
-- append or the append sees the destruction. Advisory locks cost no write to the key rows. No SET clause (it
-- would save and restore settings on every append); every name is schema-qualified instead, and the
-- application role can create nothing to shadow them.
CREATE OR REPLACE FUNCTION gempix.append_guard(p_key_ids uuid[]) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER AS $$
BEGIN
    PERFORM pg_catalog.pg_advisory_xact_lock_shared(pg_catalog.hashtextextended('gempix-key:' || id::text, 0))
       FROM pg_catalog.unnest(p_key_ids) AS id;
    IF (SELECT pg_catalog.count(*) FROM gempix_vault.keys k WHERE k.id = ANY (p_key_ids)) <> pg_catalog.cardinality(p_key_ids) THEN
        RAISE EXCEPTION 'a key of this append was destroyed' USING ERRCODE = 'GP010';
    END IF;
END
$$;
ALTER FUNCTION gempix.append_guard(uuid[]) OWNER TO gempix_vault;

-- Destroys the given keys and leaves their tombstones: first an exclusive lock on each key, which waits for
-- the appends that still use it to commit (see gempix.append_guard), then the delete. Returns what was destroyed.
CREATE FUNCTION gempix_vault.destroy_keys(p_ids uuid[], p_at timestamptz)
RETURNS TABLE (id uuid, scope text, asset_id uuid, commitment bytea, created_at timestamptz)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, gempix_vault AS $$
BEGIN
    PERFORM pg_advisory_xact_lock(hashtextextended('gempix-key:' || k::text, 0)) FROM unnest(p_ids) AS k;

    RETURN QUERY
    WITH gone AS (
        DELETE FROM keys k WHERE k.id = ANY (p_ids)
        RETURNING k.id, k.subject_id, k.scope, k.asset_id, k.commitment, k.created_at
    ), kept AS (
        INSERT INTO destroyed_keys (id, subject_id, scope, asset_id, commitment, created_at, destroyed_at)
        SELECT g.id, g.subject_id, g.scope, g.asset_id, g.commitment, g.created_at, p_at FROM gone g
        RETURNING destroyed_keys.id, destroyed_keys.scope, destroyed_keys.asset_id, destroyed_keys.commitment, destroyed_keys.created_at
    )
    SELECT * FROM kept;
END
$$;

-- Destroys a subject's keys of the given scopes (and, with 'personal', the asset keys under it), fences the
-- scopes, and returns what was destroyed. Notifies every process to drop these keys from its cache.
CREATE FUNCTION gempix_vault.destroy_subject_keys(p_subject_id uuid, p_scopes text[], p_at timestamptz)
RETURNS TABLE (id uuid, scope text, asset_id uuid, commitment bytea, created_at timestamptz)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, gempix_vault AS $$
BEGIN
    INSERT INTO fences (subject_id, scope, fenced_at)
    SELECT p_subject_id, s, p_at FROM unnest(p_scopes) s
    ON CONFLICT DO NOTHING;

    RETURN QUERY SELECT * FROM destroy_keys(ARRAY(
        SELECT k.id FROM keys k
         WHERE k.subject_id = p_subject_id
           AND (k.scope = ANY (p_scopes) OR (k.scope = 'asset' AND 'personal' = ANY (p_scopes)))), p_at);

    PERFORM pg_notify('gempix_keys', p_subject_id::text);
END
$$;

-- Destroys one asset's key: that image and its prompt become unreadable, the subject's other data stays.
CREATE FUNCTION gempix_vault.destroy_asset_key(p_asset_id uuid, p_at timestamptz)
RETURNS TABLE (id uuid, scope text, asset_id uuid, commitment bytea, created_at timestamptz)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, gempix_vault AS $$
BEGIN
    RETURN QUERY SELECT * FROM destroy_keys(ARRAY(SELECT k.id FROM keys k WHERE k.asset_id = p_asset_id), p_at);

    PERFORM pg_notify('gempix_keys', p_asset_id::text);
END
$$;

-- The retain-until date of a subject's billing key moves with each new transaction; it never shortens.
CREATE FUNCTION gempix_vault.extend_retention(p_key_id uuid, p_until timestamptz)
RETURNS void
LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, gempix_vault AS $$
    UPDATE keys SET retain_until = greatest(retain_until, p_until) WHERE id = p_key_id AND scope = 'billing'
$$;

-- Billing keys whose retain-until date has passed, for retention.
CREATE FUNCTION gempix_vault.expired_billing_keys(p_as_of timestamptz)
RETURNS TABLE (subject_id uuid, retain_until timestamptz)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, gempix_vault AS $$
    SELECT k.subject_id, k.retain_until FROM keys k WHERE k.scope = 'billing' AND k.retain_until <= p_as_of
$$;

-- What a certificate reports as retained: the subject's live keys of other scopes.
CREATE FUNCTION gempix_vault.retained_keys(p_subject_id uuid)
RETURNS TABLE (id uuid, scope text, created_at timestamptz, retain_until timestamptz)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, gempix_vault AS $$
    SELECT k.id, k.scope, k.created_at, k.retain_until FROM keys k WHERE k.subject_id = p_subject_id AND k.scope <> 'asset'
$$;

CREATE FUNCTION gempix_vault.get_signing_keys()
RETURNS TABLE (kid text, wrapped_by text, wrapped bytea, public_jwk jsonb, created_at timestamptz)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, gempix_vault AS $$
    SELECT s.kid, s.wrapped_by, s.wrapped, s.public_jwk, s.created_at FROM signing_keys s ORDER BY s.created_at
$$;

CREATE FUNCTION gempix_vault.add_signing_key(p_kid text, p_wrapped_by text, p_wrapped bytea, p_public_jwk jsonb, p_created_at timestamptz)
RETURNS void
LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, gempix_vault AS $$
    INSERT INTO signing_keys (kid, wrapped_by, wrapped, public_jwk, created_at)
    VALUES (p_kid, p_wrapped_by, p_wrapped, p_public_jwk, p_created_at) ON CONFLICT DO NOTHING
$$;

DO $$
DECLARE
    f regprocedure;
BEGIN
    FOR f IN SELECT p.oid::regprocedure FROM pg_proc p WHERE p.pronamespace = 'gempix_vault'::regnamespace LOOP
        EXECUTE format('ALTER FUNCTION %s OWNER TO gempix_vault', f);
        EXECUTE format('REVOKE ALL ON FUNCTION %s FROM PUBLIC', f);
        EXECUTE format('GRANT EXECUTE ON FUNCTION %s TO gempix_app', f);
    END LOOP;
END
$$;

-- Blobs (uploads, generated images): where each encrypted file is, whose it is and which key encrypts it.
CREATE TABLE gempix.blobs (
    id          uuid        PRIMARY KEY,
    subject_id  uuid        NOT NULL,
    asset_id    uuid        NOT NULL,
    key_id      uuid        NOT NULL,
    file_name   text        NOT NULL,
    bytes       bigint      NOT NULL,
    created_at  timestamptz NOT NULL
);
CREATE INDEX blobs_subject ON gempix.blobs (subject_id);
CREATE INDEX blobs_asset ON gempix.blobs (asset_id);
GRANT SELECT, INSERT, DELETE ON gempix.blobs TO gempix_app;

-- Deletion certificates as issued (JWS compact), served at /v1/certificates/{id}.
CREATE TABLE gempix.deletion_certificates (
    id          uuid        PRIMARY KEY,
    subject_id  uuid        NOT NULL,
    request_id  uuid,
    jws         text        NOT NULL,
    issued_at   timestamptz NOT NULL
);
CREATE INDEX deletion_certificates_subject ON gempix.deletion_certificates (subject_id);
GRANT SELECT, INSERT ON gempix.deletion_certificates TO gempix_app;
