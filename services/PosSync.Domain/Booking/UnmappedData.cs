using System.Globalization;
using System.Text.Json.Nodes;

namespace PosSync.Domain.Booking;

/// <summary>Every id of a counted order that has no mapping, by kind (booking-rules 4.5).</summary>
internal sealed class UnmappedData
{
    private readonly SortedDictionary<string, string> _paymentMethods = new(StringComparer.Ordinal);
    private readonly SortedSet<string> _categories = new(StringComparer.Ordinal);
    private readonly SortedSet<decimal> _vatRates = [];
    private readonly SortedSet<string> _accounts = new(StringComparer.Ordinal);

    public bool Any => _paymentMethods.Count + _categories.Count + _vatRates.Count + _accounts.Count > 0;

    public void PaymentMethod(string id, string name) => _paymentMethods.TryAdd(id, name);
    public void Category(string id) => _categories.Add(id);
    public void VatRate(decimal rate) => _vatRates.Add(rate);
    public void Account(string mappingPath) => _accounts.Add(mappingPath);

    /// <summary>"unmapped payment method Lydia (pm-lydia); unmapped VAT rate 5.5 %"</summary>
    public string Describe()
    {
        var parts = new List<string>();
        parts.AddRange(_paymentMethods.Select(p => p.Value == p.Key ? $"unmapped payment method {p.Key}"
            : $"unmapped payment method {p.Value} ({p.Key})"));
        parts.AddRange(_categories.Select(c => $"unmapped category {c}"));
        parts.AddRange(_vatRates.Select(r => $"unmapped VAT rate {Rate(r)} %"));
        parts.AddRange(_accounts.Select(a => $"no account mapped at {a}"));
        return string.Join("; ", parts);
    }

    public JsonObject ToDetails() => new()
    {
        ["payment_methods"] = new JsonArray(_paymentMethods.Select(p => (JsonNode)new JsonObject { ["id"] = p.Key, ["name"] = p.Value }).ToArray()),
        ["categories"] = new JsonArray(_categories.Select(c => (JsonNode)JsonValue.Create(c)).ToArray()),
        ["vat_rates"] = new JsonArray(_vatRates.Select(r => (JsonNode)JsonValue.Create(Rate(r))).ToArray()),
        ["accounts"] = new JsonArray(_accounts.Select(a => (JsonNode)JsonValue.Create(a)).ToArray()),
    };

    private static string Rate(decimal rate) => rate.ToString("0.###", CultureInfo.InvariantCulture);
}
