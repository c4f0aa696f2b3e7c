using Microsoft.Extensions.DependencyInjection;
using System.Diagnostics;
using System.Text.Json.Nodes;
using MassTransit;
using PosSync.Contracts;
using PosSync.Domain.Booking;
using PosSync.Storage.Stores;

namespace PosSync.Pipeline.Stages;

/// <summary>
/// Stage 2: applies the booking rules to the ingested day. A balanced entry goes on to the
/// export; a business failure (unmapped data, sum mismatch, a day still open) is recorded on the
/// execution with its code, message and details, and ends the run — it is not an exception.
/// </summary>
public sealed class ReconciliationConsumer(
    StageEntry stageEntry,
    DayLedger ledger,
    ExecutionRecorder recorder) : IConsumer<ServiceDayIngested>
{
    public async Task Consume(ConsumeContext<ServiceDayIngested> context)
    {
        var run = context.Message.Run;
        var cancel = context.CancellationToken;
        using var scope = recorder.Scope(run, Stage.Reconcile);
        var started = Stopwatch.GetTimestamp();
        if (await stageEntry.BeginAsync(context, run, Stage.Reconcile) is not { } config) return;

        await recorder.JudgedWithAsync(run, config.Settings, cancel);
        var outcome = BookingEngine.Book(config, context.Message.Day, run.BookingOptions());
        foreach (var warning in outcome.Warnings) await recorder.WarnAsync(run, Stage.Reconcile, warning.Code, warning.Message, cancellationToken: cancel);

        switch (outcome.Status)
        {
            case BookingStatus.Booked:
                var entry = outcome.Entry!;
                await recorder.InfoAsync(run, Stage.Reconcile,
                    $"Entry {entry.Number} balances: {entry.Lines.Count} lines, {Money.Format(entry.TotalDebit)} debit = credit.",
                    new JsonObject { ["entry"] = JsonNode.Parse(BookingOutcomeJson.EntryJson(entry, indented: false)) }, cancellationToken: cancel);
                await recorder.HandOffAsync(run, cancel);
                await context.Publish(new ServiceDayReconciled
                {
                    Run = run, Entry = entry, Warnings = outcome.Warnings, Recheck = context.Message.Recheck,
                }, cancel);
                break;
            case BookingStatus.NothingToBook when run.Trigger is (DayTrigger.Reimport or DayTrigger.Recheck)
                                                  && await ledger.GetAsync(run.Key(), cancel) is { IsBooked: true } booked:
                // Booked before, nothing now (every order voided since): the replacement is no entry at all.
                var fate = run.Trigger == DayTrigger.Recheck && !config.Settings.ReplaceOnDrift ? "stays: the recheck reports the drift" : "is to be removed";
                await recorder.InfoAsync(run, Stage.Reconcile, $"{outcome.Reason!.Message} Entry {booked.EntryNumber}, booked before, {fate}.", cancellationToken: cancel);
                await recorder.HandOffAsync(run, cancel);
                await context.Publish(new ServiceDayReconciled
                {
                    Run = run, Entry = null, Warnings = outcome.Warnings, Recheck = context.Message.Recheck,
                }, cancel);
                break;
            case BookingStatus.NothingToBook:
                await ledger.MarkNothingToBookAsync(run.Key(), run.ExecutionId, cancel);
                await Finish(ExecutionStatus.Success, outcome.Reason!.Code, outcome.Reason.Message, null);
                break;
            case BookingStatus.Waiting:
                await Finish(ExecutionStatus.Waiting, outcome.Reason!.Code, outcome.Reason.Message, null);
                break;
            case BookingStatus.Skipped:
                await Finish(ExecutionStatus.Skipped, outcome.Reason!.Code, outcome.Reason.Message, null);
                break;
            default:
                await Finish(ExecutionStatus.Error, outcome.Reason!.Code, outcome.Reason.Message, outcome.Reason.Details);
                break;
        }
        PipelineTelemetry.StageDuration.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds, new KeyValuePair<string, object?>("stage", Stage.Reconcile));

        Task Finish(string status, string? code, string message, JsonObject? details) =>
            recorder.FinishAsync(run, new ExecutionOutcome(status, Stage.Reconcile, code, message), message, details, cancel);
    }
}

public sealed class ReconciliationConsumerDefinition : ConsumerDefinition<ReconciliationConsumer>
{
    public ReconciliationConsumerDefinition() => ConcurrentMessageLimit = 4;

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<ReconciliationConsumer> consumerConfigurator, IRegistrationContext context)
    {
        endpointConfigurator.UseMessageRetry(context.GetRequiredService<TransientRetry>().Configure);
        endpointConfigurator.UseInMemoryOutbox(context);
    }
}
