using System.Diagnostics;
using System.Text.Json.Nodes;
using PosSync.Cli.Demo;
using PosSync.Domain.Days;

namespace PosSync.Cli.Bench;

/// <summary>
/// possync bench day: the cost of reading a canonical day per order at several sizes (it must stay
/// flat from 100 to 50,000 orders), and the managed heap that reading and writing one day take
/// above what the process held before, divided by the day's JSON size.
/// </summary>
public static class DayBench
{
    public static readonly IReadOnlyList<int> DefaultSizes = [100, 10_000, 50_000];

    /// <summary>Orders read at each size: enough repetitions that a 100-order day is not timed on one read.</summary>
    private const int OrdersPerSize = 400_000;

    public sealed record Size(int Orders, long JsonBytes, double MicrosecondsPerOrder, double ReadHeapRatio, double WriteHeapRatio)
    {
        /// <summary>With --stages: each stage's heap above idle ÷ JSON size while one day of this size went through it.</summary>
        public IReadOnlyDictionary<string, double>? Stages { get; init; }
    }

    /// <summary>Rounds of every size in turn: a burst of load from elsewhere falls on all sizes, and each keeps its fastest round.</summary>
    private const int Rounds = 5;

    public static IReadOnlyList<Size> Run(IReadOnlyList<int> sizes)
    {
        var days = new List<(int Orders, byte[] Json, double ReadHeap, double WriteHeap)>();
        foreach (var orders in sizes)
        {
            var json = ServiceDayWriter.WriteUtf8(new DemoDayGenerator(42).Day(DemoWeek.Centre, new DateOnly(2025, 3, 14), Menu.Brasserie, orders));
            var readHeap = PeakAbove(() => ServiceDayReader.ReadJson(json));
            var read = ServiceDayReader.ReadJson(json).Value!;
            var writeHeap = PeakAbove(() => ServiceDayWriter.WriteUtf8(read));
            days.Add((orders, json, readHeap / (double)json.Length, writeHeap / (double)json.Length));
        }
        var fastest = days.Select(_ => double.MaxValue).ToArray();
        for (var round = 0; round < Rounds; round++)
        {
            for (var i = 0; i < days.Count; i++)
            {
                var (orders, json, _, _) = days[i];
                var repetitions = Math.Max(1, OrdersPerSize / Rounds / orders);
                ServiceDayReader.ReadJson(json);
                var clock = Stopwatch.StartNew();
                for (var r = 0; r < repetitions; r++) ServiceDayReader.ReadJson(json);
                fastest[i] = Math.Min(fastest[i], clock.Elapsed.TotalMicroseconds / ((double)repetitions * orders));
            }
        }
        return days.Select((d, i) => new Size(d.Orders, d.Json.Length, fastest[i], d.ReadHeap, d.WriteHeap)).ToList();
    }

    /// <summary>The highest managed heap while <paramref name="work"/> runs, above the heap after a full collection before it.</summary>
    private static long PeakAbove(Func<object> work)
    {
        var before = GC.GetTotalMemory(forceFullCollection: true);
        using var sampler = new MemorySampler();
        sampler.Restart();
        var kept = work();
        var peak = sampler.PeakHeap;
        GC.KeepAlive(kept);
        return Math.Max(0, peak - before);
    }

    public static void Write(IReadOnlyList<Size> sizes, TextWriter output, bool json)
    {
        var flatness = sizes[^1].MicrosecondsPerOrder / sizes[0].MicrosecondsPerOrder;
        if (json)
        {
            output.WriteLine(new JsonObject
            {
                ["sizes"] = new JsonArray(sizes.Select(s => (JsonNode)new JsonObject
                {
                    ["orders"] = s.Orders, ["json_bytes"] = s.JsonBytes, ["us_per_order"] = Math.Round(s.MicrosecondsPerOrder, 2),
                    ["read_heap_ratio"] = Math.Round(s.ReadHeapRatio, 2), ["write_heap_ratio"] = Math.Round(s.WriteHeapRatio, 2),
                    ["stage_heap_ratios"] = s.Stages is null ? null : new JsonObject(s.Stages.Select(p =>
                        KeyValuePair.Create(p.Key, (JsonNode?)Math.Round(p.Value, 2)))),
                }).ToArray()),
                ["per_order_growth"] = Math.Round(flatness, 3),
            }.ToJsonString(new() { WriteIndented = true }));
            return;
        }
        foreach (var s in sizes)
            output.WriteLine($"{s.Orders,7:N0} orders, {s.JsonBytes / 1024.0 / 1024:N1} MiB of JSON: read {s.MicrosecondsPerOrder:N1} µs/order; " +
                             $"heap above idle ÷ JSON size: read {s.ReadHeapRatio:N2}×, write {s.WriteHeapRatio:N2}×" +
                             (s.Stages is null ? "" : "; stages: " + string.Join(", ", s.Stages.Select(p => $"{p.Key} {p.Value:N2}×"))));
        output.WriteLine($"cost per order, {sizes[^1].Orders:N0} ÷ {sizes[0].Orders:N0} orders: {flatness:N2}× (target: at most 1.3×)");
    }
}
