using System.Text.Json.Nodes;
using PosSync.Contracts;
using PosSync.Storage.Stores;

namespace PosSync.Pipeline;

/// <summary>
/// What the ingest stage fetched, recorded as the details of its event: how many orders, from
/// which POS, and whether the POS day was closed. Written and read through this one record, so the
/// diagnosis asks "was the day closed" of the fact, never of the event's wording.
/// </summary>
public sealed record DayFetched(int Orders, ClosureStatus Closure, string Connector)
{
    public bool Closed => Closure == ClosureStatus.Closed;

    public string Message => $"Fetched {Orders} orders from {Connector}; the POS day is {(Closed ? "closed" : "open")}.";

    public JsonObject ToDetails() => new()
    {
        ["orders"] = Orders,
        ["closure"] = Closure.ToString().ToLowerInvariant(),
        ["connector"] = Connector,
    };

    /// <summary>The fact an ingest event records, or null when the event records none.</summary>
    public static DayFetched? Of(ExecutionEvent recorded)
    {
        if (recorded.Stage != Stage.Ingest || recorded.DetailsJson is not { } json) return null;
        if (JsonNode.Parse(json) is not JsonObject details) return null;
        if (details["closure"]?.GetValue<string>() is not { } closure || !Enum.TryParse<ClosureStatus>(closure, ignoreCase: true, out var status))
            return null;
        return new DayFetched(details["orders"]?.GetValue<int>() ?? 0, status, details["connector"]?.GetValue<string>() ?? "");
    }
}
