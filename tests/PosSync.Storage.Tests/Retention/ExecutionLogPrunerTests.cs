using Dapper;
using PosSync.Domain.Days;
using PosSync.Storage.Migrations;
using PosSync.Storage.Stores;
using PosSync.Testing;

namespace PosSync.Storage.Tests.Retention;

/// <summary>Retention on a real SQLite file: what goes, what stays whatever its age, and in how many batches.</summary>
public class ExecutionLogPrunerTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;
    private static readonly DateTime Cutoff = Now.UtcDateTime.AddDays(-400);
    private static readonly DateTimeOffset Old = Now.AddDays(-450);
    private static readonly DateTimeOffset Recent = Now.AddDays(-10);
    private string _folder = null!;
    private Database _database = null!;
    private RetentionSeed _seed = null!;
    private ExecutionLogPruner _pruner = null!;

    [SetUp]
    public async Task CreateDatabase()
    {
        _folder = Path.Combine(Path.GetTempPath(), "possync-retention-" + Guid.NewGuid().ToString("N"));
        _database = Database.SqliteFile(_folder);
        await MigrationRunner.ApplyAsync(_database, CancellationToken.None);
        _seed = new RetentionSeed(_database);
        _pruner = new ExecutionLogPruner(_database);
    }

    [TearDown]
    public void DeleteDatabase()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private Task<IReadOnlyList<PrunedTable>> PruneAsync(int batchSize = 1_000) =>
        _pruner.PruneAsync(Cutoff, batchSize, TimeSpan.Zero, null, CancellationToken.None);

    [Test]
    public async Task Only_rows_older_than_the_retention_go_and_the_day_ledger_stays()
    {
        await _seed.LedgerAsync("2024-01-10", LedgerDay.Booked);
        var old = await _seed.RunAsync(Old, ExecutionStatus.Success, "2024-01-10");
        var recent = await _seed.RunAsync(Recent, ExecutionStatus.Success, "2024-01-11");
        await _seed.RequestAsync(Old);
        await _seed.RequestAsync(Recent);
        await new DayArchive(_database, TimeProvider.System).SaveDayAsync(
            new DayKey(RetentionSeed.Consumer, "loc-1", new DateOnly(2024, 1, 10)),
            old,
            "{}"u8.ToArray(),
            CancellationToken.None);

        var pruned = await PruneAsync();

        Assert.That(pruned.Select(t => (t.Table, t.Rows)), Is.EqualTo(new[] { ("executions", 1L), ("execution_events", 2L), ("requests", 3L) }));
        Assert.That(await new ExecutionLog(_database, TimeProvider.System).GetAsync(old, CancellationToken.None), Is.Null);
        Assert.That(await _seed.CountAsync("execution_events", old), Is.Zero);
        Assert.That(await _seed.CountAsync("requests", old), Is.Zero);
        Assert.That(await new ExecutionLog(_database, TimeProvider.System).GetAsync(recent, CancellationToken.None), Is.Not.Null);
        Assert.That(await _seed.CountAsync("execution_events", recent), Is.EqualTo(2));
        Assert.That(await _seed.CountAsync("requests", recent), Is.EqualTo(2));
        Assert.That(await _seed.CountAsync("requests"), Is.EqualTo(3), "the recent call outside any run stays");
        var day = await new DayLedger(_database, TimeProvider.System).GetAsync(
            new DayKey(RetentionSeed.Consumer, "loc-1", new DateOnly(2024, 1, 10)),
            CancellationToken.None);
        Assert.That(day?.Status, Is.EqualTo(LedgerDay.Booked), "the day ledger is never pruned");
        Assert.That(await _seed.CountAsync("day_snapshots"), Is.EqualTo(1), "the snapshot of a booked day is never pruned");
    }

    [Test]
    public async Task Running_and_queued_runs_stay_whatever_their_age_with_their_events_and_requests()
    {
        await _seed.LedgerAsync("2024-01-10", LedgerDay.Booked);
        await _seed.LedgerAsync("2024-01-11", LedgerDay.Booked);
        var running = await _seed.RunAsync(Old, ExecutionStatus.Running, "2024-01-10", stage: Stage.Ingest);
        var queued = await _seed.RunAsync(Old, ExecutionStatus.Running, "2024-01-11", stage: Stage.Queued);

        var pruned = await PruneAsync();

        Assert.That(pruned.Sum(t => t.Rows), Is.Zero);
        foreach (var id in new[] { running, queued })
        {
            Assert.That(await _seed.CountAsync("executions", id), Is.EqualTo(1));
            Assert.That(await _seed.CountAsync("execution_events", id), Is.EqualTo(2));
            Assert.That(await _seed.CountAsync("requests", id), Is.EqualTo(2));
        }
    }

    [Test]
    public async Task The_last_run_of_a_day_not_done_stays_so_the_scheduler_never_takes_the_day_for_never_run()
    {
        var first = await _seed.RunAsync(Old, ExecutionStatus.Error, "2024-01-10");
        var second = await _seed.RunAsync(Old.AddHours(1), ExecutionStatus.Error, "2024-01-10");
        var last = await _seed.RunAsync(Old.AddHours(7), ExecutionStatus.Error, "2024-01-10");
        await _seed.LedgerAsync("2024-01-10", LedgerDay.Unbooked);

        await PruneAsync();

        Assert.That(await _seed.CountAsync("executions", first) + await _seed.CountAsync("executions", second), Is.Zero);
        Assert.That(await _seed.CountAsync("executions", last), Is.EqualTo(1));
        Assert.That(await _seed.CountAsync("execution_events", last), Is.EqualTo(2), "support still reads why the day failed");
    }

    [Test]
    public async Task More_rows_than_a_batch_go_in_several_batches()
    {
        await _seed.BulkAsync(Old, runs: 250, requestsPerRun: 10);

        var pruned = await PruneAsync(batchSize: 1_000);

        Assert.That(pruned.Single(t => t.Table == "requests"), Is.EqualTo(new PrunedTable("requests", 2_500, 3)));
        Assert.That(pruned.Single(t => t.Table == "executions"), Is.EqualTo(new PrunedTable("executions", 250, 1)));
        Assert.That(await _seed.CountAsync("requests") + await _seed.CountAsync("executions") + await _seed.CountAsync("execution_events"), Is.Zero);
        Assert.That(await _seed.CountAsync("day_ledger"), Is.EqualTo(250));
    }

    [Test]
    public async Task One_batch_takes_the_oldest_rows_first()
    {
        // Each row older than the one inserted before it: ids run against time, so deleting in id order would fail.
        for (var i = 0; i < 300; i++) await _seed.RequestAsync(Old.AddMinutes(-i));
        await using var connection = await _database.OpenAsync(CancellationToken.None);
        var oldest = (await connection.QueryAsync<long>("SELECT id FROM requests ORDER BY at, id LIMIT 100")).ToHashSet();
        Assert.That(oldest.Min(), Is.GreaterThan(200), "the oldest rows have the highest ids");

        var deleted = await connection.ExecuteAsync(_database.Sql.PruneRequests, new { Before = Cutoff, Count = 100 });

        var left = (await connection.QueryAsync<long>("SELECT id FROM requests")).ToHashSet();
        Assert.That(deleted, Is.EqualTo(100));
        Assert.That(left.Overlaps(oldest), Is.False);
        Assert.That(left, Has.Count.EqualTo(200));
    }

    [Test]
    public async Task A_dry_run_counts_what_the_prune_then_deletes_and_deletes_nothing()
    {
        await _seed.BulkAsync(Old, runs: 40, requestsPerRun: 3);
        await _seed.RunAsync(Old, ExecutionStatus.Error, "2024-01-10");
        await _seed.RunAsync(Old.AddHours(1), ExecutionStatus.Error, "2024-01-10");
        await _seed.RunAsync(Old, ExecutionStatus.Running, "2024-01-11");
        await _seed.RunAsync(Recent, ExecutionStatus.Success, "2024-01-12");
        await _seed.RequestAsync(Old);

        var counted = await _pruner.CountAsync(Cutoff, 50, CancellationToken.None);
        var before = await _seed.CountAsync("requests");
        var pruned = await _pruner.PruneAsync(Cutoff, 50, TimeSpan.Zero, null, CancellationToken.None);

        Assert.That(before, Is.EqualTo(120 + 8 + 1));
        Assert.That(counted.Select(t => (t.Table, t.Rows)), Is.EqualTo(pruned.Select(t => (t.Table, t.Rows))));
        Assert.That(counted.Select(t => (t.Table, t.Rows)), Is.EqualTo(new[] { ("executions", 41L), ("execution_events", 42L), ("requests", 123L) }));
    }
}
