using System.Text.Json.Nodes;
using PosSync.Domain.Configuration;
using PosSync.Domain.Enablement;

namespace PosSync.Domain.Booking;

/// <summary>
/// Why a day is not run at all, worded once: the booking engine (and so preview) and the ingest
/// stage, which checks the same things before it calls the POS, say it the same way.
/// </summary>
public static class DayRefusals
{
    public static BookingProblem UnknownLocation(ConsumerConfiguration config, string locationId) => new(BookingCodes.UnknownLocation,
        $"Location {locationId} is not one of the consumer's locations ({string.Join(", ", config.Locations.Select(l => l.Id))}).");

    public static BookingProblem BeforeStartDate(DateOnly day, Settings settings) => new(BookingCodes.BeforeStartDate,
        $"{day:yyyy-MM-dd} is before the start date {settings.StartDate:yyyy-MM-dd}; it is never booked unless an operator forces it.");

    public static BookingProblem SyncDisabled(EnablementResult enablement) => new(BookingCodes.SyncDisabled,
        $"The sync is not enabled: {enablement.Describe()}.",
        new JsonObject
        {
            ["reasons"] = new JsonArray(enablement.Reasons.Select(r => (JsonNode)new JsonObject { ["code"] = r.Code.Word,
                ["message"] = r.Message }).ToArray()),
        });
}
