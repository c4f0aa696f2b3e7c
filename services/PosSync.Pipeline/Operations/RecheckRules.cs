using PosSync.Contracts;
using PosSync.Domain.Configuration;
using PosSync.Domain.Days;
using PosSync.Storage.Stores;

using PosSync.Domain.Outcomes;

namespace PosSync.Pipeline.Operations;

/// <summary>
/// When a done day (booked, or nothing to book) of a POS whose orders may arrive late is read again
/// (pure: no I/O). Square's offline tills upload up to 72 hours late with the orders' original time,
/// so such a day is re-read twice: once <see cref="FirstRecheck"/> after it closed — the 24-hour
/// upload limit of Square Terminal and of most offline payments (docs/vendors/square.md "Offline
/// sales") has passed even for the day's last order, which catches nearly every late order while the
/// month is still open — and once the whole late window is over after the day closed (the day's end
/// plus the window plus the grace), after which nothing more can come. Each re-read is due once: it
/// is done when any run started at or after its time read the POS day (the run that booked it, a
/// recheck or a re-import), so a day booked late (a back-fill) is not re-read for nothing, and a
/// scheduler pass after another finds the recheck already recorded. A recheck the POS or a worker
/// cut short is tried again after the outage backoff. A re-read missed by more than
/// <see cref="CatchUp"/> (the scheduler stopped for days) is left to an operator's re-import, so a
/// restarted scheduler does not re-read weeks of days at once.
/// </summary>
public static class RecheckRules
{
    public static readonly TimeSpan FirstRecheck = TimeSpan.FromHours(24);
    public static readonly TimeSpan CatchUp = TimeSpan.FromHours(24);

    /// <summary>The days to read again now. <paramref name="lateOrders"/>: the POS's late window (zero: never re-read).</summary>
    public static IReadOnlyList<DueDay> Due(ConsumerConfiguration config, TimeSpan lateOrders, DateTimeOffset now,
        IReadOnlyList<LedgerDay> ledger, IReadOnlyList<ExecutionRecord> executions)
    {
        if (lateOrders <= TimeSpan.Zero) return [];
        var runs = executions.ToLookup(e => (e.LocationId, e.BusinessDate));
        var due = new List<DueDay>();
        foreach (var day in ledger.Where(d => d.Status is LedgerDay.Booked or LedgerDay.NothingToBook))
        {
            if (config.FindLocation(day.LocationId) is not { } location) continue;
            var closed = BusinessDayWindow.Of(day.BusinessDate, location.TimeZone, location.DayCutoff, config.Settings.EffectiveCloseAfter).ClosesAt;
            if (Decide(closed, lateOrders, now, day, runs[(day.LocationId, day.BusinessDate)].ToList()) is { } why)
            {
                var attempt = runs[(day.LocationId, day.BusinessDate)].Select(r => r.Attempt).DefaultIfEmpty(0).Max() + 1;
                due.Add(new DueDay(day.LocationId, day.BusinessDate, attempt, why, DayTrigger.Recheck));
            }
        }
        return due;
    }

    /// <summary>The times a day that closed at <paramref name="closed"/> is read again, earliest first.</summary>
    public static IReadOnlyList<DateTimeOffset> Times(DateTimeOffset closed, TimeSpan lateOrders) =>
        lateOrders <= FirstRecheck ? [closed + lateOrders] : [closed + FirstRecheck, closed + lateOrders];

    private static string? Decide(DateTimeOffset closed, TimeSpan lateOrders, DateTimeOffset now, LedgerDay day, IReadOnlyList<ExecutionRecord> runs)
    {
        var times = Times(closed, lateOrders);
        var passed = times.Where(t => t <= now).ToList();
        if (passed.Count == 0 || now >= times[^1] + CatchUp) return null;
        var time = passed[^1];
        var since = runs.Where(r => Utc(r.StartedAt) >= time).ToList();
        var booking = runs.FirstOrDefault(r => r.ExecutionId == day.ExecutionId);
        var bookedRead = booking is not null ? Utc(booking.StartedAt) : day.BookedAt is { } at ? Utc(at) : (DateTimeOffset?)null;
        if (bookedRead >= time) return null;
        var rereads = since.Where(r => r.Trigger is DayTrigger.Recheck or DayTrigger.Reimport).ToList();
        if (rereads.Any(r => !CutShort(r))) return null;
        if (rereads.Count > 0)
        {
            var last = rereads.MaxBy(r => r.StartedAt)!;
            var backoff = SchedulingRules.Backoff(SchedulingRules.OutageBackoff, rereads.Count);
            if (now - Utc(last.FinishedAt ?? last.UpdatedAt) < backoff) return null;
        }
        var hours = (time - closed).TotalHours;
        var which = time == times[^1] ? "the POS's late window is over" : "first recheck";
        return $"re-read for late orders, {hours:0} h after the day closed ({which})";
    }

    /// <summary>A recheck that read nothing because the POS, the tool or possync stopped it: it does not count as done.</summary>
    private static bool CutShort(ExecutionRecord run) =>
        run.Status == ExecutionStatus.Waiting
        || (run.Status == ExecutionStatus.Error && OutcomeCodes.Find(run.ErrorCode)?.Kind is CodeKind.Outage or CodeKind.Interruption);

    private static DateTimeOffset Utc(DateTime at) => new(DateTime.SpecifyKind(at, DateTimeKind.Utc));
}
