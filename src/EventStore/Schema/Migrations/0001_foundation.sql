-- The application's own schema. Later migrations add the event store, the key vault and the read models.
CREATE SCHEMA IF NOT EXISTS gempix;
COMMENT ON SCHEMA gempix IS 'GemPix: events, ledger, queues and read models. Schema changes only through versioned migrations.';
