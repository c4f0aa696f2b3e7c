using System.Text.Json.Nodes;
using PosSync.Connectors;
using PosSync.Domain.Booking;
using PosSync.Domain.Configuration;
using PosSync.Domain.Days;
using PosSync.Domain.Enablement;
using PosSync.Domain.Outcomes;
using PosSync.Storage.Stores;

namespace PosSync.Pipeline.Operations;

/// <summary>
/// possync diagnose: the support guide's checklist for "my client's day is missing / does not add
/// up", walked against the database: connections, mappings, date range, whether the day ran and
/// how its last run ended (open POS day, refused credentials, sum mismatch with its orders and
/// hints), the tolerance in force at that run and its changes since, and where it was booked — then
/// one line on what to do next.
/// </summary>
public sealed class Diagnosis(ConsumerStates states, IssueStore issues, ExecutionLog executions, DayLedger ledger, DayArchive archive,
    ConfigurationHistory history, TimeProvider clock)
{
    public async Task<DiagnosisReport> RunAsync(string consumerId, DateOnly day, string? locationId, CancellationToken cancellationToken)
    {
        var state = await states.GetAsync(consumerId, cancellationToken);
        var config = state.Config;
        var locations = locationId is null ? config.Locations
            : [config.FindLocation(locationId) ?? throw new OperationRefusedException(
                $"{consumerId} has no location {locationId} (it has {string.Join(", ", config.Locations.Select(l => l.Id))}).")];
        var openIssues = (await issues.ListAsync(consumerId, 20, cancellationToken)).Where(i => i.Status == "open").ToList();
        var checks = new List<Check>();
        var next = new List<(int Priority, string Text)>();
        var retry = $"possync retry {consumerId} --from {day:yyyy-MM-dd} --to {day:yyyy-MM-dd}";

        var tools = new[] { ("POS", "POS connected", config.Pos), ("ACCOUNTING", "Accounting connected", config.Accounting) };
        foreach (var (role, label, connection) in tools)
        {
            var tool = connection?.Connector ?? "(none)";
            var issue = openIssues.FirstOrDefault(i => i.Code == $"{role}_AUTH");
            switch (connection?.Status)
            {
                case ConnectionStatus.Active:
                    checks.Add(new Check("*", label, Verdict.Ok, $"{tool} is active"));
                    break;
                case ConnectionStatus.NeedsReconnect:
                    var since = issue is null ? "" : $" since {Time(issue.FirstSeen)} ({issue.Occurrences} refused call(s))";
                    checks.Add(new Check("*", label, Verdict.Problem,
                        $"{tool} refused PosSync's credentials{since}: password changed or access revoked"));
                    next.Add((1, $"Ask the client to reconnect {tool}: "
                        + $"{VendorPrerequisites.Reconnect(consumerId, role.ToLowerInvariant(), tool)}, then: {retry}"));
                    break;
                default:
                    checks.Add(new Check("*", label, Verdict.Problem, $"{tool} is {ConsumerConfigurationWriter.StatusWord(connection?.Status)}"));
                    next.Add((1, $"Ask the client to connect {tool}: "
                        + $"{VendorPrerequisites.Reconnect(consumerId, role.ToLowerInvariant(), tool)}, then: {retry}"));
                    break;
            }
        }
        var mappingReasons = state.Enablement.Reasons
            .Where(r => r.Code == EnablementCodes.MappingMissing).Select(r => r.Message).ToList();
        checks.Add(mappingReasons.Count == 0
            ? new Check("*", "Mappings complete", Verdict.Ok, state.Catalog.PaymentMethods.Count + state.Catalog.VatRates.Count > 0
                ? "every payment method, category and VAT rate the POS listed at the last run is mapped"
                : "journal, tips, rounding and difference accounts are set")
            : new Check("*", "Mappings complete", Verdict.Problem, string.Join("; ", mappingReasons)));
        if (mappingReasons.Count > 0)
            next.Add((2, $"Complete the mapping ({mappingReasons[0].Split(':')[0]}...) with possync consumers apply -f FILE, then: {retry}"));

        var changes = await history.ListAsync(consumerId, cancellationToken);
        foreach (var location in locations)
            await CheckLocationAsync(config, location, day, changes, checks, next, retry, cancellationToken);

        var nextLine = next.Count == 0 ? "Nothing to do." : next.OrderBy(n => n.Priority).First().Text;
        return new DiagnosisReport(consumerId, day, checks, nextLine);
    }

    private async Task CheckLocationAsync(ConsumerConfiguration config, Location location, DateOnly day,
        IReadOnlyList<ConfigurationHistoryEntry> changes,
        List<Check> checks, List<(int, string)> next, string retry, CancellationToken cancellationToken)
    {
        var where = location.Id;
        var key = new DayKey(config.ConsumerId, location.Id, day);
        if (BusinessDayRules.IsBeforeStart(day, config.Settings))
        {
            // Not a problem: the client chose the start date. Said as a fact, with what to do if they want the day after all.
            var start = $"{config.Settings.StartDate:yyyy-MM-dd}";
            checks.Add(new Check(where, "Day in the date range", Verdict.Info,
                $"{day:yyyy-MM-dd} is before the start date {start}: the sync books days from {start} on"));
            next.Add((3, $"Nothing to do: the sync starts on {start}, so {day:yyyy-MM-dd} is not booked. If the client wants it booked: "
                + $"possync reimport {config.ConsumerId} --from {day:yyyy-MM-dd} --to {day:yyyy-MM-dd} --force-before-start"));
            return;
        }
        var lastClosed = SchedulingRules.LastClosedDay(location, clock.GetUtcNow());
        if (day > lastClosed)
        {
            checks.Add(new Check(where, "Day in the date range", Verdict.Info,
                $"{day:yyyy-MM-dd} is not over yet at {location.Name} (the last closed business day is {lastClosed:yyyy-MM-dd})"));
            next.Add((5, "Wait: the day is not over yet."));
            return;
        }
        checks.Add(new Check(where, "Day in the date range", Verdict.Ok, $"on or after the start date {config.Settings.StartDate:yyyy-MM-dd}, "
            + $"and over at {location.Name} (the last closed business day is {lastClosed:yyyy-MM-dd})"));

        var booked = await ledger.GetAsync(key, cancellationToken);
        var runs = await executions.OfDayAsync(key, cancellationToken);
        var last = runs.FirstOrDefault();
        if (last is null)
        {
            checks.Add(new Check(where, "Executed", Verdict.Problem, "the day never ran"));
            next.Add((4, $"The schedule runs it when the consumer is enabled; to run it now: "
                + $"possync schedule --consumer {config.ConsumerId} --once"));
            return;
        }
        // A mismatch's own message sums sales and tips as "sales": its figures are named apart under "Sum of all lines".
        var ending = last.ErrorCode == BookingCodes.SumMismatch ? "the figures are under \"Sum of all lines\"" : last.ErrorMessage ?? "-";
        var ended = last.Status == ExecutionStatus.Success || last.Status == ExecutionStatus.Warning ? Verdict.Ok : Verdict.Info;
        checks.Add(new Check(where, "Executed", ended,
            $"{runs.Count} run(s); the last started {Time(last.StartedAt)} ({last.Trigger.Word()}, attempt {last.Attempt}) "
            + $"and ended {last.Status}{(last.ErrorCode is null ? "" : " " + last.ErrorCode)} at {last.Stage}: {ending}"));

        if (last.Status == ExecutionStatus.Running) Progress(config, day, runs, checks, next, retry);

        var events = await executions.EventsAsync(last.ExecutionId, cancellationToken);
        if (last.ErrorCode == OutcomeCodes.DayOpen || last.ErrorCode == OutcomeCodes.DayNotExported)
        {
            checks.Add(new Check(where, "Day closed in the POS", Verdict.Problem,
                $"at {Time(last.FinishedAt ?? last.UpdatedAt)} the POS day was not closed yet ({last.ErrorCode})"));
            next.Add((5, "Ask the client to close the day in the POS (Z report); PosSync tries again by itself every half hour."));
        }
        else if (events.Any(e => DayFetched.Of(e) is { Closed: true }))
        {
            checks.Add(new Check(where, "Day closed in the POS", Verdict.Ok, "closed when it was fetched"));
        }

        if (OutcomeCodes.IsAuth(last.ErrorCode))
        {
            var pos = last.ErrorCode == OutcomeCodes.PosAuth;
            var tool = pos ? config.Pos?.Connector : config.Accounting?.Connector;
            checks.Add(new Check(where, "Credentials", Verdict.Problem,
                $"{tool} refused the credentials at {Time(last.FinishedAt ?? last.UpdatedAt)}: ask the client to reconnect {tool}"));
            var role = pos ? "pos" : "accounting";
            next.Add((1, $"Ask the client to reconnect {tool}: {VendorPrerequisites.Reconnect(config.ConsumerId, role, tool)}, then: {retry}"));
        }

        var figures = await DayFiguresAsync(key, location, config.Settings, cancellationToken);
        var mismatch = last.ErrorCode == BookingCodes.SumMismatch
            && events.LastOrDefault(e => e.Code == BookingCodes.SumMismatch)?.DetailsJson is { } json
                ? SumMismatchDetails.Read(JsonNode.Parse(json)) : null;
        // Judged by the tolerance in force at the run (recorded with it), never by today's: the client may have changed it since.
        var tolerance = ToleranceAtRun.Of(last.Tolerance, mismatch?.Tolerance, last.StartedAt,
            config.Settings.Tolerance, changes);
        if (last.ErrorCode == BookingCodes.SumMismatch)
        {
            var bundle = $"possync support-bundle {config.ConsumerId} --day {day:yyyy-MM-dd} --location {where} --out DIR";
            var (check, then) = MismatchCheck.Judge(where, mismatch, figures, tolerance, retry, bundle);
            checks.Add(check);
            next.Add((2, then));
        }
        else if (last.ErrorCode is not null && last.Status == ExecutionStatus.Error && !OutcomeCodes.IsAuth(last.ErrorCode))
        {
            checks.Add(new Check(where, "Last error", Verdict.Problem, $"{last.ErrorCode}: {last.ErrorMessage}"));
            next.Add((3, OutcomeCodes.IsOutage(last.ErrorCode)
                ? $"A vendor or worker outage: PosSync retries by itself; to retry now: {retry}"
                : $"Fix the cause named above, then: {retry}"));
        }

        // The tolerance matters once the day was fetched (and so judged), or when it changed after a run that was not.
        if (figures is not null || last.Tolerance is not null || mismatch is not null || tolerance.ChangedAfterRun)
        {
            var (check, advice) = ToleranceCheck.Judge(where, tolerance, figures);
            checks.Add(check);
            if (advice is not null) next.Add((7, advice));
        }

        // A recheck that found the day changed and left the entry alone: booked, but no longer what the POS says.
        if (booked is { IsBooked: true } && last.ErrorCode == OutcomeCodes.PosDayDrifted.Word && booked.ExecutionId != last.ExecutionId)
        {
            checks.Add(new Check(where, "Booked", Verdict.Problem,
                $"entry {booked.EntryNumber}, accounting id {booked.AccountingId}, but the POS day changed since it was booked: "
                + last.ErrorMessage));
            next.Add((2, "Replace the entry with the day as the POS has it now: "
                + $"possync reimport {config.ConsumerId} --from {day:yyyy-MM-dd} --to {day:yyyy-MM-dd}"));
        }
        else if (booked is { IsBooked: true })
        {
            checks.Add(new Check(where, "Booked", Verdict.Ok,
                $"entry {booked.EntryNumber}, accounting id {booked.AccountingId}, booked {(booked.BookedAt is { } at ? Time(at) : "?")}"));
            next.Add((6, $"Nothing to do: the day is booked as {booked.EntryNumber} ({booked.AccountingId})."));
        }
        else if (booked is { Status: LedgerDay.NothingToBook })
        {
            checks.Add(new Check(where, "Booked", Verdict.Ok, "the day was closed with nothing to book"));
            next.Add((6, "Nothing to do: the day had nothing to book."));
        }
        else
        {
            checks.Add(new Check(where, "Booked", Verdict.Problem, "not booked"));
        }
    }

    /// <summary>
    /// A run still going on: fine within its lease; past it, stuck — say since when, when the
    /// schedule takes it over by itself (within the look-back), and the command to do it now.
    /// </summary>
    private void Progress(ConsumerConfiguration config, DateOnly day, IReadOnlyList<ExecutionRecord> runs, List<Check> checks,
        List<(int, string)> next, string retry)
    {
        var last = runs[0];
        var now = clock.GetUtcNow();
        var since = Time(last.UpdatedAt);
        if (!RunLease.IsStuck(last, now))
        {
            checks.Add(new Check(last.LocationId, "Progress", Verdict.Info,
                $"running at {last.Stage}, last progress {since}; its lease ends {Time(RunLease.ExpiresAt(last))}"));
            // A waiting run behind nothing (no stage queue holds a message) is stuck sooner: the schedule looks at the queues.
            var sooner = RunLease.ExpiresAt(last, queuesDrained: true) < RunLease.ExpiresAt(last)
                ? $" (from {Time(RunLease.ExpiresAt(last, queuesDrained: true))} if no stage queue has messages waiting)" : "";
            next.Add((5, $"Wait: the run is going on (at {last.Stage}). If it makes no progress by {Time(RunLease.ExpiresAt(last))}{sooner}, "
                + "it is taken over by the next possync schedule."));
            return;
        }
        var takeovers = runs.Count(r => r.ErrorCode == OutcomeCodes.Superseded);
        var at = SchedulingRules.StuckRetryAt(last, takeovers);
        var lastClosed = SchedulingRules.LastClosedDay(config.FindLocation(last.LocationId) ?? config.Locations[0], now);
        var scheduled = day >= lastClosed.AddDays(1 - SchedulingRules.DefaultLookbackDays);
        var when = !scheduled ? "it is older than the schedule's look-back, so it will not be picked up again by itself"
            : at <= now.UtcDateTime ? "it will be picked up again at the next possync schedule"
            : $"it will be picked up again at {Time(at)} by possync schedule";
        checks.Add(new Check(last.LocationId, "Progress", Verdict.Problem, $"stuck since {since} at {last.Stage}: no progress within its "
            + $"{Lease(last)} lease (the worker stopped, or the stage and its fault handler both faulted)"));
        next.Add((2, $"The run is stuck since {since} at {last.Stage}; {when} / to run it now: "
            + $"possync retry {config.ConsumerId} --from {day:yyyy-MM-dd} --to {day:yyyy-MM-dd}"));
    }

    private static string Lease(ExecutionRecord run) => RunLease.For(run.Stage) is var lease && lease.TotalHours >= 1
        ? $"{lease.TotalHours:0} h" : $"{lease.TotalMinutes:0} min";

    /// <summary>The day's sales and tips from the orders last fetched from the POS; null when the day was never stored.</summary>
    private async Task<DayFigures?> DayFiguresAsync(DayKey key, Location location, Settings settings, CancellationToken cancellationToken)
    {
        var json = await archive.DayAsync(key, cancellationToken);
        if (json is null) return null;
        var day = ServiceDayReader.ReadArchived(json);
        return day.Value is { } stored ? DayFigures.Of(stored, location, settings) : null;
    }

    private static string Time(DateTime utc) => ConfigurationHistoryText.Time(utc);
}
