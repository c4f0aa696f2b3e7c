using PosSync.Contracts;
using PosSync.Domain.Booking;
using PosSync.Domain.Configuration;
using PosSync.Domain.Enablement;

namespace PosSync.Domain.Preview;

/// <summary>
/// What the pipeline would do with one day, booking nothing: a disabled sync never runs, an
/// enabled one applies the booking rules. The POS catalog is not known offline, so enablement
/// here checks connections and the configuration's own accounts; unmapped ids surface as UNMAPPED.
/// </summary>
public static class DayPreview
{
    public static BookingOutcome Run(ConsumerConfiguration config, ServiceDay day, BookingOptions? options = null)
    {
        var enablement = SyncEnablement.Evaluate(config, PosCatalog.Unknown);
        if (!enablement.IsEnabled) return BookingOutcome.Failed(DayRefusals.SyncDisabled(enablement), []);
        return BookingEngine.Book(config, day, options);
    }
}
