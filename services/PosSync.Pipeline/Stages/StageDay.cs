using System.Text.Json.Nodes;
using MassTransit;
using PosSync.Contracts;
using PosSync.Domain.Configuration;
using PosSync.Storage.Stores;

namespace PosSync.Pipeline.Stages;

/// <summary>
/// One day in one stage: the message, its run, the consumer's configuration, and the ways a stage
/// writes the run's story (an event, the run's ending, the hand-off to the next stage). What the stage has to write but
/// need not write at once (the request rows of its connector calls, the settings the run is judged with) is held here
/// and goes with the next of those writes, or is written as the stage ends (<see cref="WriteHeldAsync"/>).
/// </summary>
public sealed class StageDay<TMessage>(ConsumeContext<TMessage> context, DayRun run, string stage, ConsumerConfiguration config,
    StageEntrance entrance, ExecutionRecorder recorder) where TMessage : class
{
    private RunSettings? _judgedWith;

    public ConsumeContext<TMessage> Context => context;
    public TMessage Message => context.Message;
    public DayRun Run => run;
    public string Stage => stage;
    public ConsumerConfiguration Config => config;
    /// <summary>The day's ledger row as the stage entered the day (null: never claimed nor booked).</summary>
    public LedgerDay? Ledger => entrance.Ledger;
    /// <summary>The consumer's enablement as last recorded, read as the ingest stage entered the day (null at the other stages).</summary>
    public RecordedEnablement? RecordedEnablement => entrance.Enablement;
    public CancellationToken Cancel => context.CancellationToken;

    /// <summary>Where the stage's connector calls hold their request rows (<see cref="PosSync.Connectors.ConnectorContext.Requests"/>).</summary>
    public HeldRequests Requests { get; } = new();

    /// <summary>
    /// The run is judged with <paramref name="settings"/>: they are recorded on it with the hand-off, before its ending,
    /// or as the stage ends, whichever comes first.
    /// </summary>
    public void JudgedWith(Settings settings) => _judgedWith = ExecutionRecorder.SettingsOf(settings);

    public Task InfoAsync(string message, JsonObject? details = null) =>
        recorder.InfoAsync(run, stage, message, details, cancellationToken: context.CancellationToken, held: Requests);

    public Task WarnAsync(string code, string message) =>
        recorder.WarnAsync(run, stage, code, message, cancellationToken: context.CancellationToken, held: Requests);

    /// <summary>Ends the run at this stage with an event saying why.</summary>
    public async Task FinishAsync(ExecutionStatus status, string? code, string message, JsonObject? details = null, string? entryNumber = null)
    {
        await WriteJudgedAsync(context.CancellationToken);
        await recorder.FinishAsync(run, new ExecutionOutcome(status, stage, code, message, entryNumber), message, details,
            context.CancellationToken, Requests);
    }

    /// <summary>
    /// The day booked in the ledger under this run's claim and the run ended, in one write; false
    /// when the claim was lost (nothing written).
    /// </summary>
    public async Task<bool> FinishBookedAsync(LedgerBooking booking, ExecutionStatus status, string? code, string message, JsonObject? details,
        string entryNumber)
    {
        await WriteJudgedAsync(context.CancellationToken);
        return await recorder.FinishBookedAsync(run, booking, new ExecutionOutcome(status, stage, code, message, entryNumber), message, details,
            context.CancellationToken, Requests);
    }

    /// <summary>
    /// The stage says what it did (<paramref name="message"/>, an info event), the run waits on the
    /// next stage's queue (not stuck) and the next stage's message goes out. What the stage holds goes in the same write,
    /// and the day's <paramref name="snapshot"/> (its canonical UTF-8 JSON) when given.
    /// </summary>
    public async Task HandOffAsync<TNext>(TNext next, string message, JsonObject? details = null, byte[]? snapshot = null) where TNext : class
    {
        await recorder.HandOffAsync(run, stage, message, details, context.CancellationToken, _judgedWith, snapshot, Requests);
        _judgedWith = null;
        await context.Publish(next, context.CancellationToken);
    }

    /// <summary>Writes what the stage still holds as it ends, however it ends; nothing held, no round trip.</summary>
    public async Task WriteHeldAsync()
    {
        await WriteJudgedAsync(CancellationToken.None);
        await recorder.WriteHeldAsync(Requests);
    }

    private async Task WriteJudgedAsync(CancellationToken cancellationToken)
    {
        if (_judgedWith is not { } settings) return;
        await recorder.JudgedWithAsync(run, settings, cancellationToken);
        _judgedWith = null;
    }
}
