namespace PosSync.Storage.Sql;

/// <summary>
/// The retention statements (possync prune). Each Prune* statement deletes at most @Count rows
/// older than @Before, oldest first, and returns how many it deleted, so the caller loops in short
/// transactions instead of one long delete that would lock the workers out. Each Count* statement
/// counts exactly what its Prune* statement would delete (for --dry-run).
/// What is kept whatever its age: runs still running or queued, and the last run of a day the
/// ledger does not record as done (the scheduler and `retry --all-failed` read it: without it an
/// old failed day would look never run and be back-filled again), with their events and requests.
/// </summary>
public abstract partial class SqlDialect
{
    public abstract string PruneExecutions { get; }
    public abstract string PruneEvents { get; }
    public abstract string PruneRequests { get; }
    public abstract string CountPrunableExecutions { get; }
    public abstract string CountPrunableEvents { get; }
    public abstract string CountPrunableRequests { get; }
}
