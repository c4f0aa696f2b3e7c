using System.Text.Json;
using PosSync.Connectors.Http;

namespace PosSync.Connectors.Square;

/// <summary>
/// Reads Square's Money objects of one location: an integer amount in the smallest unit, in the
/// location's currency ("used for all transactions at this location"). A fractional or quoted amount,
/// or another currency, is noted as a problem by its field path, never guessed at.
/// </summary>
public sealed class SquareMoneyReader(VendorJson json, string currency)
{
    public int? Exponent { get; } = SquareCurrency.Exponent(currency);

    /// <summary>A Money field that must be there.</summary>
    public decimal Required(JsonElement owner, string field, string path) => Read(owner, field, path, required: true);

    /// <summary>A Money field that may be absent (0), or one inside an optional object (rounding_adjustment.amount_money).</summary>
    public decimal Amount(JsonElement owner, string field, string path, string? inner = null)
    {
        if (inner is null) return Read(owner, field, path, required: false);
        return owner.ValueKind == JsonValueKind.Object && owner.TryGetProperty(field, out var holder) && holder.ValueKind == JsonValueKind.Object
            ? Read(holder, inner, $"{path}.{field}", required: false)
            : 0m;
    }

    private decimal Read(JsonElement owner, string field, string path, bool required)
    {
        var money = json.Object(owner, field, path, required);
        if (money is not { } m) return 0m;
        var at = $"{path}.{field}";
        if (!m.TryGetProperty("amount", out var amount) || amount.ValueKind != JsonValueKind.Number || !amount.TryGetInt64(out var minor))
        {
            json.Fail(
                $"{at}.amount",
                "is not an integer amount of the currency's smallest unit: " +
                    $"{(m.TryGetProperty("amount", out var raw) ? raw.GetRawText() : "missing")}");
            return 0m;
        }
        var code = m.TryGetProperty("currency", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
        if (code != currency)
        {
            json.Fail($"{at}.currency", $"is {code ?? "missing"}, not the location's {currency}");
            return 0m;
        }
        return SquareCurrency.ToDecimal(minor, Exponent ?? 2);
    }
}
