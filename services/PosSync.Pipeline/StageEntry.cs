using MassTransit;
using Microsoft.Extensions.Logging;
using PosSync.Contracts;
using PosSync.Domain.Configuration;
using PosSync.Storage.Stores;
using PosSync.Domain.Outcomes;

namespace PosSync.Pipeline;

/// <summary>
/// How every stage begins a day: a delivery for a run that already ended is a duplicate (the
/// completion event is re-published, nothing else); otherwise the execution enters the stage and
/// the consumer's configuration is loaded, an unknown consumer ending the run.
/// </summary>
public sealed partial class StageEntry(
    ExecutionRecorder recorder, DuplicateDelivery duplicates, ConfigurationCache configurations, ILogger<StageEntry> logger)
{
    /// <summary>The configuration to work with and the day as the stage entered it, or null when there is nothing (more) to do.</summary>
    /// <param name="firstEvent">
    /// What the stage says first (info), once the day is to be worked: written with the execution when this delivery
    /// creates it for a known consumer (one round trip), otherwise once the configuration is loaded.
    /// </param>
    public async Task<(ConsumerConfiguration Config, StageEntrance Entrance)?> BeginAsync(ConsumeContext context, DayRun run, string stage,
        string? firstEvent = null)
    {
        // One round trip moves a running execution to the stage and reads the execution, the configuration's version and the ledger.
        var entrance = await recorder.EnterStageAsync(run, stage, context.CancellationToken);
        var execution = entrance.Execution;
        if (await duplicates.HandledAsync(context, run, stage, execution, entrance.Ledger)) return null;
        // The first event goes with the execution this delivery creates, unless no version was read: no such consumer,
        // whose run ends below without one.
        var startedWith = execution is null && entrance.ConfigVersion is not null ? firstEvent : null;
        if (execution is null && !await recorder.StartAsync(run, stage, startedWith, context.CancellationToken))
        {
            LogAlreadyRunning(run.ToString());
            return null;
        }
        // Re-opened from the error queue after the stage entered: the run moves to the stage now.
        if (execution is { IsFinished: true }) await recorder.SetStageAsync(run, stage, context.CancellationToken);
        var config = await configurations.GetAsync(run.ConsumerId, entrance.ConfigVersion, context.CancellationToken);
        if (config is not null)
        {
            if (firstEvent is not null && startedWith is null)
                await recorder.InfoAsync(run, stage, firstEvent, cancellationToken: context.CancellationToken);
            return (config, entrance);
        }
        var message = $"No consumer {run.ConsumerId} is configured.";
        await recorder.FinishAsync(run, new ExecutionOutcome(ExecutionStatus.Error, stage, OutcomeCodes.UnknownConsumer, message), message, null, context.CancellationToken);
        return null;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Another run of {Day} is going on: this one changes nothing")]
    private partial void LogAlreadyRunning(string day);
}
