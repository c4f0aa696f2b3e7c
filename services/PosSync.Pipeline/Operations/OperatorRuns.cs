using MassTransit;
using PosSync.Contracts;
using PosSync.Domain.Days;
using PosSync.Storage.Stores;
using PosSync.Domain.Booking;

namespace PosSync.Pipeline.Operations;

/// <summary>
/// What operators do by hand: retry failed days (trigger retry, next attempt) once the cause is
/// fixed, and re-import booked days (trigger reimport: unchanged days post nothing, changed days
/// replace their entry). A day with a run going on answers "already running" and is left alone.
/// </summary>
public sealed class OperatorRuns(
    ConsumerStates states, DayLedger ledger, ExecutionLog executions, DayRunStarter starter, IStageQueues queues,
    TimeProvider clock)
{
    /// <summary>
    /// Days whose last run failed, was skipped while the sync was disabled (a refused credential,
    /// say), or is stuck (running, silent past its lease: <see cref="RunLease"/>), and are still not booked.
    /// </summary>
    public async Task<IReadOnlyList<RequestedDay>> RetryAsync(IPublishEndpoint bus, string consumerId, DateOnly? from, DateOnly? to, bool allFailed,
        CancellationToken cancellationToken)
    {
        if (!allFailed && (from is null || to is null))
            throw new OperationRefusedException("Say which days to retry: --from DATE --to DATE, or --all-failed for every failed day.");
        var state = await EnabledAsync(consumerId, cancellationToken);
        var first = from ?? state.Config.Settings.StartDate;
        var last = to ?? DateOnly.MaxValue.AddDays(-1);
        var booked = (await ledger.InRangeAsync(consumerId, first, last, cancellationToken)).Where(d => d.Status != LedgerDay.Unbooked)
            .Select(d => (d.LocationId, d.BusinessDate)).ToHashSet();
        var now = clock.GetUtcNow();
        var drained = await queues.AreDrainedAsync(cancellationToken);
        var failed = (await executions.InRangeAsync(consumerId, first, last, cancellationToken))
            .GroupBy(e => (e.LocationId, e.BusinessDate))
            .Select(g => g.MaxBy(e => e.StartedAt)!)
            .Where(e => (e.Status == ExecutionStatus.Error
                         || (e.Status == ExecutionStatus.Skipped && e.ErrorCode == BookingCodes.SyncDisabled)
                         || RunLease.IsStuck(e, now, drained))
                        && !booked.Contains((e.LocationId, e.BusinessDate)))
            .OrderBy(e => e.BusinessDate).ThenBy(e => e.LocationId)
            .ToList();
        var requested = new List<RequestedDay>();
        foreach (var day in failed)
        {
            var run = NewRun(consumerId, day.LocationId, day.BusinessDate, DayTrigger.Retry, day.Attempt + 1, force: false);
            var result = await starter.StartAsync(bus, run, cancellationToken, drained);
            var why = day.Status == ExecutionStatus.Running ? $"stuck at {day.Stage}" : $"{day.Status} {day.ErrorCode}";
            requested.Add(
                new RequestedDay(consumerId, day.LocationId, day.BusinessDate, DayTrigger.Retry, run.Attempt, why, result, run.ExecutionId));
        }
        return requested;
    }

    public async Task<IReadOnlyList<RequestedDay>> ReimportAsync(IPublishEndpoint bus, string consumerId, DateOnly from,
        DateOnly to, bool forceBeforeStart,
        Action<string> progress, CancellationToken cancellationToken)
    {
        if (to < from) throw new OperationRefusedException($"--to {to:yyyy-MM-dd} is before --from {from:yyyy-MM-dd}.");
        if (to.DayNumber - from.DayNumber > 366) throw new OperationRefusedException("A re-import covers at most a year at a time.");
        var state = await EnabledAsync(consumerId, cancellationToken);
        if (BusinessDayRules.IsBeforeStart(from, state.Config.Settings) && !forceBeforeStart)
            throw new OperationRefusedException(
                $"{from:yyyy-MM-dd} is before the start date {state.Config.Settings.StartDate:yyyy-MM-dd}; " +
                    "add --force-before-start to book such days anyway.");
        var attempts = (await executions.InRangeAsync(consumerId, from, to, cancellationToken))
            .GroupBy(e => (e.LocationId, e.BusinessDate)).ToDictionary(g => g.Key, g => g.Max(e => e.Attempt));
        var requested = new List<RequestedDay>();
        var total = state.Config.Locations.Count * (to.DayNumber - from.DayNumber + 1);
        foreach (var location in state.Config.Locations)
        {
            for (var date = from; date <= to; date = date.AddDays(1))
            {
                var run = NewRun(
                    consumerId,
                    location.Id,
                    date,
                    DayTrigger.Reimport,
                    attempts.GetValueOrDefault((location.Id, date)) + 1,
                    forceBeforeStart);
                var result = await starter.StartAsync(bus, run, cancellationToken);
                requested.Add(
                    new RequestedDay(consumerId, location.Id, date, DayTrigger.Reimport, run.Attempt, "re-import", result, run.ExecutionId));
                if (requested.Count % 10 == 0 || requested.Count == total) progress($"{requested.Count}/{total} days requested");
            }
        }
        return requested;
    }

    private async Task<ConsumerState> EnabledAsync(string consumerId, CancellationToken cancellationToken)
    {
        var state = await states.GetAsync(consumerId, cancellationToken);
        if (!state.Enablement.IsEnabled)
            throw new OperationRefusedException($"The sync of {consumerId} is not enabled, so its days cannot run: {state.Enablement.Describe()}.");
        return state;
    }

    private static DayRun NewRun(string consumerId, string locationId, DateOnly date, DayTrigger trigger, int attempt, bool force) => new()
    {
        ExecutionId = NewId.NextGuid(), ConsumerId = consumerId, LocationId = locationId, BusinessDate = date,
        Trigger = trigger, Attempt = attempt, ForceBeforeStartDate = force,
    };
}
