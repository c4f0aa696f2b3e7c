using PosSync.Contracts;
using PosSync.Storage.Stores;
using PosSync.Testing;

namespace PosSync.Integration.Tests;

/// <summary>Service days exported to the folder POS for the workers, and the wait for their runs to end.</summary>
public static class ExportedDays
{
    /// <summary>Days of two locations in turn, each with its own orders; every one books.</summary>
    public static IReadOnlyList<DayRun> Export(TestWorld world, string consumerId, int count, DateOnly? firstDay = null)
    {
        var first = firstDay ?? new DateOnly(2025, 3, 1);
        var runs = new List<DayRun>();
        var generator = new RandomDays(2025);
        for (var i = 0; i < count; i++)
        {
            var location = i % 2 == 0 ? "loc-1" : "loc-2";
            var date = first.AddDays(i / 2);
            var day = BookingScenarios.S01Day(date.ToString("yyyy-MM-dd"), location);
            world.ExportDay(consumerId, day with { Orders = [.. day.Orders, .. ExactOrders(generator, date)] });
            runs.Add(TestWorld.Run(consumerId, date.ToString("yyyy-MM-dd"), location, DayTrigger.Schedule));
        }
        return runs;
    }

    /// <summary>A few generated orders whose payments match their totals, so every day books.</summary>
    private static IEnumerable<Order> ExactOrders(RandomDays generator, DateOnly date) => generator
        .Next(date.ToString("yyyy-MM-dd"), orderCount: 6).Orders
        .Where(o => o.Status == OrderStatus.Completed)
        .Select(o => o with
        {
            Id = "G" + o.Id,
            Items = o.Items.Select(i => i with { Discounts = [] }).ToList(),
            Payments = [new Payment { Id = "G" + o.Id + "-P", PaymentMethodId = "pm-card", PaymentMethodName = "Card", Total = o.Total }],
        });

    public static async Task<IReadOnlyList<ExecutionRecord>> WaitForAllAsync(
        TestWorld world,
        IReadOnlyList<DayRun> runs,
        CancellationToken cancellationToken)
    {
        while (true)
        {
            var records = new List<ExecutionRecord>();
            foreach (var run in runs)
            {
                if (await world.Executions.GetAsync(run.ExecutionId, cancellationToken) is { IsFinished: true } record) records.Add(record);
            }
            if (records.Count == runs.Count) return records;
            await Task.Delay(200, cancellationToken);
        }
    }
}
