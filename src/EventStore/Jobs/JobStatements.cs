namespace GemPix.EventStore.Jobs;

/// <summary>
/// The queue's SQL. Every instant is a parameter from the application's clock, never <c>now()</c>, so that the
/// clock alone decides what is due and what has expired (and tests can move it). A statement that acts for a lease
/// holder matches the owner and the attempt number: an owner whose lease ran out and was claimed again, even by
/// itself, changes nothing.
/// </summary>
internal static class JobStatements
{
    // $1 id, $2 queue, $3 subject, $4 payload, $5 max attempts, $6 run after, $7 now. status and attempts keep
    // their defaults (queued, 0): the application role may not insert them.
    public const string Insert =
        """
        INSERT INTO gempix.jobs (id, queue, subject_id, payload, max_attempts, run_after, created_at, updated_at)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $7)
        ON CONFLICT (id) DO NOTHING
        """;

    // $1 queue.
    public const string Notify = $"SELECT pg_notify('{JobWakeUps.Channel}', $1)";

    // $1 queue, $2 now, $3 owner, $4 lease until, $5 how many, $6 the reason recorded when a lease had expired.
    // The inner SELECT picks and locks the due rows, skipping those another claimer has locked at this moment, so
    // concurrent claimers never wait for each other nor take the same job; the UPDATE then starts the attempt.
    // A row the inner SELECT saw but another claimer changed before it could lock it is re-checked against the
    // WHERE clause on its newest version (READ COMMITTED), so a job just claimed elsewhere is left out.
    public const string Claim =
        """
        WITH claimed AS (
            UPDATE gempix.jobs j
               SET status = 'running',
                   attempts = j.attempts + 1,
                   lease_owner = $3,
                   lease_until = $4,
                   last_error = CASE WHEN j.status = 'running' THEN $6 ELSE j.last_error END,
                   updated_at = $2
             WHERE j.id IN (SELECT c.id
                              FROM gempix.jobs c
                             WHERE c.queue = $1
                               AND ((c.status = 'queued' AND c.run_after <= $2)
                                 OR (c.status = 'running' AND c.lease_until <= $2))
                             ORDER BY c.run_after, c.created_at
                             LIMIT $5
                             FOR UPDATE SKIP LOCKED)
            RETURNING j.id, j.queue, j.subject_id, j.payload::text AS payload, j.attempts, j.max_attempts, j.lease_until,
                      j.created_at, j.run_after
        )
        SELECT id, queue, subject_id, payload, attempts, max_attempts, lease_until, created_at
          FROM claimed
         ORDER BY run_after, created_at
        """;

    // $1 id, $2 owner, $3 attempt.
    private const string Held = "id = $1 AND status = 'running' AND lease_owner = $2 AND attempts = $3";

    // $4 now, $5 lease until.
    public const string Heartbeat = $"UPDATE gempix.jobs SET lease_until = $5, updated_at = $4 WHERE {Held}";

    // $4 now.
    public const string Complete =
        $"""
        UPDATE gempix.jobs
           SET status = 'succeeded', lease_owner = NULL, lease_until = NULL, completed_at = $4, updated_at = $4
         WHERE {Held}
        """;

    // $4 now, $5 the next attempt's run-after, $6 reason. The row decides between retry and dead letter
    // (attempts against max_attempts), so that the decision and the move are one atomic step.
    public const string Fail =
        $"""
        UPDATE gempix.jobs
           SET status = CASE WHEN attempts >= max_attempts THEN 'dead' ELSE 'queued' END,
               run_after = CASE WHEN attempts >= max_attempts THEN run_after ELSE $5 END,
               completed_at = CASE WHEN attempts >= max_attempts THEN $4 END,
               lease_owner = NULL, lease_until = NULL, last_error = $6, updated_at = $4
         WHERE {Held}
        RETURNING status, run_after
        """;

    // $4 now. The attempt is given back uncounted, and the job keeps its place in the order.
    public const string Release =
        $"""
        UPDATE gempix.jobs
           SET status = 'queued', attempts = attempts - 1, lease_owner = NULL, lease_until = NULL, updated_at = $4
         WHERE {Held}
        """;

    // $1 now.
    public const string Statistics =
        """
        SELECT queue,
               count(*) FILTER (WHERE status = 'queued'),
               count(*) FILTER (WHERE status = 'running'),
               count(*) FILTER (WHERE status = 'running' AND lease_until <= $1),
               count(*) FILTER (WHERE status = 'succeeded'),
               count(*) FILTER (WHERE status = 'dead'),
               min(run_after) FILTER (WHERE status = 'queued' AND run_after <= $1)
          FROM gempix.jobs
         GROUP BY queue
         ORDER BY queue
        """;
}
