using System.Diagnostics;
using MassTransit;
using PosSync.Contracts;

namespace PosSync.Pipeline.Stages;

/// <summary>
/// The frame every stage runs in, written once: the log scope of the run, the stage's clock, the
/// entry (a duplicate or an unknown consumer ends here), and the stage's duration metric. A stage
/// only says how it works the day (<see cref="WorkAsync"/>).
/// </summary>
public abstract class DayStage<TMessage>(StageEntry entry, ExecutionRecorder recorder, string stage) : IConsumer<TMessage>
    where TMessage : class
{
    public async Task Consume(ConsumeContext<TMessage> context)
    {
        var run = RunOf(context.Message);
        using var scope = recorder.Scope(run, stage);
        var started = Stopwatch.GetTimestamp();
        if (await entry.BeginAsync(context, run, stage, FirstEvent(run)) is not var (config, entrance)) return;
        var day = new StageDay<TMessage>(context, run, stage, config, entrance, recorder);
        try
        {
            await WorkAsync(day);
        }
        finally
        {
            // A step that threw, or ended without a write to the execution log, leaves no request row behind.
            await day.WriteHeldAsync();
        }
        PipelineTelemetry.StageDuration.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds,
            new KeyValuePair<string, object?>("stage", stage));
    }

    protected abstract DayRun RunOf(TMessage message);

    /// <summary>
    /// What the stage says first on a day it works (an info event), or null: written as the stage enters (<see cref="StageEntry"/>).
    /// </summary>
    protected virtual string? FirstEvent(DayRun run) => null;

    /// <summary>The stage's own steps, on a day that entered the stage with its consumer's configuration.</summary>
    protected abstract Task WorkAsync(StageDay<TMessage> day);
}
