-- API keys for auditors, regulators and admins. Only the SHA-256 of each key is kept; the key itself is shown
-- once, when it is issued (./gempix keys issue), and never stored.
CREATE TABLE gempix.api_keys (
    id          uuid        PRIMARY KEY,
    name        text        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    role        text        NOT NULL CHECK (role IN ('auditor', 'regulator', 'admin')),
    key_hash    bytea       NOT NULL UNIQUE CHECK (octet_length(key_hash) = 32),
    created_at  timestamptz NOT NULL,
    revoked_at  timestamptz
);

GRANT SELECT, INSERT ON gempix.api_keys TO gempix_app;
GRANT UPDATE (revoked_at) ON gempix.api_keys TO gempix_app;
