using Microsoft.Extensions.DependencyInjection;
using System.Diagnostics;
using System.Text.Json.Nodes;
using MassTransit;
using PosSync.Connectors;
using PosSync.Contracts;
using PosSync.Domain.Booking;
using PosSync.Domain.Configuration;
using PosSync.Domain.Days;
using PosSync.Domain.Enablement;
using PosSync.Storage.Stores;

namespace PosSync.Pipeline.Stages;

/// <summary>
/// Stage 1: starts the day's execution, checks the sync may run (enabled, on or after the start
/// date, not already booked), fetches the day from the POS and publishes it.
/// </summary>
public sealed class PosIngestConsumer(
    StageEntry entry,
    DayLedger ledger,
    ConnectorRegistry connectors,
    ExecutionRecorder recorder,
    DuplicateDelivery duplicates,
    CatalogCache catalogs,
    DayArchive archive,
    ConnectionFailures connectionFailures,
    EnablementLog enablementLog) : IConsumer<SyncServiceDay>
{
    public async Task Consume(ConsumeContext<SyncServiceDay> context)
    {
        var run = context.Message.Run;
        var cancel = context.CancellationToken;
        using var scope = recorder.Scope(run, Stage.Ingest);
        var started = Stopwatch.GetTimestamp();
        if (await entry.BeginAsync(context, run, Stage.Ingest) is not { } config) return;
        await recorder.InfoAsync(run, Stage.Ingest, $"Run started ({run.Trigger.ToString().ToLowerInvariant()}, attempt {run.Attempt}).", cancellationToken: cancel);

        var location = config.FindLocation(run.LocationId);
        if (location is null)
        {
            await Refuse(ExecutionStatus.Error, DayRefusals.UnknownLocation(config, run.LocationId));
            return;
        }

        // Cheap checks first: a day before the start date never costs a POS call.
        if (BusinessDayRules.IsBeforeStart(run.BusinessDate, config.Settings) && !run.ForceBeforeStartDate)
        {
            await Refuse(ExecutionStatus.Skipped, DayRefusals.BeforeStartDate(run.BusinessDate, config.Settings));
            return;
        }
        var connectorContext = new ConnectorContext(run.ConsumerId, run.ExecutionId, config.Pos?.Options) { CloseAfter = config.Settings.EffectiveCloseAfter };
        var pos = config.Pos is { } posConnection ? connectors.Pos(posConnection.Connector) : null;
        var catalog = PosCatalog.Unknown;
        var catalogFetched = false;
        if (pos is not null && config.Pos?.Status == ConnectionStatus.Active)
        {
            var fetched = await catalogs.GetAsync(pos, connectorContext, config.Locations, cancel);
            if (fetched.Failure is { } catalogFailure)
            {
                await FailOnConnector(config, catalogFailure);
                return;
            }
            catalog = fetched.Value!;
            catalogFetched = true;
        }
        var enablement = SyncEnablement.Evaluate(config, catalog);
        // With the POS's fresh catalog this is the latest word on the consumer's mappings: recorded for
        // support's views. Without one (the POS not active) it would miss the mapping reasons the
        // consumer page computes from the last catalog, so the page's answer stands.
        if (catalogFetched)
            await enablementLog.RecordAsync(config.ConsumerId, enablement, ConnectionStatusRecord.Of(config), cancel);
        if (!enablement.IsEnabled)
        {
            await Refuse(ExecutionStatus.Skipped, DayRefusals.SyncDisabled(enablement));
            return;
        }
        var done = await ledger.GetAsync(run.Key(), cancel);
        if (run.Trigger is not (DayTrigger.Reimport or DayTrigger.Recheck) && done is not null && done.Status != LedgerDay.Unbooked)
        {
            var what = done.IsBooked ? $"already booked as {done.AccountingId} (entry {done.EntryNumber})" : "already done: nothing to book";
            await Finish(ExecutionStatus.Success, "ALREADY_DONE", $"The day is {what}; use a re-import to book it again.");
            await duplicates.RepublishIfBookedAsync(context, run);
            return;
        }
        if (pos is null)
        {
            await FailOnConnector(config, ConnectorRegistry.Missing("POS", config.Pos!.Connector));
            return;
        }

        var result = await pos.FetchDayAsync(connectorContext, location, run.BusinessDate, cancel);
        if (result.Failure is { } failure)
        {
            await FailOnConnector(config, failure);
            return;
        }
        if (result.Value!.Day is not { } day)
        {
            await Finish(ExecutionStatus.Waiting, result.Value.NotAvailableCode, result.Value.NotAvailableMessage!);
            return;
        }

        // A recheck compares with the orders behind the booked entry, and keeps them unless it may replace the entry.
        var recheck = run.Trigger == DayTrigger.Recheck && done is { IsBooked: true }
            ? BookedDayRecheck.Compare(await ArchivedDayAsync(run, cancel), day, location, config.Settings) : null;
        if (recheck is null || config.Settings.ReplaceOnDrift)
            await archive.SaveDayAsync(run.Key(), run.ExecutionId, ServiceDayWriter.Write(day), cancel);
        await recorder.InfoAsync(run, Stage.Ingest,
            $"Fetched {day.Orders.Count} orders from {pos.Name}; the POS day is {(day.Closure.Status == ClosureStatus.Open ? "open" : "closed")}.",
            new JsonObject { ["orders"] = day.Orders.Count, ["closure"] = day.Closure.Status.ToString().ToLowerInvariant(), ["connector"] = pos.Name },
            cancellationToken: cancel);
        await recorder.HandOffAsync(run, cancel);
        await context.Publish(new ServiceDayIngested { Run = run, Day = day, Recheck = recheck }, cancel);
        PipelineTelemetry.StageDuration.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds, new KeyValuePair<string, object?>("stage", Stage.Ingest));

        Task Finish(string status, string? code, string message, JsonObject? details = null) =>
            recorder.FinishAsync(run, new ExecutionOutcome(status, Stage.Ingest, code, message), message, details, cancel);

        Task Refuse(string status, BookingProblem problem) => Finish(status, problem.Code, problem.Message, problem.Details);

        async Task FailOnConnector(ConsumerConfiguration config, ConnectorFailure failure)
        {
            var message = await connectionFailures.RecordAsync(config, ConnectorRole.Pos, failure, cancel);
            await Finish(ExecutionStatus.Error, failure.Code, message);
        }
    }

    private async Task<ServiceDay?> ArchivedDayAsync(DayRun run, CancellationToken cancel) =>
        await archive.DayAsync(run.Key(), cancel) is { } json && ServiceDayReader.ReadArchived(json) is { IsValid: true } parsed
            ? parsed.Value : null;
}

public sealed class PosIngestConsumerDefinition : ConsumerDefinition<PosIngestConsumer>
{
    public PosIngestConsumerDefinition() => ConcurrentMessageLimit = 4;

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<PosIngestConsumer> consumerConfigurator, IRegistrationContext context)
    {
        endpointConfigurator.UseMessageRetry(context.GetRequiredService<TransientRetry>().Configure);
        endpointConfigurator.UseInMemoryOutbox(context);
    }
}
