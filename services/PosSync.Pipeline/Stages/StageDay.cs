using System.Text.Json.Nodes;
using MassTransit;
using PosSync.Contracts;
using PosSync.Domain.Configuration;
using PosSync.Storage.Stores;

namespace PosSync.Pipeline.Stages;

/// <summary>
/// One day in one stage: the message, its run, the consumer's configuration, and the ways a stage
/// writes the run's story (an event, the run's ending, the hand-off to the next stage).
/// </summary>
public sealed class StageDay<TMessage>(ConsumeContext<TMessage> context, DayRun run, string stage, ConsumerConfiguration config,
    LedgerDay? ledger, ExecutionRecorder recorder) where TMessage : class
{
    public ConsumeContext<TMessage> Context => context;
    public TMessage Message => context.Message;
    public DayRun Run => run;
    public string Stage => stage;
    public ConsumerConfiguration Config => config;
    /// <summary>The day's ledger row as the stage entered the day (null: never claimed nor booked).</summary>
    public LedgerDay? Ledger => ledger;
    public CancellationToken Cancel => context.CancellationToken;

    public Task InfoAsync(string message, JsonObject? details = null) =>
        recorder.InfoAsync(run, stage, message, details, cancellationToken: context.CancellationToken);

    public Task WarnAsync(string code, string message) =>
        recorder.WarnAsync(run, stage, code, message, cancellationToken: context.CancellationToken);

    /// <summary>Ends the run at this stage with an event saying why.</summary>
    public Task FinishAsync(ExecutionStatus status, string? code, string message, JsonObject? details = null, string? entryNumber = null) =>
        recorder.FinishAsync(run, new ExecutionOutcome(status, stage, code, message, entryNumber), message, details, context.CancellationToken);

    /// <summary>
    /// The day booked in the ledger under this run's claim and the run ended, in one write; false
    /// when the claim was lost (nothing written).
    /// </summary>
    public Task<bool> FinishBookedAsync(LedgerBooking booking, ExecutionStatus status, string? code, string message, JsonObject? details,
        string entryNumber) =>
        recorder.FinishBookedAsync(run, booking, new ExecutionOutcome(status, stage, code, message, entryNumber), message, details,
            context.CancellationToken);

    /// <summary>
    /// The stage says what it did (<paramref name="message"/>, an info event), the run waits on the
    /// next stage's queue (not stuck) and the next stage's message goes out.
    /// </summary>
    public async Task HandOffAsync<TNext>(TNext next, string message, JsonObject? details = null) where TNext : class
    {
        await recorder.HandOffAsync(run, stage, message, details, context.CancellationToken);
        await context.Publish(next, context.CancellationToken);
    }
}
