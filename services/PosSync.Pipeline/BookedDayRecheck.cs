using System.Globalization;
using PosSync.Contracts;
using PosSync.Domain.Booking;
using PosSync.Domain.Configuration;
using PosSync.Pipeline.Operations;
using PosSync.Storage.Stores;

namespace PosSync.Pipeline;

/// <summary>
/// What support reads when a recheck (the scheduler reading a booked day again for late orders, see
/// <see cref="RecheckRules"/>; the decision is <see cref="Rebooking.Decide"/>'s) ends: unchanged,
/// nothing posted; or changed, with the orders and sales booked and now and the re-import that
/// replaces the entry, which is left alone since the accountant may be working on it, unless the
/// consumer's settings.replace_on_drift lets the recheck replace it as a re-import does.
/// </summary>
public static class BookedDayRecheck
{
    public static string UnchangedMessage(LedgerDay booked) =>
        $"Re-read for late orders: the POS day is unchanged since entry {booked.EntryNumber} ({booked.AccountingId}) was booked; nothing posted.";

    public static string DriftMessage(DayRun run, LedgerDay booked, JournalEntry? now, DayComparison? figures) =>
        $"Re-read for late orders: the POS day changed since entry {booked.EntryNumber} ({booked.AccountingId}) "
        + $"was booked ({Describe(figures, now)}). "
        + $"The entry was left as booked; run possync reimport {run.ConsumerId} --from {run.BusinessDate:yyyy-MM-dd} "
        + $"--to {run.BusinessDate:yyyy-MM-dd} to replace it (or set settings.replace_on_drift to let rechecks replace it).";

    /// <summary>Said in the log when a recheck replaces the entry by itself (settings.replace_on_drift).</summary>
    public static string Replacing(LedgerDay booked, JournalEntry? now, DayComparison? figures) =>
        $"Re-read for late orders: the POS day changed since entry {booked.EntryNumber} ({booked.AccountingId}) was booked "
        + $"({Describe(figures, now)}); settings.replace_on_drift: the entry is replaced.";

    /// <summary>"orders 6 booked, 7 now (added O-9); sales 86.59 booked, 99.09 now; entry now 99.09".</summary>
    public static string Describe(DayComparison? figures, JournalEntry? now)
    {
        var parts = new List<string>();
        if (figures is not null)
        {
            var orders = $"orders {Booked(figures.BookedOrders?.ToString(CultureInfo.InvariantCulture))}, {figures.Orders} now";
            var moved = figures.Added.Select(id => $"added {id}").Concat(figures.Removed.Select(id => $"gone {id}")).ToList();
            parts.Add(moved.Count > 0 ? $"{orders} ({string.Join(", ", moved)})" : orders);
            parts.Add($"sales {Booked(figures.BookedSales is { } s ? Money.Format(s) : null)}, {Money.Format(figures.Sales)} now");
        }
        parts.Add(now is null ? "nothing to book now" : $"the entry would now be {Money.Format(now.TotalDebit)} debit = credit");
        return string.Join("; ", parts);

        static string Booked(string? value) => value is null ? "booked unknown" : $"{value} booked";
    }

    /// <summary>The day behind the booked entry beside the day read now.</summary>
    public static DayComparison Compare(ServiceDay? booked, ServiceDay now, Location location, Settings settings)
    {
        var counted = DayFigures.Counted(now, location).Select(o => o.Id).ToList();
        var before = booked is null ? null : DayFigures.Counted(booked, location).Select(o => o.Id).ToList();
        return new DayComparison
        {
            BookedOrders = before?.Count,
            BookedSales = booked is null ? null : DayFigures.Of(booked, location, settings).Sales,
            Orders = counted.Count,
            Sales = DayFigures.Of(now, location, settings).Sales,
            Added = before is null ? [] : counted.Except(before).ToList(),
            Removed = before is null ? [] : before.Except(counted).ToList(),
        };
    }
}
