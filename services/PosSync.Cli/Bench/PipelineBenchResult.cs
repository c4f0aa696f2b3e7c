using System.Globalization;
using System.Text.Json.Nodes;
using PosSync.Storage.Stores;

namespace PosSync.Cli.Bench;

/// <summary>What <c>possync bench pipeline</c> measured, as text for a person or one JSON object.</summary>
public sealed record PipelineBenchResult
{
    public required PipelineBenchSettings Settings { get; init; }
    public required string Transport { get; init; }
    public required double PipelineDaysPerSecond { get; init; }
    public required double FloorDaysPerSecond { get; init; }
    public required double LowestRoundRatio { get; init; }
    public required double HighestRoundRatio { get; init; }
    public required TimeSpan PipelineLatency { get; init; }
    public required TimeSpan FloorLatency { get; init; }
    public required IReadOnlyDictionary<string, double> StatementsPerStage { get; init; }
    public required double PragmasPerDay { get; init; }

    /// <summary>One day alone, hop by hop, on each side: waiting for the hop's endpoint, then in it (medians).</summary>
    public required IReadOnlyDictionary<string, HopTime> PipelineHops { get; init; }
    public required IReadOnlyDictionary<string, HopTime> FloorHops { get; init; }

    /// <summary>One day alone: the time each stage spent in the database's execute calls (part of its time in the endpoint), the median.</summary>
    public required IReadOnlyDictionary<string, TimeSpan> DatabaseTimePerStage { get; init; }
    public required long DayJsonBytes { get; init; }
    public required long IdleWorkingSet { get; init; }
    /// <summary>The most managed heap above the idle heap while one day went through alone, on each side.</summary>
    public required long PipelineDayHeap { get; init; }
    public required long FloorDayHeap { get; init; }

    /// <summary>The highest working set during the rounds, with a round's days in flight, on each side.</summary>
    public required long PipelinePeakWorkingSet { get; init; }
    public required long FloorPeakWorkingSet { get; init; }

    public double Ratio => PipelineDaysPerSecond / FloorDaysPerSecond;
    public double LatencyRatio => PipelineLatency / FloorLatency;

    /// <summary>How much heap one day alone held above the idle heap, per byte of the day's JSON.</summary>
    public double PipelineDayHeapPerDayJson => PipelineDayHeap / (double)DayJsonBytes;

    public double FloorDayHeapPerDayJson => FloorDayHeap / (double)DayJsonBytes;

    public static readonly IReadOnlyList<string> Stages = [Stage.Ingest, Stage.Reconcile, Stage.Export];

    public void WriteText(TextWriter output)
    {
        var statements = string.Join(", ", Stages.Select(s => $"{s} {Number(StatementsPerStage[s])}"));
        output.WriteLine($"{Settings.Rounds} rounds of {Settings.Days} days on each side, interleaved; " +
                         $"days of {Settings.Orders} orders ({Kb(DayJsonBytes)} of JSON); {Transport} transport, SQLite");
        output.WriteLine($"pipeline (3 stages):      {PipelineDaysPerSecond,8:N1} days/s   one day alone {PipelineLatency.TotalMilliseconds,7:N1} ms");
        output.WriteLine($"floor (3 empty hops):     {FloorDaysPerSecond,8:N1} days/s   one day alone {FloorLatency.TotalMilliseconds,7:N1} ms");
        output.WriteLine($"ratio pipeline/floor:     {Ratio,8:N2} (rounds {LowestRoundRatio:N2}–{HighestRoundRatio:N2}; " +
                         "target at least 0.7)");
        output.WriteLine($"latency pipeline/floor:   {LatencyRatio,8:N2}× (target at most 1.3×)");
        output.WriteLine($"statements per day:       {statements}; PRAGMAs {Number(PragmasPerDay)} " +
                         "(target: at most 3 per stage, no PRAGMA per statement)");
        output.WriteLine($"one day, waiting+in hop:  pipeline {Hops(PipelineHops, DatabaseTimePerStage)} ms");
        output.WriteLine($"                          floor    {Hops(FloorHops, null)} ms");
        output.WriteLine($"heap of one day alone:    pipeline +{Mb(PipelineDayHeap)} ({PipelineDayHeapPerDayJson:N1}× the day's JSON), " +
                         $"floor +{Mb(FloorDayHeap)} ({FloorDayHeapPerDayJson:N1}×)");
        output.WriteLine($"working set (process):    idle {Mb(IdleWorkingSet)}; with {Settings.Days} days in flight " +
                         $"pipeline +{Mb(PipelinePeakWorkingSet - IdleWorkingSet)}, floor +{Mb(FloorPeakWorkingSet - IdleWorkingSet)}");
    }

    public JsonObject ToJson() => new()
    {
        ["transport"] = Transport,
        ["rounds"] = Settings.Rounds,
        ["days_per_round"] = Settings.Days,
        ["orders_per_day"] = Settings.Orders,
        ["day_json_bytes"] = DayJsonBytes,
        ["pipeline_days_per_s"] = Round(PipelineDaysPerSecond),
        ["floor_days_per_s"] = Round(FloorDaysPerSecond),
        ["ratio"] = Round(Ratio),
        ["ratio_lowest_round"] = Round(LowestRoundRatio),
        ["ratio_highest_round"] = Round(HighestRoundRatio),
        ["pipeline_latency_ms"] = Round(PipelineLatency.TotalMilliseconds),
        ["floor_latency_ms"] = Round(FloorLatency.TotalMilliseconds),
        ["latency_ratio"] = Round(LatencyRatio),
        ["statements_per_stage"] = new JsonObject(Stages.Select(s => KeyValuePair.Create(s, (JsonNode?)Round(StatementsPerStage[s])))),
        ["pragmas_per_day"] = Round(PragmasPerDay),
        ["one_day_hops_ms"] = new JsonObject
        {
            ["pipeline"] = HopsJson(PipelineHops, DatabaseTimePerStage), ["floor"] = HopsJson(FloorHops, null),
        },
        ["working_set_bytes"] = new JsonObject
        {
            ["idle"] = IdleWorkingSet, ["pipeline_rounds_peak"] = PipelinePeakWorkingSet, ["floor_rounds_peak"] = FloorPeakWorkingSet,
        },
        ["one_day_heap_bytes"] = new JsonObject { ["pipeline"] = PipelineDayHeap, ["floor"] = FloorDayHeap },
        ["pipeline_one_day_heap_per_day_json"] = Round(PipelineDayHeapPerDayJson),
        ["floor_one_day_heap_per_day_json"] = Round(FloorDayHeapPerDayJson),
    };

    private static string Hops(IReadOnlyDictionary<string, HopTime> hops, IReadOnlyDictionary<string, TimeSpan>? database) =>
        string.Join(", ", hops.Select(h => $"{h.Key} {Ms(h.Value.Waiting)}+{Ms(h.Value.InEndpoint)}" +
                                           (database?.TryGetValue(h.Key, out var db) == true ? $" (database {Ms(db)})" : "")));

    private static JsonObject HopsJson(IReadOnlyDictionary<string, HopTime> hops, IReadOnlyDictionary<string, TimeSpan>? database) =>
        new(hops.Select(h =>
        {
            var hop = new JsonObject { ["waiting"] = Round(h.Value.Waiting.TotalMilliseconds), ["in_endpoint"] = Round(h.Value.InEndpoint.TotalMilliseconds) };
            if (database?.TryGetValue(h.Key, out var db) == true) hop["database"] = Round(db.TotalMilliseconds);
            return KeyValuePair.Create(h.Key, (JsonNode?)hop);
        }));

    private static string Ms(TimeSpan time) => time.TotalMilliseconds.ToString("0.0", CultureInfo.InvariantCulture);

    private static double Round(double value) => Math.Round(value, 3);
    private static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
    private static string Kb(long bytes) => $"{bytes / 1024.0:N0} KB";
    private static string Mb(long bytes) => $"{bytes / (1024.0 * 1024.0):N1} MB";
}
