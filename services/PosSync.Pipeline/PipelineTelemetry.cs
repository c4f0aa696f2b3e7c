using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace PosSync.Pipeline;

/// <summary>PosSync's own traces and metrics (source and meter "PosSync"), next to MassTransit's.</summary>
public static class PipelineTelemetry
{
    public const string Name = "PosSync";

    public static readonly ActivitySource Source = new(Name);
    private static readonly Meter Meter = new(Name);

    /// <summary>Day runs that ended, by status, stage and code: the panel "what happened to our days".</summary>
    public static readonly Counter<long> DaysFinished = Meter.CreateCounter<long>(
        "possync.days.finished",
        description: "Service-day runs that ended, by status");

    /// <summary>Time each stage spends on one day.</summary>
    public static readonly Histogram<double> StageDuration = Meter.CreateHistogram<double>(
        "possync.stage.duration",
        "ms",
        "Time a stage spends on one service day");

    public static string? CurrentTraceId() => Activity.Current?.TraceId.ToHexString();
}
