using System.Text.Json;
using Dapper;
using PosSync.Contracts;
using PosSync.Pipeline.Operations;
using PosSync.Storage.Stores;
using PosSync.Testing;
using PosSync.Domain.Outcomes;

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
            string.Join(
                "\n",
                executions.Where(e => e.Status != ExecutionStatus.Success)
                    .Select(e => $"{e.BusinessDate} {e.Status} {e.ErrorCode} {e.ErrorMessage}")));
        Assert.That(workers.World.BookedEntryFiles("c-brasserie"), Has.Count.EqualTo(Days), "every day booked once");
        var all = await workers.World.Executions.ListAsync("c-brasserie", null, null, null, 500, cancellationToken);
        Assert.That(all, Has.Count.EqualTo(Days), "one execution per day, none left running");
        foreach (var queue in workers.ErrorQueues()) Assert.That(await Broker.MessageCountAsync(queue), Is.Zero, queue);
    }

    /// <summary>
    /// Down long enough that a stage gives up and its fault handler, unable to record the fault, gives
    /// up too: runs are left `running` (some handed over to a stage that never took them) with their
    /// messages in error queues. The next schedule after their lease, seeing the stage queues drained,
    /// takes them over and books them, with no `errors redrive`. The workers' patience is
    /// cut to seconds (Messaging:RetryPatienceSeconds, Storage:LockTimeoutSeconds) so that the outage
    /// outlasts both in a test's time.
    /// </summary>
    [Test]
    public async Task A_database_down_past_the_retries_of_a_stage_and_its_fault_handler_heals_at_the_next_schedule(
        CancellationToken cancellationToken)
    {
        const int days = 40;
        await using var workers = await WorkerHosts.StartAsync(cancellationToken: cancellationToken, temporaryQueues: false,
            settings: ["--Messaging:RetryPatienceSeconds=2", "--Storage:LockTimeoutSeconds=1"]);
        var world = workers.World;
        var config = await world.AddConsumerAsync();
        var last = SchedulingRules.LastClosedDay(config.Locations[0], DateTimeOffset.UtcNow);
        var first = last.AddDays(1 - days / 2);
        await world.Consumers.SaveAsync(config with { Settings = config.Settings with { StartDate = first } }, cancellationToken);
        var runs = ExportedDays.Export(world, "c-brasserie", days, first);
        foreach (var run in runs.Take(days / 2)) await workers.Bus.Publish(new SyncServiceDay { Run = run }, cancellationToken);
        while ((await world.Executions.ListAsync("c-brasserie", null, null, null, 500, cancellationToken)).Count(e => e.IsFinished) < 5)
            await Task.Delay(100, cancellationToken);

        // Readers shut out too: the fault handlers cannot record anything either.
        await using (await SqliteFileLock.TakeAsync(world.DatabaseFile, readersToo: true))
        {
            foreach (var run in runs.Skip(days / 2)) await workers.Bus.Publish(new SyncServiceDay { Run = run }, cancellationToken);
            while (await FaultsLeftUnrecordedAsync(workers) == 0) await Task.Delay(250, cancellationToken);
            await Task.Delay(TimeSpan.FromSeconds(5), cancellationToken);
        }
        var stuck = await QuietRunningAsync(workers, cancellationToken);
        // Faults nobody could record: a run left `running`, or one that never got in (its day never ran).
        TestContext.Out.WriteLine($"{await FaultsLeftUnrecordedAsync(workers)} faults left unrecorded, {stuck.Count} runs left running");

        // Twenty minutes pass (the stuck runs' 10 min lease and the 15 min pause after a recorded outage):
        // the runs' clock is moved back rather than waited for.
        var before = await world.Executions.ListAsync("c-brasserie", null, null, null, 500, cancellationToken);
        var passed = TimeSpan.FromMinutes(20);
        await using (var connection = await world.Database.OpenAsync(cancellationToken))
        {
            foreach (var run in before)
                await connection.ExecuteAsync(
                    "UPDATE executions SET started_at = @StartedAt, updated_at = @UpdatedAt, " +
                        "finished_at = @FinishedAt WHERE execution_id = @ExecutionId",
                    new
                    {
                        run.ExecutionId,
                        StartedAt = run.StartedAt - passed,
                        UpdatedAt = run.UpdatedAt - passed,
                        FinishedAt = run.FinishedAt - passed
                    });
            // A booking claim left by a run that faulted at export (its 5 min lease) ages with them.
            var claims = await connection.QueryAsync<(long Id, DateTime Until)>(
                "SELECT rowid, claimed_until FROM day_ledger WHERE claimed_until IS NOT NULL");
            foreach (var claim in claims)
                await connection.ExecuteAsync(
                    "UPDATE day_ledger SET claimed_until = @Until WHERE rowid = @Id",
                    new { claim.Id, Until = claim.Until - passed });
        }
        var schedule = await Possync.RunAsync(
            TimeSpan.FromMinutes(2), Broker.CliEnvironment(workers.Prefix), null, "schedule", "--once", "--data",
            world.Folder, "--json");

        Assert.That(schedule.ExitCode, Is.Zero, schedule.Errors);
        var booked = before.Count(e => e.Status == ExecutionStatus.Success);
        Assert.That(booked, Is.LessThan(days), "the outage left days unbooked, as it should for this test to mean anything");
        Assert.That(JsonDocument.Parse(schedule.Output).RootElement.GetProperty("days").GetArrayLength(), Is.EqualTo(days - booked),
            "every day not booked was due; before the schedule: " + string.Join(
                ", ",
                before.Where(e => e.Status != ExecutionStatus.Success)
                    .Select(e => $"{e.LocationId} {e.BusinessDate} {e.Status} {e.Stage} {e.ErrorCode}")));
        // On RabbitMQ the schedule only publishes: the workers book, and every run ends.
        var all = await world.Executions.ListAsync("c-brasserie", null, null, null, 500, cancellationToken);
        for (; all.Any(e => !e.IsFinished); all = await world.Executions.ListAsync("c-brasserie", null, null, null, 500, cancellationToken))
            await Task.Delay(200, cancellationToken);
        var latest = all.GroupBy(e => (e.LocationId, e.BusinessDate)).Select(g => g.OrderBy(e => e.StartedAt).Last()).ToList();
        Assert.That(latest, Has.Count.EqualTo(days), "the days run: " + string.Join(", ", latest.OrderBy(e => e.BusinessDate)
            .Select(e => $"{e.LocationId} {e.BusinessDate:yyyy-MM-dd} {e.Trigger} {e.Status} {e.ErrorCode}")));
        Assert.That(latest.Select(e => e.Status), Is.All.EqualTo(ExecutionStatus.Success),
            string.Join(
                "\n",
                latest.Where(e => e.Status != ExecutionStatus.Success).Select(e => $"{e.BusinessDate} {e.Status} {e.ErrorCode} {e.ErrorMessage}")));
        Assert.That(
            all.Where(e => stuck.Any(s => s.ExecutionId == e.ExecutionId)).Select(e => e.ErrorCode),
            Is.All.EqualTo(OutcomeCodes.Superseded.Word));
        Assert.That(world.BookedEntryFiles("c-brasserie"), Has.Count.EqualTo(days), "every day booked once");
    }

    /// <summary>Faults the stages' fault handlers could not record, waiting in their error queues.</summary>
    private static async Task<uint> FaultsLeftUnrecordedAsync(WorkerHosts workers)
    {
        uint count = 0;
        foreach (var queue in workers.FaultHandlerErrorQueues()) count += await Broker.MessageCountAsync(queue);
        return count;
    }

    /// <summary>The runs still `running` once nothing has moved for five seconds: the in-flight retries are over.</summary>
    private static async Task<IReadOnlyList<ExecutionRecord>> QuietRunningAsync(WorkerHosts workers, CancellationToken cancellationToken)
    {
        var before = "";
        while (true)
        {
            var all = await workers.World.Executions.ListAsync("c-brasserie", null, null, null, 500, cancellationToken);
            var now = string.Join(";", all.Select(e => $"{e.ExecutionId}:{e.Status}:{e.Stage}:{e.UpdatedAt:O}"));
            if (now == before) return all.Where(e => !e.IsFinished).ToList();
            before = now;
            await Task.Delay(TimeSpan.FromSeconds(5), cancellationToken);
        }
    }

}
