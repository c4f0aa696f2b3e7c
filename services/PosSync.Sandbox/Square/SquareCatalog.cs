using System.Text.Json.Nodes;

namespace PosSync.Sandbox.Square;

/// <summary>
/// One seller's catalog as SearchCatalogObjects shows it (docs/vendors/square.md "Catalog"): taxes
/// with their inclusion type, categories with their type, items carrying their variations, and
/// deleted objects kept (a past order may name them) but shown only when asked.
/// </summary>
public sealed class SquareCatalog(TimeProvider clock, string currency)
{
    /// <summary>Types a search without object_types returns: ITEM_VARIATION, MODIFIER and IMAGE are nested and must be named.</summary>
    public static readonly IReadOnlySet<string> TopLevel = new HashSet<string>(StringComparer.Ordinal)
    {
        "ITEM", "CATEGORY", "TAX", "DISCOUNT", "MODIFIER_LIST", "PRICING_RULE", "PRODUCT_SET", "TIME_PERIOD", "MEASUREMENT_UNIT",
        "SUBSCRIPTION_PLAN", "ITEM_OPTION", "CUSTOM_ATTRIBUTE_DEFINITION", "QUICK_AMOUNTS_SETTINGS", "AVAILABILITY_PERIOD",
    };

    private readonly List<JsonObject> _objects = [];

    public void AddTax(string id, string name, string percentage, bool additive, bool enabled = true) => Add("TAX", id, "tax_data", new JsonObject
    {
        ["name"] = name,
        ["calculation_phase"] = "TAX_SUBTOTAL_PHASE",
        ["inclusion_type"] = additive ? "ADDITIVE" : "INCLUSIVE",
        ["percentage"] = percentage,
        ["applies_to_custom_amounts"] = true,
        ["enabled"] = enabled,
    });

    /// <summary>A category; <paramref name="type"/> REGULAR_CATEGORY, or MENU_CATEGORY for the duplicates menus create.</summary>
    public void AddCategory(string id, string name, string type = "REGULAR_CATEGORY") => Add("CATEGORY", id, "category_data", new JsonObject
    {
        ["name"] = name,
        ["category_type"] = type,
        ["is_top_level"] = true,
    });

    /// <summary>
    /// An item in <paramref name="categories"/> (the first is its reporting category unless
    /// <paramref name="reportingCategory"/> says otherwise, or none when null) with its variations (one
    /// unit's price in the smallest unit).
    /// </summary>
    public void AddItem(string id, string name, string[] categories, string? reportingCategory,
        params (string Id, string Name, long Price)[] variations)
    {
        var item = new JsonObject
        {
            ["name"] = name,
            ["is_taxable"] = true,
            ["variations"] = new JsonArray(variations.Select(v => (JsonNode)Wrap("ITEM_VARIATION", v.Id, "item_variation_data", new JsonObject
            {
                ["item_id"] = id,
                ["name"] = v.Name,
                ["pricing_type"] = "FIXED_PRICING",
                ["price_money"] = SquareMoney.Of(v.Price, currency),
                ["sellable"] = true,
            })).ToArray()),
        };
        if (categories.Length > 0)
            item["categories"] = new JsonArray(categories.Select((c, i) => (JsonNode)new JsonObject { ["id"] = c, ["ordinal"] = i }).ToArray());
        if (reportingCategory is not null) item["reporting_category"] = new JsonObject { ["id"] = reportingCategory, ["ordinal"] = 0 };
        Add("ITEM", id, "item_data", item);
    }

    /// <summary>Deletes an object (an item with its variations): searches show it only with include_deleted_objects.</summary>
    public void Delete(string id)
    {
        lock (_objects)
        {
            foreach (var o in _objects.Where(o => o["id"]!.GetValue<string>() == id || ItemOf(o) == id))
            {
                o["is_deleted"] = true;
                o["updated_at"] = SquareMoney.Time(clock.GetUtcNow());
            }
        }
    }

    /// <summary>
    /// The objects a search returns, in a stable order: of the named types (top-level ones when none
    /// is named), without deleted ones unless asked. A variation is listed on its own only when
    /// ITEM_VARIATION is named; it is always inside its item.
    /// </summary>
    public IReadOnlyList<JsonObject> Search(IReadOnlyCollection<string> types, bool includeDeleted, DateTimeOffset? changedAfter)
    {
        lock (_objects)
        {
            var wanted = types.Count > 0 ? types.ToHashSet(StringComparer.Ordinal) : TopLevel;
            var all = _objects.Concat(_objects.Where(o => Type(o) == "ITEM").SelectMany(Variations));
            return all.Where(o => wanted.Contains(Type(o)))
                .Where(o => includeDeleted || o["is_deleted"]?.GetValue<bool>() != true)
                .Where(o => changedAfter is null || DateTimeOffset.Parse(o["updated_at"]!.GetValue<string>(),
                    System.Globalization.CultureInfo.InvariantCulture) > changedAfter)
                .Select(o => (JsonObject)o.DeepClone()).ToList();
        }
    }

    private void Add(string type, string id, string dataField, JsonObject data)
    {
        lock (_objects) _objects.Add(Wrap(type, id, dataField, data));
    }

    private JsonObject Wrap(string type, string id, string dataField, JsonObject data) => new()
    {
        ["type"] = type,
        ["id"] = id,
        ["updated_at"] = SquareMoney.Time(clock.GetUtcNow()),
        ["version"] = clock.GetUtcNow().ToUnixTimeMilliseconds(),
        ["is_deleted"] = false,
        ["present_at_all_locations"] = true,
        [dataField] = data,
    };

    private static string Type(JsonObject o) => o["type"]!.GetValue<string>();

    private static IEnumerable<JsonObject> Variations(JsonObject item) =>
        item["item_data"]?["variations"]?.AsArray().OfType<JsonObject>().Select(v =>
        {
            var copy = (JsonObject)v.DeepClone();
            // A deleted item's variations are deleted with it.
            if (item["is_deleted"]?.GetValue<bool>() == true) copy["is_deleted"] = true;
            return copy;
        }) ?? [];

    private static string? ItemOf(JsonObject o) => o["item_variation_data"]?["item_id"]?.GetValue<string>();
}
