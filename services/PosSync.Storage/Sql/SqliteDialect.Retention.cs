namespace PosSync.Storage.Sql;

/// <summary>
/// SQLite has no DELETE ... TOP: a batch is the rowids (here the id column, its alias) chosen by a
/// LIMITed sub-select on the time index. The statement runs under the write lock as a whole, so
/// nothing changes between choosing the rows and deleting them.
/// </summary>
public sealed partial class SqliteDialect
{
    /// <summary>An execution that may go: finished (a whitelist, so a status added later is kept), and not the last word on an undone day.</summary>
    private const string PrunableExecution = """
        e.started_at < @Before
        AND e.status IN ('success', 'warning', 'error', 'waiting', 'skipped')
        AND (EXISTS (SELECT 1 FROM day_ledger AS d
                     WHERE d.consumer_id = e.consumer_id AND d.location_id = e.location_id AND d.business_date = e.business_date
                       AND d.status IN ('booked', 'nothing_to_book'))
             OR EXISTS (SELECT 1 FROM executions AS later
                        WHERE later.consumer_id = e.consumer_id AND later.location_id = e.location_id
                          AND later.business_date = e.business_date AND later.id > e.id))
        """;

    /// <summary>Events and requests go with their run: when no run that stays owns them.</summary>
    private const string NoKeptExecution = $"NOT EXISTS (SELECT 1 FROM executions AS e WHERE e.execution_id = {{0}}.execution_id AND NOT ({PrunableExecution}))";

    private static readonly string PrunableEvent = $"ev.at < @Before AND {string.Format(NoKeptExecution, "ev")}";
    private static readonly string PrunableRequest = $"r.at < @Before AND (r.execution_id IS NULL OR {string.Format(NoKeptExecution, "r")})";

    public override string PruneExecutions => $"""
        DELETE FROM executions WHERE id IN (
            SELECT e.id FROM executions AS e WHERE {PrunableExecution} ORDER BY e.started_at LIMIT @Count)
        """;
    public override string PruneEvents => $"""
        DELETE FROM execution_events WHERE id IN (
            SELECT ev.id FROM execution_events AS ev WHERE {PrunableEvent} ORDER BY ev.at LIMIT @Count)
        """;
    public override string PruneRequests => $"""
        DELETE FROM requests WHERE id IN (
            SELECT r.id FROM requests AS r WHERE {PrunableRequest} ORDER BY r.at LIMIT @Count)
        """;
    public override string CountPrunableExecutions => $"SELECT COUNT(*) FROM executions AS e WHERE {PrunableExecution}";
    public override string CountPrunableEvents => $"SELECT COUNT(*) FROM execution_events AS ev WHERE {PrunableEvent}";
    public override string CountPrunableRequests => $"SELECT COUNT(*) FROM requests AS r WHERE {PrunableRequest}";
}
