using System.Text.Json;
using PosSync.Domain.Input;

namespace PosSync.Domain.Enablement;

/// <summary>The POS catalog as stored on the consumer, so its page can say which mapping is missing without calling the POS.</summary>
public static class PosCatalogJson
{
    public static string Write(PosCatalog catalog) => JsonText.Write(w =>
    {
        w.WriteStartObject();
        Entries(w, "payment_methods", catalog.PaymentMethods);
        Entries(w, "categories", catalog.Categories);
        w.WriteStartArray("vat_rates");
        foreach (var rate in catalog.VatRates.Order()) w.WriteNumberValue(rate);
        w.WriteEndArray();
        w.WriteEndObject();
    }, indented: false);

    /// <summary>The stored catalog, or <see cref="PosCatalog.Unknown"/> when there is none or it cannot be read.</summary>
    public static PosCatalog Read(string? json)
    {
        if (string.IsNullOrEmpty(json)) return PosCatalog.Unknown;
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            return new PosCatalog(Entries(root, "payment_methods"), Entries(root, "categories"),
                root.GetProperty("vat_rates").EnumerateArray().Select(r => r.GetDecimal()).ToList());
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            return PosCatalog.Unknown;
        }
    }

    private static void Entries(Utf8JsonWriter w, string name, IReadOnlyList<CatalogEntry> entries)
    {
        w.WriteStartArray(name);
        foreach (var entry in entries.OrderBy(e => e.Id, StringComparer.Ordinal))
        {
            w.WriteStartObject();
            w.WriteString("id", entry.Id);
            w.WriteString("name", entry.Name);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    private static List<CatalogEntry> Entries(JsonElement root, string name) =>
        root.GetProperty(name).EnumerateArray().Select(e => new CatalogEntry(e.GetProperty("id").GetString()!,
            e.GetProperty("name").GetString()!)).ToList();
}
