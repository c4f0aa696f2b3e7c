using PosSync.Contracts;
using PosSync.Storage.Stores;
using PosSync.Testing;

namespace PosSync.Integration.Tests;

/// <summary>Faults of the database under the three workers on RabbitMQ, healed with no operator command.</summary>
[Category("Integration")]
[CancelAfter(300_000)]
public class DatabaseOutageTests
{
    private const int Days = 100;

    [Test]
    public async Task A_database_locked_for_35_seconds_mid_run_heals_by_itself_and_every_day_is_booked_once(CancellationToken cancellationToken)
    {
        await using var workers = await WorkerHosts.StartAsync(cancellationToken: cancellationToken, temporaryQueues: false);
        await workers.World.AddConsumerAsync();
        var runs = ExportedDays.Export(workers.World, "c-brasserie", Days);
        foreach (var run in runs.Take(Days / 2)) await workers.Bus.Publish(new SyncServiceDay { Run = run }, cancellationToken);
        while ((await workers.World.Executions.ListAsync("c-brasserie", null, null, null, 500, cancellationToken)).Count(e => e.IsFinished) < 10)
            await Task.Delay(100, cancellationToken);

        // Another process takes the write lock mid-run (a long migration, a backup, a stuck tool) for 35 s.
        await using (await SqliteFileLock.TakeAsync(workers.World.DatabaseFile))
        {
            foreach (var run in runs.Skip(Days / 2)) await workers.Bus.Publish(new SyncServiceDay { Run = run }, cancellationToken);
            await Task.Delay(TimeSpan.FromSeconds(35), cancellationToken);
        }
        var executions = await ExportedDays.WaitForAllAsync(workers.World, runs, cancellationToken);

        Assert.That(executions.Select(e => e.Status), Is.All.EqualTo(ExecutionStatus.Success),
            string.Join("\n", executions.Where(e => e.Status != ExecutionStatus.Success).Select(e => $"{e.BusinessDate} {e.Status} {e.ErrorCode} {e.ErrorMessage}")));
        Assert.That(workers.World.BookedEntryFiles("c-brasserie"), Has.Count.EqualTo(Days), "every day booked once");
        var all = await workers.World.Executions.ListAsync("c-brasserie", null, null, null, 500, cancellationToken);
        Assert.That(all, Has.Count.EqualTo(Days), "one execution per day, none left running");
        foreach (var queue in workers.ErrorQueues()) Assert.That(await Broker.MessageCountAsync(queue), Is.Zero, queue);
    }
}
