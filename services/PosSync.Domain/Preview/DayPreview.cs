using System.Text.Json.Nodes;
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
        if (!enablement.IsEnabled)
        {
            var details = new JsonObject
            {
                ["reasons"] = new JsonArray(enablement.Reasons
                    .Select(r => (JsonNode)new JsonObject { ["code"] = r.Code, ["message"] = r.Message }).ToArray()),
            };
            return BookingOutcome.Failed(new BookingProblem(BookingCodes.SyncDisabled,
                $"The sync is not enabled, so no day runs: {enablement.Describe()}.", details), []);
        }
        return BookingEngine.Book(config, day, options);
    }
}
