using PosSync.Contracts;
using PosSync.Domain.Configuration;
using PosSync.Domain.Days;

namespace PosSync.Pipeline.Operations;

/// <summary>
/// The day's sales (VAT included, tips excluded) and tips, from the orders and payments the booking
/// counts (as the order export lists them): the figures diagnose names, so support never sees two
/// different "sales" for one day.
/// </summary>
public sealed record DayFigures(decimal Sales, decimal Tips)
{
    public static DayFigures Of(ServiceDay day, Location location, Settings settings)
    {
        var orders = Counted(day, location);
        return new DayFigures(
            orders.Sum(o => o.Items.Sum(i => i.Total)),
            orders.Sum(o => o.Payments.Where(p => BusinessDayRules.IsCounted(p, settings)).Sum(p => p.Tip)));
    }

    /// <summary>The orders the day's booking counts: completed, and of this business day.</summary>
    public static IReadOnlyList<Order> Counted(ServiceDay day, Location location) => day.Orders
        .Where(o => BusinessDayRules.IsCounted(o) && BusinessDayRules.DayOf(o, location, day.BusinessDate) == day.BusinessDate)
        .ToList();
}
