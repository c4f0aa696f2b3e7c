using System.Text.Json.Nodes;

namespace PosSync.Domain.Booking;

/// <summary>
/// The details of a SUM_MISMATCH: the balance check's figures and the orders that explain the gap.
/// Written on the run's event by the booking rules and read back by the diagnosis through this one
/// record, so the key names (which the support views read too) live in one place. A figure a
/// stored event lacks reads as null.
/// </summary>
public sealed record SumMismatchDetails(decimal? Sales, decimal? Payments, decimal? CashRounding, decimal? Gap, decimal? Tolerance,
    decimal? RoundingThreshold, IReadOnlyList<ExplainingOrder> Orders)
{
    public JsonObject ToJson() => new()
    {
        ["sales"] = Sales,
        ["payments"] = Payments,
        ["cash_rounding"] = CashRounding,
        ["gap"] = Gap,
        ["tolerance"] = Tolerance,
        ["rounding_threshold"] = RoundingThreshold,
        ["orders"] = new JsonArray(Orders.Select(o => (JsonNode)new JsonObject
        {
            ["id"] = o.Id,
            ["order_number"] = o.OrderNumber,
            ["total"] = o.Total,
            ["items_total"] = o.ItemsTotal,
            ["payments_total"] = o.PaymentsTotal,
            ["tips"] = o.Tips,
            ["rounding"] = o.Rounding,
            ["hints"] = new JsonArray(o.Hints.Select(h => (JsonNode)JsonValue.Create(h)).ToArray()),
        }).ToArray()),
    };

    /// <summary>The details as a SUM_MISMATCH event stored them; null when there are none.</summary>
    public static SumMismatchDetails? Read(JsonNode? details)
    {
        if (details is not JsonObject figures) return null;
        var orders = (figures["orders"] as JsonArray ?? []).OfType<JsonObject>().Select(o =>
            new ExplainingOrder(o["id"]?.GetValue<string>() ?? "", o["order_number"]?.GetValue<string>(), Amount(o, "total") ?? 0,
                Amount(o, "items_total") ?? 0, Amount(o, "payments_total") ?? 0, Amount(o, "tips") ?? 0,
                (o["hints"] as JsonArray ?? []).Select(h => h?.GetValue<string>() ?? "").ToList())
            {
                Rounding = Amount(o, "rounding") ?? 0,
            }).ToList();
        return new SumMismatchDetails(Amount(figures, "sales"), Amount(figures, "payments"), Amount(figures, "cash_rounding"),
            Amount(figures, "gap"), Amount(figures, "tolerance"), Amount(figures, "rounding_threshold"), orders);
    }

    private static decimal? Amount(JsonObject node, string name) => node[name]?.GetValue<decimal>();
}
