using System.Text.Json.Nodes;
using PosSync.Domain.Configuration;

namespace PosSync.Testing;

/// <summary>
/// The Soho Arms, a London pub on Square booking into Pennylane (GBP, 20 % VAT inside prices): every
/// tender type and category Square can send is mapped to the accounts the Pennylane sandbox knows.
/// <see cref="Brooklyn"/> turns it into the Brooklyn deli, whose New York sales taxes are added at the till.
/// </summary>
public static class SquareConfiguration
{
    public const string Consumer = "c-sohoarms";

    public const string Json = """
    {
      "consumer_id": "c-sohoarms",
      "name": "The Soho Arms",
      "created_by_email": "owner@sohoarms.example",
      "pos": { "connector": "square", "status": "active" },
      "accounting": { "connector": "pennylane", "status": "active" },
      "locations": [ { "id": "LSQSOHO01", "name": "Soho", "timezone": "Europe/London", "day_cutoff": "04:00" } ],
      "settings": {
        "journal": "CA", "currency": "GBP", "start_date": "2025-01-01", "tolerance": 5.0, "rounding_threshold": 0.05,
        "revenue_mode": "net", "country": "GB"
      },
      "mappings": {
        "payment_methods": {
          "CARD": "511200", "CASH": "530000", "SQUARE_GIFT_CARD": "419100", "THIRD_PARTY_CARD": "511200", "WALLET": "511200",
          "BANK_ACCOUNT": "511200", "BUY_NOW_PAY_LATER": "511200", "SQUARE_ACCOUNT": "511200", "OTHER": "511300"
        },
        "categories": {
          "cat-food": "706100", "cat-drinks": "706200", "custom-amount": "707000", "uncategorized": "707000",
          "service-charge": "707000", "gift-card": "419100"
        },
        "vat_rates": {
          "20": { "code": "GB20", "account": "445711" },
          "0": { "code": "GB0", "account": null }
        },
        "tips": "467100",
        "discounts": "709700",
        "complimentary": "623400",
        "rounding": { "debit": "658100", "credit": "758100" },
        "difference": { "debit": "658000", "credit": "758000" },
        "suspense": null
      }
    }
    """;

    /// <summary>The deli: USD, its Brooklyn location, New York's state (4 %) and city (4.875 %) sales taxes each to its own account.</summary>
    public static void Brooklyn(JsonObject c)
    {
        c["locations"]![0]!["id"] = VendorWorld.Brooklyn;
        c["locations"]![0]!["name"] = "Brooklyn";
        c["locations"]![0]!["timezone"] = "America/New_York";
        c["settings"]!["currency"] = "USD";
        c["settings"]!["country"] = "US";
        c["mappings"]!["vat_rates"] = new JsonObject
        {
            ["4"] = new JsonObject { ["code"] = "NY-STATE", ["account"] = "445712" },
            ["4.875"] = new JsonObject { ["code"] = "NYC", ["account"] = "445713" },
            ["0"] = new JsonObject { ["code"] = "EXEMPT", ["account"] = null },
        };
    }

    public static JsonObject Node(Action<JsonObject>? change = null)
    {
        var node = JsonNode.Parse(Json)!.AsObject();
        change?.Invoke(node);
        return node;
    }

    public static ConsumerConfiguration Load(Action<JsonObject>? change = null)
    {
        var parsed = ConsumerConfigurationReader.ReadJson(Node(change).ToJsonString());
        if (!parsed.IsValid) throw new InvalidOperationException("test configuration is invalid: " + parsed.Describe());
        return parsed.Value!;
    }
}
