namespace PosSync.Domain.Days;

/// <summary>
/// The span of one business day for a POS that has no day closure of its own (Square): from the
/// day's cut-off in the location's time zone to the next day's cut-off, and the moment the day counts
/// as closed, a grace after its end. An order closed at 02:30 with a 04:00 cut-off is in the
/// previous day's window, as booking-rules section 3 says. Daylight-saving days are 23 or 25 hours long.
/// </summary>
/// <param name="Start">The first instant of the day.</param>
/// <param name="End">The first instant of the next day (not in this one).</param>
/// <param name="ClosesAt">When the day counts as closed: <see cref="End"/> plus the grace.</param>
public sealed record BusinessDayWindow(DateTimeOffset Start, DateTimeOffset End, DateTimeOffset ClosesAt)
{
    public static BusinessDayWindow Of(DateOnly day, TimeZoneInfo zone, TimeSpan cutoff, TimeSpan grace)
    {
        var start = Instant(day.ToDateTime(TimeOnly.MinValue) + cutoff, zone);
        var end = Instant(day.AddDays(1).ToDateTime(TimeOnly.MinValue) + cutoff, zone);
        return new BusinessDayWindow(start, end, end + grace);
    }

    /// <summary>The last instant of the day to the millisecond, for a vendor whose ranges include their end (Square's TimeRange).</summary>
    public DateTimeOffset LastMillisecond => End.AddMilliseconds(-1);

    public bool IsClosedAt(DateTimeOffset now) => now >= ClosesAt;

    public bool HasBegunAt(DateTimeOffset now) => now >= Start;

    /// <summary>
    /// The instant a local time names. A time the clocks skip (02:30 when they go from 02:00 to 03:00)
    /// is the first instant after the gap; a time they show twice (01:30 when they go back) is its
    /// first showing, so no order of the repeated hour falls between two days.
    /// </summary>
    public static DateTimeOffset Instant(DateTime local, TimeZoneInfo zone)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(local)) local = local.AddMinutes(1);
        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }
}
