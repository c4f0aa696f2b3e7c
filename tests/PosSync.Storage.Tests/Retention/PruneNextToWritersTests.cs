using System.Diagnostics;
using PosSync.Contracts;
using PosSync.Storage.Migrations;
using PosSync.Storage.Stores;
using PosSync.Testing;

namespace PosSync.Storage.Tests.Retention;

/// <summary>
/// possync prune runs while the workers write to the same SQLite file: it must delete old rows only
/// and never keep a worker's write waiting long (the embedded store shares one write lock).
/// </summary>
[CancelAfter(120_000)]
public class PruneNextToWritersTests
{
    // Generous for a loaded 2-core machine (a WAL checkpoint, CPU starvation); a prune holding the lock would take far longer.
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(5);
    private string _folder = null!;
    private Database _database = null!;

    [SetUp]
    public async Task CreateDatabase()
    {
        _folder = Path.Combine(Path.GetTempPath(), "possync-retention-" + Guid.NewGuid().ToString("N"));
        _database = Database.SqliteFile(_folder);
        await MigrationRunner.ApplyAsync(_database, CancellationToken.None);
    }

    [TearDown]
    public void DeleteDatabase()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Test]
    public async Task A_prune_next_to_a_writer_deletes_old_rows_only_and_the_writer_never_waits_long()
    {
        var seed = new RetentionSeed(_database);
        var old = DateTimeOffset.UtcNow.AddDays(-450);
        await seed.BulkAsync(old, runs: 3_000, requestsPerRun: 10);
        var (oldRuns, oldEvents, oldRequests) = (
            await seed.CountAsync("executions"),
            await seed.CountAsync("execution_events"),
            await seed.CountAsync("requests"));

        using var stop = new CancellationTokenSource();
        var writer = Task.Run(() => WriteAsync(stop.Token));
        await Task.Delay(300);
        var watch = Stopwatch.StartNew();
        var pruned = await new ExecutionLogPruner(_database).PruneAsync(
            DateTime.UtcNow.AddDays(-400), 1_000, TimeSpan.FromMilliseconds(20), null, CancellationToken.None);
        var pruneTime = watch.Elapsed;
        // Keep writing a little after the prune, so the writer surely overlapped all of it.
        await Task.Delay(TimeSpan.FromSeconds(Math.Max(0.5, 3 - pruneTime.TotalSeconds)));
        await stop.CancelAsync();
        var (written, slowest) = await writer;

        TestContext.Out.WriteLine(
            $"prune {pruneTime.TotalMilliseconds:0} ms, {pruned.Sum(t => t.Batches)} batches; writer {written.Count} runs, " +
                $"slowest write {slowest.TotalMilliseconds:0} ms");
        Assert.That(pruned.Select(t => t.Rows), Is.EqualTo(new[] { oldRuns, oldEvents, oldRequests }), "every old row went");
        Assert.That(pruned.Single(t => t.Table == "requests").Batches, Is.GreaterThan(20));
        Assert.That(written, Has.Count.GreaterThan(20), "the writer kept writing during the prune");
        Assert.That(slowest, Is.LessThan(Bound), "no write waited long for the prune");
        Assert.That(await seed.CountAsync("executions"), Is.EqualTo(written.Count), "every new run stayed");
        Assert.That(await seed.CountAsync("execution_events"), Is.EqualTo(written.Count));
        Assert.That(await seed.CountAsync("requests"), Is.EqualTo(2 * written.Count));
        Assert.That(await seed.CountAsync("day_ledger"), Is.EqualTo(3_000), "the day ledger is never pruned");
    }

    /// <summary>What a worker writes for a run (execution, event, requests, finish), timing every statement.</summary>
    private async Task<(List<Guid> Written, TimeSpan Slowest)> WriteAsync(CancellationToken stop)
    {
        var log = new ExecutionLog(_database, TimeProvider.System);
        var requests = new RequestLog(_database);
        var written = new List<Guid>();
        var slowest = TimeSpan.Zero;
        async Task Timed(Func<Task> write)
        {
            var watch = Stopwatch.StartNew();
            await write();
            if (watch.Elapsed > slowest) slowest = watch.Elapsed;
        }
        for (var i = 0; !stop.IsCancellationRequested; i++)
        {
            var run = new DayRun
            {
                ExecutionId = Guid.NewGuid(), ConsumerId = RetentionSeed.Consumer, LocationId = "live",
                BusinessDate = new DateOnly(2025, 1, 1).AddDays(i),
            };
            await Timed(() => log.StartAsync(run, Stage.Ingest, null, CancellationToken.None));
            await Timed(() => log.AddEventAsync(run.ExecutionId, Stage.Ingest, EventLevel.Info, null, "day fetched", null, CancellationToken.None));
            for (var r = 0; r < 2; r++)
                await Timed(() => requests.AddAsync(new RequestRecord
                {
                    ConsumerId = RetentionSeed.Consumer, ExecutionId = run.ExecutionId, Connector = "lightspeed", Operation = "day",
                    Method = "GET", Url = "https://lightspeed.example/f/finance", StatusCode = 200, DurationMs = 30, At = DateTime.UtcNow,
                }, CancellationToken.None));
            await Timed(() => log.FinishAsync(run.ExecutionId, new ExecutionOutcome(ExecutionStatus.Success, Stage.Export), CancellationToken.None));
            written.Add(run.ExecutionId);
            await Task.Delay(5, CancellationToken.None);
        }
        return (written, slowest);
    }
}
