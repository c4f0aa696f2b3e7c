using PosSync.Connectors;
using PosSync.Contracts;
using PosSync.Domain.Booking;
using PosSync.Domain.Configuration;
using PosSync.Domain.Days;
using PosSync.Domain.Enablement;
using PosSync.Storage.Stores;
using PosSync.Domain.Outcomes;

namespace PosSync.Pipeline.Stages;

/// <summary>
/// Stage 1: starts the day's execution, checks the sync may run (enabled, on or after the start
/// date, not already booked), fetches the day from the POS and publishes it.
/// </summary>
public sealed class PosIngestStage(
    StageEntry entry,
    ExecutionRecorder recorder,
    ConnectorRegistry connectors,
    DuplicateDelivery duplicates,
    CatalogCache catalogs,
    DayArchive archive,
    ConnectorOutcomes connectorOutcomes,
    EnablementLog enablementLog) : DayStage<SyncServiceDay>(entry, recorder, Stage.Ingest)
{
    protected override DayRun RunOf(SyncServiceDay message) => message.Run;

    protected override string FirstEvent(DayRun run) => $"Run started ({run.Trigger.Word()}, attempt {run.Attempt}).";

    protected override async Task WorkAsync(StageDay<SyncServiceDay> day)
    {
        var run = day.Run;
        var config = day.Config;
        var cancel = day.Cancel;

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
        var connectorContext = new ConnectorContext(run.ConsumerId, run.ExecutionId, config.Pos?.Options)
        {
            CloseAfter = config.Settings.EffectiveCloseAfter, Requests = day.Requests,
        };
        var pos = config.Pos is { } posConnection ? connectors.Pos(posConnection.Connector) : null;
        var catalog = PosCatalog.Unknown;
        var catalogFetched = false;
        if (pos is not null && config.Pos?.Status == ConnectionStatus.Active)
        {
            var fetched = await catalogs.GetAsync(pos, connectorContext, config.Locations, cancel);
            if (fetched.Failure is { } catalogFailure)
            {
                await connectorOutcomes.FinishAsync(day, ConnectorRole.Pos, catalogFailure);
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
            await enablementLog.RecordAsync(config.ConsumerId, enablement, ConnectionStatusRecord.Of(config), cancel, day.RecordedEnablement);
        if (!enablement.IsEnabled)
        {
            await Refuse(ExecutionStatus.Skipped, DayRefusals.SyncDisabled(enablement));
            return;
        }
        // The ledger as the stage entered the day, moments ago: the export's claim has the last word anyway.
        var done = day.Ledger;
        if (run.Trigger is not (DayTrigger.Reimport or DayTrigger.Recheck) && done is not null && done.Status != LedgerDay.Unbooked)
        {
            var what = done.IsBooked ? $"already booked as {done.AccountingId} (entry {done.EntryNumber})" : "already done: nothing to book";
            await day.FinishAsync(ExecutionStatus.Success, OutcomeCodes.AlreadyDone, $"The day is {what}; use a re-import to book it again.");
            await duplicates.RepublishIfBookedAsync(day.Context, run, done);
            return;
        }
        if (pos is null)
        {
            await connectorOutcomes.FinishAsync(day, ConnectorRole.Pos, ConnectorRegistry.Missing("POS", config.Pos!.Connector));
            return;
        }

        var result = await pos.FetchDayAsync(connectorContext, location, run.BusinessDate, cancel);
        if (result.Failure is { } failure)
        {
            await connectorOutcomes.FinishAsync(day, ConnectorRole.Pos, failure);
            return;
        }
        if (result.Value!.Day is not { } serviceDay)
        {
            await day.FinishAsync(ExecutionStatus.Waiting, result.Value.NotAvailableCode, result.Value.NotAvailableMessage!);
            return;
        }

        // A recheck compares with the orders behind the booked entry, and keeps them unless it may replace the entry.
        var recheck = run.Trigger == DayTrigger.Recheck && done is { IsBooked: true }
            ? BookedDayRecheck.Compare(await ArchivedDayAsync(run, cancel), serviceDay, location, config.Settings) : null;
        // Written once, kept with the hand-off in its round trip: the snapshot's bytes are the ones the
        // message carries (ServiceDayJsonConverter).
        var snapshot = recheck is null || config.Settings.ReplaceOnDrift ? ServiceDayJsonConverter.Canonical(serviceDay) : null;
        var fact = new DayFetched(serviceDay.Orders.Count, serviceDay.Closure.Status, pos.Name);
        await day.HandOffAsync(new ServiceDayIngested { Run = run, Day = serviceDay, Recheck = recheck }, fact.Message, fact.ToDetails(), snapshot);

        Task Refuse(ExecutionStatus status, BookingProblem problem) => day.FinishAsync(status, problem.Code, problem.Message, problem.Details);
    }

    private async Task<ServiceDay?> ArchivedDayAsync(DayRun run, CancellationToken cancel) =>
        await archive.DayAsync(run.Key(), cancel) is { } json && ServiceDayReader.ReadArchived(json) is { IsValid: true } parsed
            ? parsed.Value : null;
}
