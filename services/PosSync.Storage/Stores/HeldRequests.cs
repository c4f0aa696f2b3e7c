using Dapper;

namespace PosSync.Storage.Stores;

/// <summary>
/// The request rows a stage's connector calls made for one run, waiting to reach the transaction
/// table with the run's next write to the execution log (an event, the hand-off, the ending) rather
/// than each in a round trip of its own. The stage's frame writes what is still held when the stage
/// ends, however it ends, so no row is lost. Calls outside a stage (CLI, consent) hold nothing.
/// </summary>
public sealed class HeldRequests
{
    /// <summary>
    /// The most rows one command carries: each row is 10 parameters and SQL Server takes at most 2,100
    /// in one request, per its maximum capacity specifications
    /// (https://learn.microsoft.com/sql/sql-server/maximum-capacity-specifications-for-sql-server);
    /// the rest wait for the next write.
    /// </summary>
    public const int MaxCarried = 100;

    private readonly List<RequestRecord> _rows = [];

    /// <summary>How many rows are waiting.</summary>
    public int Count
    {
        get { lock (_rows) return _rows.Count; }
    }

    /// <summary>Connector calls of one stage may run side by side (a catalog per location): adding is safe from any thread.</summary>
    public void Add(RequestRecord row)
    {
        lock (_rows) _rows.Add(row);
    }

    /// <summary>The oldest rows, at most <see cref="MaxCarried"/>, no longer held: the caller writes them, or puts them back.</summary>
    public IReadOnlyList<RequestRecord> Take()
    {
        lock (_rows)
        {
            if (_rows.Count == 0) return [];
            var taken = _rows.Take(MaxCarried).ToList();
            _rows.RemoveRange(0, taken.Count);
            return taken;
        }
    }

    /// <summary>Rows whose write failed are held again, ahead of any added since, so their order is kept.</summary>
    public void PutBack(IReadOnlyList<RequestRecord> rows)
    {
        lock (_rows) _rows.InsertRange(0, rows);
    }

    /// <summary>The parameters of <see cref="Sql.SqlDialect.InsertRequests"/> for <paramref name="rows"/>, added to a command's.</summary>
    internal static DynamicParameters With(object parameters, IReadOnlyList<RequestRecord> rows)
    {
        var all = new DynamicParameters(parameters);
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            all.Add($"R{i}ConsumerId", row.ConsumerId);
            all.Add($"R{i}ExecutionId", row.ExecutionId);
            all.Add($"R{i}Connector", row.Connector);
            all.Add($"R{i}Operation", row.Operation);
            all.Add($"R{i}Method", row.Method);
            all.Add($"R{i}Url", row.Url);
            all.Add($"R{i}StatusCode", row.StatusCode);
            all.Add($"R{i}DurationMs", row.DurationMs);
            all.Add($"R{i}Error", row.Error);
            all.Add($"R{i}At", row.At);
        }
        return all;
    }
}
