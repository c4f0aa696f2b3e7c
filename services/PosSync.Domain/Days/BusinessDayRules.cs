using PosSync.Contracts;
using PosSync.Domain.Configuration;

namespace PosSync.Domain.Days;

/// <summary>Which orders and payments count for a business day (booking-rules section 3).</summary>
public static class BusinessDayRules
{
    public static bool IsCounted(Order order) => order.Status == OrderStatus.Completed;

    public static bool IsCounted(Payment payment, Settings settings) =>
        payment.Status == PaymentStatus.Completed
        || (payment.Status == PaymentStatus.Authorised && settings.CountAuthorisedPayments);

    public static bool IsBeforeStart(DateOnly businessDate, Settings settings) => businessDate < settings.StartDate;

    /// <summary>
    /// The business day an order belongs to: its service date; otherwise the location's local date
    /// of its closing time shifted back by the day's cut-off (an order closed at 02:30 with a 04:00
    /// cut-off belongs to the previous day). Local time follows the zone's daylight-saving rules.
    /// An order with neither date belongs to the day it was delivered with.
    /// </summary>
    public static DateOnly DayOf(Order order, Location location, DateOnly deliveredDay)
    {
        if (order.ServiceDate is { } serviceDate) return serviceDate;
        var moment = order.ClosingDate ?? order.CreationDate;
        if (moment is null) return deliveredDay;
        var local = TimeZoneInfo.ConvertTime(moment.Value, location.TimeZone);
        return DateOnly.FromDateTime(local.DateTime - location.DayCutoff);
    }
}
