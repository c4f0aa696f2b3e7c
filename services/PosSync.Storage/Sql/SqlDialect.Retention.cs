namespace PosSync.Storage.Sql;

/// <summary>
/// The retention statements (possync prune). Each Prune* statement deletes at most @Count rows
/// older than @Before, oldest first, and returns how many it deleted, so the caller loops in short
/// transactions instead of one long delete that would lock the workers out. Each Count* statement
/// counts exactly what its Prune* statement would delete (for --dry-run): both read the same
/// condition. How a batch is chosen and locked is the engine's (<see cref="DeleteOldest"/>).
/// What is kept whatever its age: runs still running or queued, and the last run of a day the
/// ledger does not record as done (the scheduler and `retry --all-failed` read it: without it an
/// old failed day would look never run and be back-filled again), with their events and requests.
/// </summary>
public abstract partial class SqlDialect
{
    /// <summary>
    /// Deletes the first @Count rows of <paramref name="table"/> (aliased <paramref name="alias"/>)
    /// matching <paramref name="condition"/> in the order of <paramref name="oldestFirst"/>.
    /// </summary>
    protected abstract string DeleteOldest(string table, string alias, string condition, string oldestFirst);

    /// <summary>COUNT(*) as wide as the engine counts: COUNT_BIG on SQL Server.</summary>
    protected abstract string CountRows { get; }

    public string PruneExecutions => field ??= DeleteOldest("executions", "e", PrunableExecution, "e.started_at");
    public string PruneEvents => field ??= DeleteOldest("execution_events", "ev", PrunableEvent, "ev.at");
    public string PruneRequests => field ??= DeleteOldest("requests", "r", PrunableRequest, "r.at");
    public string CountPrunableExecutions => field ??= $"SELECT {CountRows} FROM {Schema}executions AS e WHERE {PrunableExecution};";
    public string CountPrunableEvents => field ??= $"SELECT {CountRows} FROM {Schema}execution_events AS ev WHERE {PrunableEvent};";
    public string CountPrunableRequests => field ??= $"SELECT {CountRows} FROM {Schema}requests AS r WHERE {PrunableRequest};";

    /// <summary>An execution that may go: finished (a whitelist, so a status added later is kept), and not the last word on an undone day.</summary>
    private string PrunableExecution => field ??= $"""
        e.started_at < @Before
        AND e.status IN ({Literals("success", "warning", "error", "waiting", "skipped")})
        AND (EXISTS (SELECT 1 FROM {Schema}day_ledger AS d
                     WHERE d.consumer_id = e.consumer_id AND d.location_id = e.location_id AND d.business_date = e.business_date
                       AND d.status IN ({Literals("booked", "nothing_to_book")}))
             OR EXISTS (SELECT 1 FROM {Schema}executions AS later
                        WHERE later.consumer_id = e.consumer_id AND later.location_id = e.location_id
                          AND later.business_date = e.business_date AND later.id > e.id))
        """;

    private string PrunableEvent => field ??= $"ev.at < @Before AND {NoKeptExecution("ev")}";
    private string PrunableRequest => field ??= $"r.at < @Before AND (r.execution_id IS NULL OR {NoKeptExecution("r")})";

    /// <summary>Events and requests go with their run: when no run that stays owns them.</summary>
    private string NoKeptExecution(string alias) =>
        $"NOT EXISTS (SELECT 1 FROM {Schema}executions AS e WHERE e.execution_id = {alias}.execution_id AND NOT ({PrunableExecution}))";

    private string Literals(params string[] words) => string.Join(", ", words.Select(Literal));
}
