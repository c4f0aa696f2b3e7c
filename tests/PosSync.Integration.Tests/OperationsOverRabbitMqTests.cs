using System.Text.Json;
using PosSync.Contracts;
using PosSync.Pipeline.Operations;
using PosSync.Storage.Stores;
using PosSync.Testing;

namespace PosSync.Integration.Tests;

/// <summary>The operator commands against the private RabbitMQ, as processes, with the workers as hosts in this process.</summary>
[Category("Integration")]
[CancelAfter(180_000)]
public class OperationsOverRabbitMqTests
{

    [Test]
    public async Task A_faulted_message_is_listed_then_moved_back_from_its_error_queue_and_processed(CancellationToken cancellationToken)
    {
        await using var workers = await WorkerHosts.StartAsync(cancellationToken: cancellationToken, temporaryQueues: false);
        await workers.World.AddConsumerAsync();
        workers.World.ExportDay("c-brasserie", BookingScenarios.S01Day("2025-03-14"));
        // The entries folder is a file: booking fails with an I/O error, the message faults to accounting-export_error.
        Directory.CreateDirectory(workers.World.Files.EntriesFolder);
        var blocker = Path.Combine(workers.World.Files.EntriesFolder, "c-brasserie");
        await File.WriteAllTextAsync(blocker, "not a folder", cancellationToken);
        var run = TestWorld.Run("c-brasserie", "2025-03-14");
        await workers.Bus.Publish(new SyncServiceDay { Run = run }, cancellationToken);
        var errorQueue = workers.ErrorQueues()[2];
        while (await Broker.MessageCountAsync(errorQueue) == 0) await Task.Delay(100, cancellationToken);
        while ((await workers.World.Executions.GetAsync(run.ExecutionId, cancellationToken))!.ErrorCode != "STAGE_FAILED")
            await Task.Delay(100, cancellationToken);

        var queue = errorQueue[..^"_error".Length];
        var rabbit = new[] { "--rabbitmq-host", TestBroker.Host, "--rabbitmq-port", TestBroker.Port.ToString() };
        var listed = await Possync.RunAsync(["errors", "list", "--queue", queue, .. rabbit, "--json"]);
        File.Delete(blocker);
        var redriven = await Possync.RunAsync(["errors", "redrive", "--queue", queue, .. rabbit]);
        ExecutionRecord? execution;
        do
        {
            await Task.Delay(100, cancellationToken);
            execution = await workers.World.Executions.GetAsync(run.ExecutionId, cancellationToken);
        }
        while (execution!.Status != ExecutionStatus.Success);

        Assert.That(listed.ExitCode, Is.Zero, listed.Errors);
        var message = JsonDocument.Parse(listed.Output).RootElement.EnumerateArray().Single();
        Assert.That(message.GetProperty("message_type").GetString(), Is.EqualTo("PosSync.Contracts:ServiceDayReconciled"));
        Assert.That(message.GetProperty("day").GetString(), Does.StartWith("c-brasserie/loc-1/2025-03-14"));
        Assert.That(message.GetProperty("exception").GetString(), Does.Contain("IOException"));
        Assert.That(redriven.Output, Does.Contain("Moved 1 message(s)"));
        Assert.That(await Broker.MessageCountAsync(errorQueue), Is.Zero);
        Assert.That(workers.World.BookedEntryFiles("c-brasserie"), Has.Count.EqualTo(1));
        Assert.That(execution.EntryNumber, Is.EqualTo("POS-loc-1-20250314"));
    }

    [Test]
    public async Task Schedule_on_RabbitMQ_publishes_each_due_day_once_even_when_run_twice_before_workers_pick_them_up(
        CancellationToken cancellationToken)
    {
        TestBroker.Require();
        using var world = await TestWorld.CreateAsync();
        var config = await world.AddConsumerAsync();
        var last = SchedulingRules.LastClosedDay(config.Locations[0], DateTimeOffset.UtcNow);
        await world.Consumers.SaveAsync(config with { Settings = config.Settings with { StartDate = last.AddDays(-1) } }, cancellationToken);
        var environment = Broker.CliEnvironment("it" + Guid.NewGuid().ToString("N")[..10]);

        var first = await Possync.RunAsync(TimeSpan.FromMinutes(1), environment, null, "schedule", "--once", "--data", world.Folder, "--json");
        var second = await Possync.RunAsync(TimeSpan.FromMinutes(1), environment, null, "schedule", "--once", "--data", world.Folder, "--json");

        Assert.That(first.ExitCode, Is.Zero, first.Errors);
        Assert.That(JsonDocument.Parse(first.Output).RootElement.GetProperty("days").GetArrayLength(), Is.EqualTo(4), "two days at two locations");
        Assert.That(JsonDocument.Parse(second.Output).RootElement.GetProperty("days").GetArrayLength(), Is.Zero, "queued days are not due again");
        var queued = await world.Executions.ListAsync("c-brasserie", ExecutionStatus.Running, null, null, 100, cancellationToken);
        Assert.That(queued.Select(e => e.Stage), Is.EqualTo(Enumerable.Repeat(Stage.Queued, 4)));
    }
}
