using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace PosSync.Sandbox.Square;

/// <summary>
/// A SearchOrders body as Square reads it, or the refusal Square gives it (docs/vendors/square.md
/// "What the sandbox must refuse"): locations, states, one time range, the sort that must match a
/// closed_at filter, the limit, and whether to answer entries instead of orders.
/// </summary>
public sealed record SquareOrderQuery(
    IReadOnlyList<string> LocationIds,
    IReadOnlySet<string>? States,
    string? TimeField,
    DateTimeOffset? StartAt,
    DateTimeOffset? EndAt,
    string SortField,
    bool Ascending,
    int Limit,
    bool ReturnEntries)
{
    public const int DefaultLimit = 500;
    public const int MaxLimit = 1000;
    public const int MaxLocations = 10;

    private static readonly HashSet<string> OrderStates = ["OPEN", "COMPLETED", "CANCELED", "DRAFT"];
    private static readonly HashSet<string> SortFields = ["CREATED_AT", "UPDATED_AT", "CLOSED_AT"];
    private static readonly string[] TimeFields = ["created_at", "updated_at", "closed_at"];

    /// <summary>The query, or Square's refusal; <paramref name="ownLocations"/> are the locations of the token's seller.</summary>
    public static (SquareOrderQuery? Query, IResult? Refusal) Read(JsonObject body, IReadOnlyCollection<string> ownLocations)
    {
        if (body["location_ids"] is not JsonArray ids || ids.Count == 0)
            return Refused("MISSING_REQUIRED_PARAMETER", "At least one location ID must be provided.", "location_ids");
        if (ids.Count > MaxLocations)
            return Refused("ARRAY_LENGTH_TOO_LONG", $"Expected at most {MaxLocations} location IDs, got {ids.Count}.", "location_ids");
        var locations = new List<string>();
        foreach (var id in ids)
        {
            if (id is not JsonValue value || !value.TryGetValue<string>(out var text) || !ownLocations.Contains(text))
                return Refused("INVALID_VALUE", $"Location {id?.ToJsonString()} is not a location of this merchant.", "location_ids");
            locations.Add(text);
        }

        var limit = DefaultLimit;
        if (body["limit"] is { } limitNode)
        {
            if (limitNode is not JsonValue lv || !lv.TryGetValue<int>(out limit)) return Refused("INVALID_VALUE",
                "limit must be an integer.", "limit");
            if (limit < 1) return Refused("VALUE_TOO_LOW", $"limit must be at least 1, got {limit}.", "limit");
            if (limit > MaxLimit) return Refused("VALUE_TOO_HIGH", $"limit must be at most {MaxLimit}, got {limit}.", "limit");
        }

        var query = body["query"] as JsonObject;
        var filter = query?["filter"] as JsonObject;
        IReadOnlySet<string>? states = null;
        if (filter?["state_filter"] is JsonObject stateFilter)
        {
            if (stateFilter["states"] is not JsonArray stateList || stateList.Count == 0)
                return Refused("MISSING_REQUIRED_PARAMETER", "state_filter requires states.", "query.filter.state_filter.states");
            var read = new HashSet<string>(StringComparer.Ordinal);
            foreach (var state in stateList)
            {
                var text = (state as JsonValue)?.TryGetValue<string>(out var s) == true ? s : state?.ToJsonString();
                if (text is null || !OrderStates.Contains(text))
                    return Refused("INVALID_ENUM_VALUE", $"Expected states to be one of {string.Join(", ", OrderStates)}, got {text}.",
                        "query.filter.state_filter.states");
                read.Add(text);
            }
            states = read;
        }

        string? timeField = null;
        DateTimeOffset? start = null, end = null;
        if (filter?["date_time_filter"] is JsonObject dates)
        {
            var given = TimeFields.Where(f => dates[f] is not null).ToList();
            if (given.Count > 1)
                return Refused("CONFLICTING_PARAMETERS", $"Only one time range may be given at a time, got {string.Join(" and ", given)}.",
                    "query.filter.date_time_filter");
            if (given.Count == 1)
            {
                timeField = given[0];
                var path = $"query.filter.date_time_filter.{timeField}";
                if (dates[timeField] is not JsonObject range) return Refused("INVALID_VALUE", $"{timeField} must be a time range.", path);
                if (!Instant(range["start_at"], out start)) return Refused("INVALID_VALUE", "start_at must be an RFC 3339 timestamp.",
                    path + ".start_at");
                if (!Instant(range["end_at"], out end)) return Refused("INVALID_VALUE", "end_at must be an RFC 3339 timestamp.", path + ".end_at");
                if (start is { } s && end is { } e && s > e)
                    return Refused("INVALID_TIME_RANGE", "The start of the time range is after its end.", path);
            }
        }

        var sortField = "CREATED_AT";
        var ascending = false;
        if (query?["sort"] is JsonObject sort)
        {
            if (sort["sort_field"] is null) return Refused("MISSING_REQUIRED_PARAMETER", "sort requires sort_field.", "query.sort.sort_field");
            sortField = Text(sort["sort_field"]) ?? "";
            if (!SortFields.Contains(sortField))
                return Refused("INVALID_ENUM_VALUE", $"Expected sort_field to be one of {string.Join(", ", SortFields)}, got {sortField}.",
                    "query.sort.sort_field");
            if (sort["sort_order"] is { } order)
            {
                var direction = Text(order);
                if (direction is not ("ASC" or "DESC"))
                    return Refused("INVALID_ENUM_VALUE", $"Expected sort_order to be ASC or DESC, got {direction}.", "query.sort.sort_order");
                ascending = direction == "ASC";
            }
        }
        // "If you set the CLOSED_AT field in DateTimeFilter, you must set the sort_field in SearchOrdersSort to CLOSED_AT."
        if (timeField == "closed_at" && sortField != "CLOSED_AT")
            return Refused("BAD_REQUEST", $"A closed_at filter requires sorting on CLOSED_AT, not {sortField}.", "query.sort.sort_field");
        // "...is not able to sort any OPEN orders and it returns an error" (SO-GUIDE); a draft has no close either.
        if (sortField == "CLOSED_AT" && states is not null && (states.Contains("OPEN") || states.Contains("DRAFT")))
            return Refused("BAD_REQUEST", "Orders in the OPEN or DRAFT state cannot be sorted by CLOSED_AT.", "query.sort.sort_field");

        var entries = body["return_entries"] is JsonValue re && re.TryGetValue<bool>(out var r) && r;
        return (new SquareOrderQuery(locations, states, timeField, start, end, sortField, ascending, limit, entries), null);
    }

    /// <summary>The orders this query selects, in its order (ties by id, so pages never shift).</summary>
    public IEnumerable<JsonObject> Select(IEnumerable<JsonObject> orders, DateTimeOffset defaultEnd)
    {
        var field = SortField.ToLowerInvariant();
        var selected = orders.Where(o => LocationIds.Contains(Text(o["location_id"]) ?? ""))
            .Where(o => States is null || States.Contains(Text(o["state"]) ?? ""));
        if (TimeField is not null)
        {
            // Inclusive at both ends; an absent end is the time of the cursor's first request.
            selected = selected.Where(o => Instant(o[TimeField], out var at) && at is { } t && (StartAt is null || t >= StartAt)
                && t <= (EndAt ?? defaultEnd));
        }
        var keyed = selected.Select(o => (Order: o, Key: Instant(o[field], out var at) ? at : null))
            .Where(x => x.Key is not null || field != "closed_at");
        var sorted = Ascending
            ? keyed.OrderBy(x => x.Key).ThenBy(x => Text(x.Order["id"]), StringComparer.Ordinal)
            : keyed.OrderByDescending(x => x.Key).ThenBy(x => Text(x.Order["id"]), StringComparer.Ordinal);
        return sorted.Select(x => x.Order);
    }

    private static (SquareOrderQuery?, IResult?) Refused(string code, string detail, string field)
        => (null, SquareError.Invalid(code, detail, field));

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    /// <summary>An RFC 3339 timestamp, or absent (true with null); false when present but not one.</summary>
    private static bool Instant(JsonNode? node, out DateTimeOffset? at)
    {
        at = null;
        if (node is null) return true;
        if (Text(node) is { } text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var parsed)
            && text.Contains('T'))
        {
            at = parsed;
            return true;
        }
        return false;
    }

    /// <summary>The body without its cursor, written the same way each time: what a cursor must be reused with.</summary>
    public static string Fingerprint(JsonObject body)
    {
        var copy = (JsonObject)body.DeepClone();
        copy.Remove("cursor");
        return copy.ToJsonString(new JsonSerializerOptions { WriteIndented = false });
    }
}
