-- What an operator asks first: is each projection running, how far behind is it, and if parked, why.
-- `./gempix projections status` shows the same.
CREATE VIEW gempix.projection_status AS
SELECT c.name,
       c.status,
       c.tx_id,
       c.seq,
       (SELECT count(*) FROM gempix.events e WHERE (e.tx_id, e.seq) > (c.tx_id, c.seq)) AS events_behind,
       c.failed_seq,
       c.error,
       c.attempts,
       c.updated_at
  FROM gempix.projection_checkpoints c;

GRANT SELECT ON gempix.projection_status TO gempix_app;
