using MassTransit;
using PosSync.Contracts;
using PosSync.Domain.Days;
using PosSync.Storage.Stores;
using PosSync.Testing;

namespace PosSync.Integration.Tests;

[Category("Integration")]
[CancelAfter(240_000)]
public class EndToEndTests
{
    private const int Days = 50;

    private static IReadOnlyList<DayRun> ExportFiftyDays(TestWorld world, string consumerId) => ExportedDays.Export(world, consumerId, Days);

    private static Task<IReadOnlyList<ExecutionRecord>> WaitForAllAsync(
        TestWorld world,
        IReadOnlyList<DayRun> runs,
        CancellationToken cancellationToken) =>
        ExportedDays.WaitForAllAsync(world, runs, cancellationToken);

    [Test]
    public async Task Fifty_days_published_to_three_workers_make_fifty_entries_and_one_successful_execution_each(CancellationToken cancellationToken)
    {
        await using var workers = await WorkerHosts.StartAsync(cancellationToken: cancellationToken);
        await workers.World.AddConsumerAsync();
        var runs = ExportFiftyDays(workers.World, "c-brasserie");

        foreach (var run in runs) await workers.Bus.Publish(new SyncServiceDay { Run = run }, cancellationToken);
        var executions = await WaitForAllAsync(workers.World, runs, cancellationToken);

        Assert.That(
            executions.Select(e => e.Status),
            Is.All.EqualTo(ExecutionStatus.Success),
            string.Join("\n", executions.Select(e => $"{e.BusinessDate} {e.Status} {e.ErrorCode} {e.ErrorMessage}")));
        Assert.That(workers.World.BookedEntryFiles("c-brasserie"), Has.Count.EqualTo(Days));
        var all = await workers.World.Executions.ListAsync("c-brasserie", null, null, null, 500, cancellationToken);
        Assert.That(all, Has.Count.EqualTo(Days), "exactly one execution per day");
        foreach (var execution in executions)
        {
            var events = await workers.World.Executions.EventsAsync(execution.ExecutionId, cancellationToken);
            Assert.That(events.Select(e => e.Stage).Distinct(), Is.EquivalentTo(new[] { Stage.Ingest, Stage.Reconcile, Stage.Export }));
            Assert.That(execution.TraceId, Has.Length.EqualTo(32), "the trace id links the execution to its trace");
        }
    }

    [Test]
    public async Task With_every_message_delivered_twice_each_day_is_still_booked_once(CancellationToken cancellationToken)
    {
        await using var workers = await WorkerHosts.StartAsync(b => b.AddConsumer<Duplicator>(), cancellationToken);
        await workers.World.AddConsumerAsync();
        var runs = ExportFiftyDays(workers.World, "c-brasserie");

        foreach (var run in runs)
        {
            await workers.Bus.Publish(new SyncServiceDay { Run = run }, cancellationToken);
            await workers.Bus.Publish(new SyncServiceDay { Run = run }, cancellationToken);
        }
        var executions = await WaitForAllAsync(workers.World, runs, cancellationToken);
        // Let the duplicates still in flight finish before counting what they did.
        await Task.Delay(TimeSpan.FromSeconds(3), cancellationToken);

        Assert.That(executions.Select(e => e.Status), Is.All.EqualTo(ExecutionStatus.Success));
        Assert.That(workers.World.BookedEntryFiles("c-brasserie"), Has.Count.EqualTo(Days));
        Assert.That(await workers.World.Executions.ListAsync("c-brasserie", null, null, null, 500, cancellationToken), Has.Count.EqualTo(Days));
        Assert.That(Duplicator.Copies, Is.GreaterThanOrEqualTo(2 * Days), "the ingested and reconciled messages really were delivered twice");
        foreach (var queue in workers.ErrorQueues()) Assert.That(await Broker.MessageCountAsync(queue), Is.Zero, queue);
    }

    [Test]
    public async Task A_day_whose_payments_exceed_sales_beyond_the_tolerance_ends_in_SUM_MISMATCH_with_nothing_booked_or_faulted(
        CancellationToken cancellationToken)
    {
        await using var workers = await WorkerHosts.StartAsync(cancellationToken: cancellationToken);
        await workers.World.AddConsumerAsync();
        var day = DayBuilder.For("2025-03-14")
            .Order("O-1", o => o.Item(1, 20.00m, 22.00m, 2.00m, 10).Pay("pm-card", 22.00m))
            .Order("O-2", o => o.Item(1, 40.00m, 44.00m, 4.00m, 10).Pay("pm-card", 124.00m))
            .Build();
        workers.World.ExportDay("c-brasserie", day);
        var run = TestWorld.Run("c-brasserie", "2025-03-14");

        await workers.Bus.Publish(new SyncServiceDay { Run = run }, cancellationToken);
        var execution = (await WaitForAllAsync(workers.World, [run], cancellationToken)).Single();

        Assert.That((execution.Status, execution.ErrorCode), Is.EqualTo((ExecutionStatus.Error, "SUM_MISMATCH")));
        Assert.That(execution.ErrorMessage, Does.Contain("gap +80.00 > tolerance 50.00").And.Contain("O-2"));
        Assert.That(workers.World.BookedEntryFiles("c-brasserie"), Is.Empty);
        Assert.That(await workers.World.Ledger.GetAsync(new DayKey("c-brasserie", "loc-1", new DateOnly(2025, 3, 14)), cancellationToken), Is.Null);
        foreach (var queue in workers.ErrorQueues()) Assert.That(await Broker.MessageCountAsync(queue), Is.Zero, queue);
    }

    [Test]
    public async Task Each_worker_answers_its_health_endpoints(CancellationToken cancellationToken)
    {
        await using var workers = await WorkerHosts.StartAsync(cancellationToken: cancellationToken);
        using var http = new HttpClient();

        foreach (var host in workers.Hosts)
        {
            var live = await http.GetAsync(new Uri(workers.Address(host), "/health/live"), cancellationToken);
            var ready = await http.GetAsync(new Uri(workers.Address(host), "/health/ready"), cancellationToken);
            Assert.That((live.StatusCode, ready.StatusCode), Is.EqualTo((System.Net.HttpStatusCode.OK, System.Net.HttpStatusCode.OK)));
        }
    }
}

/// <summary>Delivers every ingested and reconciled message a second time, as an at-least-once broker may.</summary>
public sealed class Duplicator : IConsumer<ServiceDayIngested>, IConsumer<ServiceDayReconciled>
{
    private const string Header = "x-possync-test-copy";
    private static int _copies;
    public static int Copies => _copies;

    public Task Consume(ConsumeContext<ServiceDayIngested> context) => Copy(context);
    public Task Consume(ConsumeContext<ServiceDayReconciled> context) => Copy(context);

    private static async Task Copy<T>(ConsumeContext<T> context) where T : class
    {
        if (context.Headers.TryGetHeader(Header, out _)) return;
        Interlocked.Increment(ref _copies);
        await context.Publish(context.Message, p => p.Headers.Set(Header, "1"), context.CancellationToken);
    }
}
