using System.Text.Json.Nodes;
using PosSync.Domain.Configuration;

namespace PosSync.Testing;

/// <summary>CFG-A of scenarios.md, the French brasserie every booking scenario starts from.</summary>
public static class ReferenceConfiguration
{
    public const string CfgA = """
    {
      "consumer_id": "c-brasserie",
      "name": "Brasserie Centrale",
      "created_by_email": "owner@brasserie.example",
      "pos": { "connector": "lightspeed", "status": "active" },
      "accounting": { "connector": "pennylane", "status": "active" },
      "locations": [
        { "id": "loc-1", "name": "Centre", "timezone": "Europe/Paris", "day_cutoff": "04:00" },
        { "id": "loc-2", "name": "Gare", "timezone": "Europe/Paris", "day_cutoff": "04:00" }
      ],
      "settings": {
        "journal": "jrn-ca", "currency": "EUR", "start_date": "2025-03-01",
        "tolerance": 50.0, "rounding_threshold": 0.05, "revenue_mode": "net",
        "count_authorised_payments": false
      },
      "mappings": {
        "payment_methods": { "pm-card": "511200", "pm-cash": "530000", "pm-tr": "511300", "pm-gc": "419100" },
        "categories": { "cat-food": "706100", "cat-drinks": "706200", "cat-bakery": "707000", "cat-giftcard": "419100" },
        "vat_rates": {
          "20": { "code": "FR20", "account": "445711" },
          "10": { "code": "FR10", "account": "445712" },
          "5.5": { "code": "FR55", "account": "445713" },
          "0": { "code": "EXO", "account": null }
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

    /// <summary>CFG-A with some fields changed, e.g. <c>Json(c => c["settings"]!["tolerance"] = 0)</c>.</summary>
    public static string Json(Action<JsonObject>? change = null)
    {
        var node = JsonNode.Parse(CfgA)!.AsObject();
        change?.Invoke(node);
        return node.ToJsonString();
    }

    public static ConsumerConfiguration Load(Action<JsonObject>? change = null)
    {
        var parsed = ConsumerConfigurationReader.ReadJson(Json(change));
        if (!parsed.IsValid) throw new InvalidOperationException("test configuration is invalid: " + parsed.Describe());
        return parsed.Value!;
    }
}
