-- Failed sign-ins per email address, for the throttle every API node shares (SignInThrottle). Keyed by the blind
-- index of the address (the same keyed HMAC as gempix.account_emails), never the address itself, and kept for
-- addresses without an account too, so that throttling does not tell which addresses have one. A state, not a
-- history: a success deletes the row, and retention deletes rows once forgotten_at has passed.
CREATE TABLE gempix.sign_in_failures (
    blind_index   bytea       PRIMARY KEY CHECK (octet_length(blind_index) = 32),
    failures      integer     NOT NULL CHECK (failures > 0),
    locked_until  timestamptz,
    forgotten_at  timestamptz NOT NULL
);
CREATE INDEX sign_in_failures_forgotten ON gempix.sign_in_failures (forgotten_at);

GRANT SELECT, INSERT, UPDATE, DELETE ON gempix.sign_in_failures TO gempix_app;
