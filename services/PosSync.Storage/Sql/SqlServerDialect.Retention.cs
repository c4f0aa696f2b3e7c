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
    protected override string DeleteOldest(string table, string alias, string condition, string oldestFirst) => $"""
        SET DEADLOCK_PRIORITY LOW;
        DELETE FROM ops.{table} WHERE id IN (
            SELECT TOP (@Count) {alias}.id FROM ops.{table} AS {alias} WITH (UPDLOCK, READPAST, ROWLOCK) WHERE {condition} ORDER BY {oldestFirst});
        """;

    protected override string CountRows => "COUNT_BIG(*)";
}
