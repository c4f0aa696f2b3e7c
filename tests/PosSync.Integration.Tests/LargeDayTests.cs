using System.Text.Json;
using PosSync.Contracts;
using PosSync.Domain.Days;
using PosSync.Storage.Stores;
using PosSync.Testing;

namespace PosSync.Integration.Tests;

/// <summary>
/// The largest days PosSync books go through the three workers over RabbitMQ: a 50,000-order day is
/// booked whole, and a day past the documented maximum ends DAY_TOO_LARGE with nothing faulted.
/// </summary>
[Category("Integration")]
[CancelAfter(300_000)]
public class LargeDayTests
{
    /// <summary>S01's two orders, 25,000 times over: each copy books the same lines, so the day's entry is S01's times 25,000.</summary>
    private static ServiceDay FiftyThousandOrders()
    {
        var s01 = BookingScenarios.S01Day("2025-03-14");
        return s01 with { Orders = Enumerable.Range(1, 25_000).SelectMany(i => s01.Orders.Select(o => o with { Id = $"{o.Id}-{i}" })).ToList() };
    }

    [Test]
    public async Task A_day_of_50000_orders_goes_through_the_three_stages_and_is_booked_whole(CancellationToken cancellationToken)
    {
        await using var workers = await WorkerHosts.StartAsync(cancellationToken: cancellationToken);
        await workers.World.AddConsumerAsync();
        workers.World.ExportDay("c-brasserie", FiftyThousandOrders());
        var run = TestWorld.Run("c-brasserie", "2025-03-14");

        await workers.Bus.Publish(new SyncServiceDay { Run = run }, cancellationToken);
        var execution = (await ExportedDays.WaitForAllAsync(workers.World, [run], cancellationToken)).Single();

        Assert.That(execution.Status, Is.EqualTo(ExecutionStatus.Success), $"{execution.ErrorCode} {execution.ErrorMessage}");
        var file = workers.World.BookedEntryFiles("c-brasserie").Single();
        using var entry = JsonDocument.Parse(await File.ReadAllBytesAsync(file, cancellationToken));
        ExpectedLines.AssertSame(
            ExpectedLines.Of(entry.RootElement),
            "D 511200 825000.00; D 530000 550000.00; C 706100 1250000.00; C 445712 125000.00");
        var archived = await new DayArchive(workers.World.Database, TimeProvider.System).DayAsync(
            new DayKey("c-brasserie", "loc-1", new DateOnly(2025, 3, 14)),
            cancellationToken);
        Assert.That(ServiceDayReader.ReadArchived(archived!).Value!.Orders, Has.Count.EqualTo(50_000), "the snapshot holds the whole day");
        foreach (var queue in workers.ErrorQueues()) Assert.That(await Broker.MessageCountAsync(queue), Is.Zero, queue);
    }

    [Test]
    public async Task A_day_past_the_maximum_ends_DAY_TOO_LARGE_once_with_nothing_faulted_or_redelivered(CancellationToken cancellationToken)
    {
        await using var workers = await WorkerHosts.StartAsync(cancellationToken: cancellationToken);
        await workers.World.AddConsumerAsync();
        var s01 = BookingScenarios.S01Day("2025-03-14");
        var order = s01.Orders[0];
        workers.World.ExportDay(
            "c-brasserie",
            s01 with { Orders = Enumerable.Range(1, DayLimits.MaxOrders + 1).Select(i => order with { Id = $"O-{i}" }).ToList() });
        var run = TestWorld.Run("c-brasserie", "2025-03-14");

        await workers.Bus.Publish(new SyncServiceDay { Run = run }, cancellationToken);
        var execution = (await ExportedDays.WaitForAllAsync(workers.World, [run], cancellationToken)).Single();

        Assert.That((execution.Status, execution.ErrorCode), Is.EqualTo((ExecutionStatus.Error, "DAY_TOO_LARGE")));
        Assert.That(
            execution.ErrorMessage,
            Does.StartWith("The POS export 2025-03-14.json holds 60,001 orders; PosSync books at most 60,000 orders"));
        Assert.That(workers.World.BookedEntryFiles("c-brasserie"), Is.Empty);
        foreach (var queue in workers.ErrorQueues()) Assert.That(await Broker.MessageCountAsync(queue), Is.Zero, queue);
    }
}
