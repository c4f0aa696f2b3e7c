namespace PosSync.Storage.Sql;

/// <summary>
/// Batched deletes in the manner of Hangfire's SQL Server expiration manager (DELETE TOP (@count)
/// by an indexed expiry time, in a loop, ~1,000 rows a statement so SQL Server never escalates to a
/// table lock, which it does at about 5,000 locks). Unlike a bare DELETE TOP, the rows are chosen by
/// a TOP ... ORDER BY sub-select, so the oldest go first. UPDLOCK keeps the chosen rows from changing
/// before they are deleted (a run reopened in between is not deleted); READPAST skips rows a worker
/// holds, so the prune never waits on a worker (they go on the next pass); ROWLOCK keeps the locks
/// narrow. DEADLOCK_PRIORITY LOW: should a deadlock happen, the prune is the victim, never a worker.
/// The session setting stays on the prune's pooled connections, which only the prune process uses.
/// </summary>
public sealed partial class SqlServerDialect
{
    /// <summary>An execution that may go: finished (a whitelist, so a status added later is kept), and not the last word on an undone day.</summary>
    private const string PrunableExecution = """
        e.started_at < @Before
        AND e.status IN (N'success', N'warning', N'error', N'waiting', N'skipped')
        AND (EXISTS (SELECT 1 FROM ops.day_ledger AS d
                     WHERE d.consumer_id = e.consumer_id AND d.location_id = e.location_id AND d.business_date = e.business_date
                       AND d.status IN (N'booked', N'nothing_to_book'))
             OR EXISTS (SELECT 1 FROM ops.executions AS later
                        WHERE later.consumer_id = e.consumer_id AND later.location_id = e.location_id
                          AND later.business_date = e.business_date AND later.id > e.id))
        """;

    /// <summary>Events and requests go with their run: when no run that stays owns them.</summary>
    private const string NoKeptExecution = $"NOT EXISTS (SELECT 1 FROM ops.executions AS e WHERE e.execution_id = {{0}}.execution_id AND NOT ({PrunableExecution}))";

    private static readonly string PrunableEvent = $"ev.at < @Before AND {string.Format(NoKeptExecution, "ev")}";
    private static readonly string PrunableRequest = $"r.at < @Before AND (r.execution_id IS NULL OR {string.Format(NoKeptExecution, "r")})";

    private const string Batch = "WITH (UPDLOCK, READPAST, ROWLOCK)";

    public override string PruneExecutions => $"""
        SET DEADLOCK_PRIORITY LOW;
        DELETE FROM ops.executions WHERE id IN (
            SELECT TOP (@Count) e.id FROM ops.executions AS e {Batch} WHERE {PrunableExecution} ORDER BY e.started_at);
        """;
    public override string PruneEvents => $"""
        SET DEADLOCK_PRIORITY LOW;
        DELETE FROM ops.execution_events WHERE id IN (
            SELECT TOP (@Count) ev.id FROM ops.execution_events AS ev {Batch} WHERE {PrunableEvent} ORDER BY ev.at);
        """;
    public override string PruneRequests => $"""
        SET DEADLOCK_PRIORITY LOW;
        DELETE FROM ops.requests WHERE id IN (
            SELECT TOP (@Count) r.id FROM ops.requests AS r {Batch} WHERE {PrunableRequest} ORDER BY r.at);
        """;
    public override string CountPrunableExecutions => $"SELECT COUNT_BIG(*) FROM ops.executions AS e WHERE {PrunableExecution};";
    public override string CountPrunableEvents => $"SELECT COUNT_BIG(*) FROM ops.execution_events AS ev WHERE {PrunableEvent};";
    public override string CountPrunableRequests => $"SELECT COUNT_BIG(*) FROM ops.requests AS r WHERE {PrunableRequest};";
}
