using Dapper;

namespace PosSync.Storage.Stores;

/// <summary>
/// Retention of the execution log: deletes executions, their events and requests older than a
/// cut-off, in small batches, oldest first, each batch its own statement and so its own short
/// transaction, with a pause between batches so waiting writers get the lock (SQLite's busy handler
/// polls; a prune that took the lock again at once could starve a worker). Never touches the day
/// ledger, consumers, credentials, issues or day snapshots; which runs stay whatever their age is
/// said in <see cref="Sql.SqlDialect"/>'s retention statements.
/// </summary>
public sealed class ExecutionLogPruner(Database database)
{
    /// <summary>A dry run counts over the whole expired range at once; give it longer than a batch.</summary>
    private const int CountTimeoutSeconds = 600;

    /// <summary>Runs first, so the events and requests that go with them are found in the same pass.</summary>
    private IEnumerable<(string Table, string Prune, string Count)> Tables =>
    [
        ("executions", database.Sql.PruneExecutions, database.Sql.CountPrunableExecutions),
        ("execution_events", database.Sql.PruneEvents, database.Sql.CountPrunableEvents),
        ("requests", database.Sql.PruneRequests, database.Sql.CountPrunableRequests),
    ];

    /// <param name="before">The cut-off, UTC: what is older may go.</param>
    /// <param name="onTable">Called as each table is done, so a long prune shows its progress.</param>
    public async Task<IReadOnlyList<PrunedTable>> PruneAsync(DateTime before, int batchSize, TimeSpan pause,
        Action<PrunedTable>? onTable, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        var cutoff = Utc(before);
        var done = new List<PrunedTable>();
        foreach (var (table, prune, _) in Tables)
        {
            long rows = 0;
            var batches = 0;
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                int deleted;
                await using (var connection = await database.OpenAsync(cancellationToken))
                    deleted = await connection.ExecuteAsync(
                        new CommandDefinition(prune, new { Before = cutoff, Count = batchSize }, cancellationToken: cancellationToken));
                if (deleted <= 0) break;
                rows += deleted;
                batches++;
                // Fewer than asked: nothing older is left (on SQL Server, rows a worker held were skipped; the next pass takes them).
                if (deleted < batchSize) break;
                if (pause > TimeSpan.Zero) await Task.Delay(pause, cancellationToken);
            }
            var result = new PrunedTable(table, rows, batches);
            done.Add(result);
            onTable?.Invoke(result);
        }
        return done;
    }

    /// <summary>What <see cref="PruneAsync"/> would delete now, deleting nothing.</summary>
    public async Task<IReadOnlyList<PrunedTable>> CountAsync(DateTime before, int batchSize, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        var cutoff = Utc(before);
        await using var connection = await database.OpenAsync(cancellationToken);
        var counts = new List<PrunedTable>();
        foreach (var (table, _, count) in Tables)
        {
            var rows = await connection.ExecuteScalarAsync<long>(new CommandDefinition(count, new { Before = cutoff },
                commandTimeout: CountTimeoutSeconds, cancellationToken: cancellationToken));
            counts.Add(new PrunedTable(table, rows, (int)((rows + batchSize - 1) / batchSize)));
        }
        return counts;
    }

    /// <summary>Stored times are UTC; an unspecified kind would be taken as local time by the type handler.</summary>
    private static DateTime Utc(DateTime value) => value.Kind switch
    {
        DateTimeKind.Utc => value,
        DateTimeKind.Local => value.ToUniversalTime(),
        _ => DateTime.SpecifyKind(value, DateTimeKind.Utc),
    };
}
