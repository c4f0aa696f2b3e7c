using PosSync.Contracts;
using PosSync.Domain.Booking;
using PosSync.Domain.Days;

namespace PosSync.Pipeline;

internal static class DayRunExtensions
{
    public static DayKey Key(this DayRun run) => new(run.ConsumerId, run.LocationId, run.BusinessDate);

    public static BookingOptions BookingOptions(this DayRun run) => new() { ForceBeforeStartDate = run.ForceBeforeStartDate };
}
