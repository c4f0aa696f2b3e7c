using Microsoft.Extensions.DependencyInjection;
using System.Diagnostics;
using System.Text.Json.Nodes;
using MassTransit;
using PosSync.Connectors;
using PosSync.Connectors.Http;
using PosSync.Contracts;
using PosSync.Domain.Booking;
using PosSync.Domain.Configuration;
using PosSync.Storage.Stores;

namespace PosSync.Pipeline.Stages;

/// <summary>
/// Stage 3: books the entry in the accounting tool exactly once. The day is claimed in the ledger
/// first, so concurrent deliveries never post together; a day already booked with the same lines
/// is not posted again; a re-import of a changed day replaces the booked entry (never two live
/// entries); the booking is recorded and ServiceDayBooked published. A correction may be booked on
/// the business's today when the tool refuses the original day (closed period): the log says so.
/// </summary>
public sealed class AccountingExportConsumer(
    StageEntry stageEntry,
    DayLedger ledger,
    ConnectorRegistry connectors,
    ExecutionRecorder recorder,
    ConnectionFailures connectionFailures,
    TimeProvider clock) : IConsumer<ServiceDayReconciled>
{
    public async Task Consume(ConsumeContext<ServiceDayReconciled> context)
    {
        var run = context.Message.Run;
        var cancel = context.CancellationToken;
        using var scope = recorder.Scope(run, Stage.Export);
        var started = Stopwatch.GetTimestamp();
        if (await stageEntry.BeginAsync(context, run, Stage.Export) is not { } config) return;
        var target = config.Accounting is { } accounting ? connectors.Accounting(accounting.Connector) : null;
        if (target is null)
        {
            var missing = ConnectorRegistry.Missing("accounting", config.Accounting?.Connector ?? "(none)");
            await Finish(ExecutionStatus.Error, missing.Code, missing.Message);
            return;
        }

        // The message id owns the claim: an in-memory retry of this message may come back, another copy may not.
        var owner = (context.MessageId ?? run.ExecutionId).ToString();
        var day = await ledger.TryClaimAsync(run.Key(), run.ExecutionId, owner, DayLedger.DefaultLease, cancel)
                  ?? throw new DayBookingInProgressException(run.Key().ToString());
        var booked = false;
        try
        {
            booked = await BookAsync(context, config, target, day, owner);
        }
        finally
        {
            if (!booked) await ledger.ReleaseAsync(run.Key(), owner, CancellationToken.None);
        }
        PipelineTelemetry.StageDuration.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds, new KeyValuePair<string, object?>("stage", Stage.Export));

        Task Finish(string status, string? code, string message) =>
            recorder.FinishAsync(run, new ExecutionOutcome(status, Stage.Export, code, message), message, null, cancel);
    }

    /// <summary>True when the ledger now holds this run's booking (and the claim went with it).</summary>
    private async Task<bool> BookAsync(ConsumeContext<ServiceDayReconciled> context, ConsumerConfiguration config, IAccountingTarget target, LedgerDay day, string owner)
    {
        var run = context.Message.Run;
        var entry = context.Message.Entry;
        var cancel = context.CancellationToken;
        var fingerprint = entry is null ? null : EntryFingerprint.Compute(entry);
        var connectorContext = new ConnectorContext(run.ConsumerId, run.ExecutionId, config.Accounting?.Options, TimeZone: config.FindLocation(run.LocationId)?.TimeZone);
        // A day whose entry was taken back earlier books its replacement under the next number.
        var revision = day.Revision;
        var correcting = connectorContext with { CorrectionDate = BusinessToday(config, run) };
        var notices = new List<ConnectorNotice>();

        if (day.IsBooked)
        {
            if (run.Trigger == DayTrigger.Recheck)
            {
                var (recheck, unchanged) = (context.Message.Recheck, fingerprint is not null && day.Fingerprint == fingerprint);
                if (BookedDayRecheck.Decide(run, config.Settings, day, unchanged, entry, recheck) is { } verdict)
                {
                    await Finish(verdict.Status, verdict.Code, verdict.Message, day.EntryNumber);
                    if (verdict.Unchanged) await Publish(day.EntryNumber!, day.AccountingId!, alreadyBooked: true);
                    return false;
                }
                await Notice([new ConnectorNotice(BookedDayRecheck.Drifted, BookedDayRecheck.Replacing(day, entry, recheck))]);
            }
            if (fingerprint is not null && day.Fingerprint == fingerprint)
            {
                await Finish(ExecutionStatus.Success, "ALREADY_BOOKED", $"Already booked as {day.AccountingId} (entry {day.EntryNumber}), unchanged: nothing posted.", day.EntryNumber);
                await Publish(day.EntryNumber!, day.AccountingId!, alreadyBooked: true);
                return false;
            }
            if (run.Trigger is not (DayTrigger.Reimport or DayTrigger.Recheck))
            {
                await Finish(ExecutionStatus.Skipped, "ALREADY_BOOKED",
                    $"Already booked as {day.AccountingId} (entry {day.EntryNumber}) and the POS day has changed since; run a re-import to replace it.", day.EntryNumber);
                return false;
            }
            var removed = await target.RemoveAsync(correcting, day.AccountingId!, cancel);
            if (removed.Failure is { } removeFailure)
            {
                await FailOnConnector(removeFailure);
                return false;
            }
            await Notice(removed.Notices);
            revision = day.Revision + 1;
            if (!await ledger.MarkRemovedAsync(run.Key(), owner, run.ExecutionId, revision, cancel))
                throw new InvalidOperationException($"The booking claim on {run.Key()} was lost after {day.EntryNumber} was removed; the retry books the replacement.");
            await recorder.InfoAsync(run, Stage.Export, $"The POS day changed: entry {day.EntryNumber} ({day.AccountingId}) was removed from {target.Name} to be replaced.", cancellationToken: cancel);
        }
        if (entry is null)
        {
            await ledger.MarkNothingToBookAsync(run.Key(), run.ExecutionId, cancel);
            await Finish(ExecutionStatus.Success, BookingCodes.NothingToBook,
                string.Join(" ", notices.Select(n => n.Message).Prepend(
                    $"The POS day now has nothing to book: no entry replaces {(day.IsBooked ? $"{day.EntryNumber} ({day.AccountingId}), removed from {target.Name}" : "the one removed before")}.")), null);
            return false;
        }
        if (revision > 0) entry = entry with { Number = $"{entry.Number}-R{revision}" };

        var posted = await target.PostAsync(revision > 0 ? correcting : connectorContext, entry, cancel);
        if (posted.Failure is { } failure)
        {
            await FailOnConnector(failure);
            return false;
        }
        await Notice(posted.Notices);
        var accountingId = posted.Value!.AccountingId;
        if (!await ledger.MarkBookedAsync(run.Key(), owner, run.ExecutionId, entry.Number, accountingId, fingerprint!, revision, cancel))
            throw new InvalidOperationException($"The booking claim on {run.Key()} was lost while posting {entry.Number}; the retry will find the posted entry.");

        var how = posted.Value.AlreadyExisted ? "was already in" : "was booked in";
        var warnings = context.Message.Warnings.Select(w => (w.Code, w.Message)).Concat(notices.Select(n => (n.Code, n.Message))).ToList();
        var status = warnings.Count > 0 ? ExecutionStatus.Warning : ExecutionStatus.Success;
        var summary = warnings.Count > 0
            ? $"{string.Join(" ", warnings.Select(w => w.Message))} Entry {entry.Number} {how} {target.Name} as {accountingId}."
            : $"Entry {entry.Number} {how} {target.Name} as {accountingId}.";
        await Finish(status, warnings.Count > 0 ? warnings[0].Code : null, summary, entry.Number);
        await Publish(entry.Number, accountingId, alreadyBooked: posted.Value.AlreadyExisted);
        return true;

        Task Publish(string number, string id, bool alreadyBooked) => context.Publish(new ServiceDayBooked
        {
            Run = run, EntryNumber = number, AccountingId = id, AlreadyBooked = alreadyBooked,
        }, cancel);

        Task Finish(string status, string? code, string message, string? entryNumber) =>
            recorder.FinishAsync(run, new ExecutionOutcome(status, Stage.Export, code, message, entryNumber), message,
                new JsonObject { ["entry_number"] = entryNumber }, cancel);

        // Said when it happens, so the log keeps it even if a later step of this run fails.
        async Task Notice(IReadOnlyList<ConnectorNotice> said)
        {
            foreach (var notice in said) await recorder.WarnAsync(run, Stage.Export, notice.Code, notice.Message, cancellationToken: cancel);
            notices.AddRange(said);
        }

        async Task FailOnConnector(ConnectorFailure failure)
        {
            if (failure.Code == VendorHttp.AccountingQuotaSpent)
            {
                // The connection is fine, the tool's quota is spent: the day waits and the scheduler starts it again.
                await Finish(ExecutionStatus.Waiting, failure.Code, failure.Message, null);
                return;
            }
            var message = await connectionFailures.RecordAsync(config, ConnectorRole.Accounting, failure, cancel);
            await Finish(ExecutionStatus.Error, failure.Code, message, null);
        }
    }

    /// <summary>Today where the location does business (its configured time zone), the date a correction may be booked on.</summary>
    private DateOnly BusinessToday(ConsumerConfiguration config, DayRun run)
    {
        var zone = config.FindLocation(run.LocationId)?.TimeZone ?? TimeZoneInfo.Utc;
        return DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), zone).DateTime);
    }
}

public sealed class AccountingExportConsumerDefinition : ConsumerDefinition<AccountingExportConsumer>
{
    public AccountingExportConsumerDefinition() => ConcurrentMessageLimit = 4;

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<AccountingExportConsumer> consumerConfigurator, IRegistrationContext context)
    {
        endpointConfigurator.UseMessageRetry(context.GetRequiredService<TransientRetry>().Configure);
        endpointConfigurator.UseInMemoryOutbox(context);
    }
}
