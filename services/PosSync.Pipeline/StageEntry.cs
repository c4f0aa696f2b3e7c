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
public sealed partial class StageEntry(ExecutionRecorder recorder, DuplicateDelivery duplicates, ConsumerStore consumers, ILogger<StageEntry> logger)
{
    /// <summary>The configuration to work with, or null when there is nothing (more) to do.</summary>
    public async Task<ConsumerConfiguration?> BeginAsync(ConsumeContext context, DayRun run, string stage)
    {
        // One read of the execution serves both questions: is this a duplicate, and does the run exist yet?
        var execution = await recorder.FindAsync(run, context.CancellationToken);
        if (await duplicates.HandledAsync(context, run, stage, execution)) return null;
        if (!await recorder.EnterStageAsync(run, stage, execution, context.CancellationToken))
        {
            LogAlreadyRunning(run.ToString());
            return null;
        }
        var config = await consumers.GetAsync(run.ConsumerId, context.CancellationToken);
        if (config is not null) return config;
        var message = $"No consumer {run.ConsumerId} is configured.";
        await recorder.FinishAsync(run, new ExecutionOutcome(ExecutionStatus.Error, stage, OutcomeCodes.UnknownConsumer, message), message, null, context.CancellationToken);
        return null;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Another run of {Day} is going on: this one changes nothing")]
    private partial void LogAlreadyRunning(string day);
}
