using Dapper;
using PosSync.Contracts;
using PosSync.Storage.Stores;
using PosSync.Testing;

namespace PosSync.Integration.Tests;

/// <summary>The nightly `possync prune` runs while the three workers book days into the same SQLite file.</summary>
[Category("Integration")]
[CancelAfter(300_000)]
public class PruneWhileThePipelineRunsTests
{
    [Test]
    public async Task A_prune_during_a_back_fill_deletes_only_the_old_runs_and_every_day_is_still_booked_once(CancellationToken cancellationToken)
    {
        await using var workers = await WorkerHosts.StartAsync(cancellationToken: cancellationToken);
        var world = workers.World;
        var seed = new RetentionSeed(world.Database);
        await seed.BulkAsync(DateTimeOffset.UtcNow.AddDays(-450), runs: 5_000, requestsPerRun: 10);
        await world.AddConsumerAsync();
        var exported = ExportedDays.Export(world, "c-brasserie", 300);

        // Small batches: many short write transactions between the workers' writes. Days are fed to
        // the workers for as long as the prune runs, so the two surely overlap.
        var pruning = Possync.RunAsync(TimeSpan.FromMinutes(2), new Dictionary<string, string> { ["Storage__Retention__BatchSize"] = "100" }, null,
            "prune", "--data", world.Folder);
        var runs = new List<DayRun>();
        foreach (var run in exported.TakeWhile(_ => !pruning.IsCompleted))
        {
            await workers.Bus.Publish(new SyncServiceDay { Run = run }, cancellationToken);
            runs.Add(run);
            await Task.Delay(100, cancellationToken);
        }
        var prune = await pruning;
        var finishedDuringPrune = (
            await world.Executions.ListAsync("c-brasserie", null, null, null, 500, cancellationToken)).Count(e => e.IsFinished);
        var executions = await ExportedDays.WaitForAllAsync(world, runs, cancellationToken);

        TestContext.Out.WriteLine($"{finishedDuringPrune} of {runs.Count} days had ended when the prune did");
        Assert.That(prune.ExitCode, Is.Zero, prune.Output + prune.Errors);
        Assert.That(finishedDuringPrune, Is.Positive, "days were booked while the prune ran");
        Assert.That(await seed.CountAsync("executions"), Is.EqualTo(runs.Count), "the old runs went, the pipeline's stayed");
        Assert.That(await OldRowsAsync(world, "requests"), Is.Zero, "the old calls went");
        Assert.That(await OldRowsAsync(world, "day_ledger"), Is.EqualTo(5_000), "the day ledger is never pruned");
        Assert.That(executions.Select(e => e.Status), Is.All.EqualTo(ExecutionStatus.Success),
            string.Join(
                "\n",
                executions.Where(e => e.Status != ExecutionStatus.Success)
                    .Select(e => $"{e.BusinessDate} {e.Status} {e.ErrorCode} {e.ErrorMessage}")));
        foreach (var execution in executions)
            Assert.That(await seed.CountAsync("execution_events", execution.ExecutionId), Is.Positive, "each run kept its events");
        Assert.That(world.BookedEntryFiles("c-brasserie"), Has.Count.EqualTo(runs.Count), "every day booked once");
    }

    private static async Task<long> OldRowsAsync(TestWorld world, string table)
    {
        await using var connection = await world.Database.OpenAsync(CancellationToken.None);
        return await connection.ExecuteScalarAsync<long>(
            $"SELECT COUNT(*) FROM {table} WHERE consumer_id = @Consumer",
            new { RetentionSeed.Consumer });
    }
}
