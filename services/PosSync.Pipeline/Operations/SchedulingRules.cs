using System.Globalization;
using PosSync.Domain.Configuration;
using PosSync.Domain.Outcomes;
using PosSync.Storage.Stores;

namespace PosSync.Pipeline.Operations;

/// <summary>
/// Which days are due (pure: no I/O). Every closed business day since the start date that never
/// ran (a new client's back-fill included); and, within the look-back, every day neither booked nor
/// done that waited because the POS day was open or not exported, after a pause, or failed, after a
/// backoff that doubles with each attempt (shorter for outages, longer for business errors, which
/// usually wait for someone to fix the data or mapping). Older failures are left to an operator's
/// retry, so a day that can never succeed is not tried forever. Never a day with a run going on;
/// but a run silent past its lease (<see cref="RunLease"/>) is stuck, not going on: nothing will
/// move it again (its worker died, or its stage and fault handler both faulted), so its day is due.
/// </summary>
public static class SchedulingRules
{
    /// <summary>
    /// The look-back of `possync schedule` when none is given (the CronJob's): failures and stuck runs older than this
    /// wait for an operator.
    /// </summary>
    public const int DefaultLookbackDays = 60;

    public static readonly TimeSpan WaitingPause = TimeSpan.FromMinutes(30);
    public static readonly TimeSpan OutageBackoff = TimeSpan.FromMinutes(15);

    public static readonly TimeSpan BusinessBackoff = TimeSpan.FromHours(6);
    public static readonly TimeSpan MaxBackoff = TimeSpan.FromHours(24);

    /// <summary>The last business day that is over at a location: today's is still being served.</summary>
    public static DateOnly LastClosedDay(Location location, DateTimeOffset now)
    {
        var local = TimeZoneInfo.ConvertTime(now, location.TimeZone).DateTime - location.DayCutoff;
        return DateOnly.FromDateTime(local).AddDays(-1);
    }

    /// <param name="queuesDrained">No message waits on any stage queue (see <see cref="RunLease.For"/>).</param>
    public static IReadOnlyList<DueDay> Due(ConsumerConfiguration config, DateTimeOffset now, int lookbackDays,
        IReadOnlyList<LedgerDay> ledger, IReadOnlyList<ExecutionRecord> executions, bool queuesDrained = false)
    {
        var done = ledger.Where(d => d.Status is LedgerDay.Booked or LedgerDay.NothingToBook)
            .Select(d => (d.LocationId, d.BusinessDate)).ToHashSet();
        var latest = executions.GroupBy(e => (e.LocationId, e.BusinessDate))
            .ToDictionary(g => g.Key, g => g.MaxBy(e => e.StartedAt)!);
        var takeovers = executions.Where(e => e.ErrorCode == OutcomeCodes.Superseded)
            .CountBy(e => (e.LocationId, e.BusinessDate)).ToDictionary(p => p.Key, p => p.Value);
        var due = new List<DueDay>();
        foreach (var location in config.Locations)
        {
            var last = LastClosedDay(location, now);
            var window = last.AddDays(1 - lookbackDays);
            for (var date = config.Settings.StartDate; date <= last; date = date.AddDays(1))
            {
                if (done.Contains((location.Id, date))) continue;
                if (!latest.TryGetValue((location.Id, date), out var previous))
                {
                    due.Add(new DueDay(location.Id, date, 1, "never run"));
                    continue;
                }
                if (date >= window && Decide(previous, takeovers.GetValueOrDefault((location.Id, date)), now, queuesDrained) is { } why)
                    due.Add(new DueDay(location.Id, date, previous.Attempt + 1, why));
            }
        }
        return due;
    }

    /// <summary>
    /// When the scheduler takes over a stuck run: its lease after its last update, doubled for each
    /// run of the day already taken over, so a pipeline that is only slow (a deep queue before a
    /// stage) is not flooded with takeovers of runs that would have moved on their own.
    /// </summary>
    public static DateTime StuckRetryAt(ExecutionRecord running, int takeovers, bool queuesDrained = false) =>
        DateTime.SpecifyKind(running.UpdatedAt, DateTimeKind.Utc) + Backoff(RunLease.For(running.Stage, queuesDrained), takeovers + 1);

    /// <summary>Why the day should run again now, or null when it should not (yet).</summary>
    private static string? Decide(ExecutionRecord previous, int takeovers, DateTimeOffset now, bool queuesDrained)
    {
        var ended = new DateTimeOffset(DateTime.SpecifyKind(previous.FinishedAt ?? previous.UpdatedAt, DateTimeKind.Utc));
        var status = previous.Status;
        switch (status)
        {
            case var _ when status == ExecutionStatus.Running:
                if (now.UtcDateTime <= StuckRetryAt(previous, takeovers, queuesDrained)) return null;
                return previous.Stage == Stage.Queued
                    ? "the last run went silent"
                    : string.Create(
                        CultureInfo.InvariantCulture,
                        $"stuck at {previous.Stage}: no progress since {previous.UpdatedAt:yyyy-MM-dd HH:mm} UTC, " +
                            $"past its {RunLease.InStage.TotalMinutes:0} min lease");
            case var _ when status == ExecutionStatus.Waiting:
                return now - ended >= WaitingPause ? $"waited ({previous.ErrorCode})" : null;
            case var _ when status == ExecutionStatus.Error && previous.ErrorCode == OutcomeCodes.Interrupted:
                return "was cut short when possync was stopped";
            // A stuck run taken over whose takeover never went ahead (withdrawn when possync stopped): nothing failed either.
            case var _ when status == ExecutionStatus.Error && previous.ErrorCode == OutcomeCodes.Superseded:
                return "its stuck run was taken over and the takeover did not go ahead";
            // A failure no retry clears (a day too large to book) waits for an operator.
            case var _ when status == ExecutionStatus.Error && OutcomeCodes.Find(previous.ErrorCode)?.Retry == RetryPolicy.Never:
                return null;
            case var _ when status == ExecutionStatus.Error:
                // A failure that clears by itself (an outage) is tried again sooner than one someone must fix.
                var backoff = Backoff(OutcomeCodes.IsOutage(previous.ErrorCode) ? OutageBackoff : BusinessBackoff, previous.Attempt);
                return now - ended >= backoff ? $"failed with {previous.ErrorCode}, retried after {backoff.TotalMinutes:0} min" : null;
            case var _ when status == ExecutionStatus.Skipped && OutcomeCodes.Find(previous.ErrorCode)?.Retry == RetryPolicy.WhenAllowed:
                return $"was skipped ({previous.ErrorCode}) and may run now";
            default:
                // A success or a warning is in the ledger; a skipped "already booked" is done.
                return null;
        }
    }

    public static TimeSpan Backoff(TimeSpan first, int attempt)
    {
        var doubled = first * Math.Pow(2, Math.Max(0, attempt - 1));
        return doubled > MaxBackoff ? MaxBackoff : doubled;
    }
}
