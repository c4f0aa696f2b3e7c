using System.Globalization;
using System.Text.Json.Nodes;
using PosSync.Domain.Days;

namespace PosSync.Connectors.Square;

/// <summary>
/// PosSync's SearchOrders body for one location's business day (docs/vendors/square.md "PosSync's day
/// query"): completed orders (a return is an order too) closed within the day, both ends included
/// as Square's time ranges are, sorted on CLOSED_AT as a closed_at filter requires; every page asks
/// the same body with the cursor added.
/// </summary>
public static class SquareDayQuery
{
    /// <summary>SearchOrders' default page; Square allows up to 1000.</summary>
    public const int PageSize = 500;

    public static JsonObject Body(string locationId, BusinessDayWindow window, string? cursor)
    {
        var body = new JsonObject
        {
            ["location_ids"] = new JsonArray(locationId),
            ["query"] = new JsonObject
            {
                ["filter"] = new JsonObject
                {
                    ["state_filter"] = new JsonObject { ["states"] = new JsonArray("COMPLETED") },
                    ["date_time_filter"] = new JsonObject
                    {
                        ["closed_at"] = new JsonObject { ["start_at"] = Time(window.Start), ["end_at"] = Time(window.LastMillisecond) },
                    },
                },
                ["sort"] = new JsonObject { ["sort_field"] = "CLOSED_AT", ["sort_order"] = "ASC" },
            },
            ["limit"] = PageSize,
        };
        if (cursor is not null) body["cursor"] = cursor;
        return body;
    }

    /// <summary>RFC 3339 in UTC to the millisecond.</summary>
    public static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
