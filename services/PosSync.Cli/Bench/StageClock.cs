using System.Diagnostics;
using MassTransit;
using PosSync.Pipeline.Measuring;

namespace PosSync.Cli.Bench;

/// <summary>
/// Put in front of every endpoint of both sides of the benchmark alike: how long each day's
/// message waited since it was sent, and how long its endpoint took, by hop (<see cref="StageTimes"/>).
/// </summary>
public sealed class StageClock(StageTimes times) : IFilter<ConsumeContext>
{
    public async Task Send(ConsumeContext context, IPipe<ConsumeContext> next)
    {
        var hop = StageStatementScope.StageOf(context) ?? StageTimes.Finish;
        // Sent and taken in this one process: both times come from the same clock.
        var waiting = context.SentTime is { } sent ? DateTime.UtcNow - sent : TimeSpan.Zero;
        var started = Stopwatch.GetTimestamp();
        await next.Send(context);
        times.Add(hop, waiting < TimeSpan.Zero ? TimeSpan.Zero : waiting, Stopwatch.GetElapsedTime(started));
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("stage-clock");
}
