using System.Text.Json.Nodes;
using PosSync.Connectors;
using PosSync.Contracts;
using PosSync.Domain.Booking;
using PosSync.Domain.Configuration;
using PosSync.Domain.Outcomes;
using PosSync.Storage.Stores;

namespace PosSync.Pipeline.Stages;

/// <summary>
/// Stage 3: books the entry in the accounting tool exactly once. The day is claimed in the ledger
/// first, so concurrent deliveries never post together; what to do with a day booked before is
/// <see cref="Rebooking.Decide"/>'s plan (never two live entries), which this stage carries out;
/// the booking is recorded and ServiceDayBooked published. A correction may be booked on the
/// business's today when the tool refuses the original day (closed period): the log says so.
/// </summary>
public sealed class AccountingExportStage(
    StageEntry entry,
    ExecutionRecorder recorder,
    DayLedger ledger,
    ConnectorRegistry connectors,
    ConnectorOutcomes connectorOutcomes,
    TimeProvider clock) : DayStage<ServiceDayReconciled>(entry, recorder, Stage.Export)
{
    protected override DayRun RunOf(ServiceDayReconciled message) => message.Run;

    protected override async Task WorkAsync(StageDay<ServiceDayReconciled> day)
    {
        var run = day.Run;
        var target = day.Config.Accounting is { } accounting ? connectors.Accounting(accounting.Connector) : null;
        if (target is null)
        {
            var missing = ConnectorRegistry.Missing("accounting", day.Config.Accounting?.Connector ?? "(none)");
            await day.FinishAsync(ExecutionStatus.Error, missing.Code, missing.Message);
            return;
        }

        // The message id owns the claim: an in-memory retry of this message may come back, another copy may not.
        var owner = (day.Context.MessageId ?? run.ExecutionId).ToString();
        var claimed = await ledger.TryClaimAsync(run.Key(), run.ExecutionId, owner, DayLedger.DefaultLease, day.Cancel)
                      ?? throw new DayBookingInProgressException(run.Key().ToString());
        var booked = false;
        try
        {
            booked = await BookAsync(day, target, claimed, owner);
        }
        finally
        {
            if (!booked) await ledger.ReleaseAsync(run.Key(), owner, CancellationToken.None);
        }
    }

    /// <summary>True when the ledger now holds this run's booking (and the claim went with it).</summary>
    private async Task<bool> BookAsync(StageDay<ServiceDayReconciled> day, IAccountingTarget target, LedgerDay ledgerDay, string owner)
    {
        var run = day.Run;
        var cancel = day.Cancel;
        var reconciled = day.Message.Entry;
        var fingerprint = reconciled is null ? null : EntryFingerprint.Compute(reconciled);
        var plan = Rebooking.Decide(ledgerDay.State, fingerprint, run.Trigger, reconciled, day.Config.Settings.ReplaceOnDrift);
        var location = day.Config.FindLocation(run.LocationId);
        var connectorContext = new ConnectorContext(run.ConsumerId, run.ExecutionId, day.Config.Accounting?.Options, TimeZone: location?.TimeZone)
        {
            LocationId = run.LocationId, LocationName = location?.Name, Requests = day.Requests,
        };
        var correcting = connectorContext with { CorrectionDate = BusinessToday(day.Config, run) };
        var notices = new List<ConnectorNotice>();
        var booked = $"{ledgerDay.AccountingId} (entry {ledgerDay.EntryNumber})";

        switch (plan.Step)
        {
            case RebookingStep.AlreadyBooked:
                await Finish(ExecutionStatus.Success, OutcomeCodes.AlreadyBooked, $"Already booked as {booked}, unchanged: nothing posted.",
                    ledgerDay.EntryNumber);
                await Publish(ledgerDay.EntryNumber!, ledgerDay.AccountingId!, alreadyBooked: true);
                return false;
            case RebookingStep.ChangedWithoutReimport:
                await Finish(ExecutionStatus.Skipped, OutcomeCodes.AlreadyBooked,
                    $"Already booked as {booked} and the POS day has changed since; run a re-import to replace it.", ledgerDay.EntryNumber);
                return false;
            case RebookingStep.RecheckedUnchanged:
                await Finish(ExecutionStatus.Success, OutcomeCodes.PosDayUnchanged, BookedDayRecheck.UnchangedMessage(ledgerDay), ledgerDay.EntryNumber);
                await Publish(ledgerDay.EntryNumber!, ledgerDay.AccountingId!, alreadyBooked: true);
                return false;
            case RebookingStep.Drifted:
                await Finish(ExecutionStatus.Warning, OutcomeCodes.PosDayDrifted,
                    BookedDayRecheck.DriftMessage(run, ledgerDay, reconciled, day.Message.Recheck), ledgerDay.EntryNumber);
                return false;
        }

        if (plan.ReplacesDrift)
            await Notice([new ConnectorNotice(OutcomeCodes.PosDayDrifted, BookedDayRecheck.Replacing(ledgerDay, reconciled, day.Message.Recheck))]);
        if (plan.Remove is { } removing)
        {
            var removed = await target.RemoveAsync(correcting, removing, cancel);
            if (removed.Failure is { } removeFailure)
            {
                await connectorOutcomes.FinishAsync(day, ConnectorRole.Accounting, removeFailure);
                return false;
            }
            await Notice(removed.Notices);
            if (!await ledger.MarkRemovedAsync(run.Key(), owner, run.ExecutionId, plan.Revision, cancel))
                throw new InvalidOperationException(
                    $"The booking claim on {run.Key()} was lost after {ledgerDay.EntryNumber} was removed; the retry books the replacement.");
            await day.InfoAsync(
                $"The POS day changed: entry {ledgerDay.EntryNumber} ({ledgerDay.AccountingId}) was removed from {target.Name} to be replaced.");
        }
        if (plan.Entry is not { } entry)
        {
            await ledger.MarkNothingToBookAsync(run.Key(), run.ExecutionId, cancel);
            var replaced = plan.Remove is not null
                ? $"{ledgerDay.EntryNumber} ({ledgerDay.AccountingId}), removed from {target.Name}"
                : "the one removed before";
            await Finish(ExecutionStatus.Success, OutcomeCodes.NothingToBook, string.Join(" ", notices.Select(n => n.Message).Prepend(
                $"The POS day now has nothing to book: no entry replaces {replaced}.")), null);
            return false;
        }

        var posted = await target.PostAsync(plan.IsCorrection ? correcting : connectorContext, entry, cancel);
        if (posted.Failure is { } failure)
        {
            await connectorOutcomes.FinishAsync(day, ConnectorRole.Accounting, failure);
            return false;
        }
        await Notice(posted.Notices);
        var accountingId = posted.Value!.AccountingId;
        var how = posted.Value.AlreadyExisted ? "was already in" : "was booked in";
        var warnings = day.Message.Warnings.Select(w => (w.Code, w.Message)).Concat(notices.Select(n => (n.Code, n.Message))).ToList();
        var status = warnings.Count > 0 ? ExecutionStatus.Warning : ExecutionStatus.Success;
        var summary = warnings.Count > 0
            ? $"{string.Join(" ", warnings.Select(w => w.Message))} Entry {entry.Number} {how} {target.Name} as {accountingId}."
            : $"Entry {entry.Number} {how} {target.Name} as {accountingId}.";
        // The ledger's booking and the run's ending in one write: the booking only under this run's claim.
        var booking = new LedgerBooking(owner, run.ExecutionId, entry.Number, accountingId, fingerprint!, plan.Revision);
        var code = warnings.Count > 0 ? warnings[0].Code : null;
        if (!await day.FinishBookedAsync(booking, status, code, summary, EntryDetails(entry.Number), entry.Number))
            throw new InvalidOperationException(
                $"The booking claim on {run.Key()} was lost while posting {entry.Number}; the retry will find the posted entry.");
        await Publish(entry.Number, accountingId, alreadyBooked: posted.Value.AlreadyExisted);
        return true;

        Task Publish(string number, string id, bool alreadyBooked) => day.Context.Publish(new ServiceDayBooked
        {
            Run = run, EntryNumber = number, AccountingId = id, AlreadyBooked = alreadyBooked,
        }, cancel);

        Task Finish(ExecutionStatus status, string? code, string message, string? entryNumber) =>
            day.FinishAsync(status, code, message, EntryDetails(entryNumber), entryNumber);

        static JsonObject EntryDetails(string? entryNumber) => new() { ["entry_number"] = entryNumber };

        // Said when it happens, so the log keeps it even if a later step of this run fails.
        async Task Notice(IReadOnlyList<ConnectorNotice> said)
        {
            foreach (var notice in said) await day.WarnAsync(notice.Code, notice.Message);
            notices.AddRange(said);
        }
    }

    /// <summary>Today where the location does business (its configured time zone), the date a correction may be booked on.</summary>
    private DateOnly BusinessToday(ConsumerConfiguration config, DayRun run)
    {
        var zone = config.FindLocation(run.LocationId)?.TimeZone ?? TimeZoneInfo.Utc;
        return DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), zone).DateTime);
    }
}
