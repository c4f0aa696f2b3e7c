using System.Text.Json;

namespace PosSync.Connectors.Square;

/// <summary>
/// What a day's lines need from Square's catalog: from a line's catalog_object_id (an item
/// variation) to its item, and from the item to the one category its revenue is booked under
/// (docs/vendors/square.md "From line item to category"): the reporting category first, then the
/// first regular category of the item's categories, then the deprecated category_id. Menu and
/// kitchen categories are how the till is laid out, not what was sold.
/// </summary>
public sealed class SquareCatalogIndex
{
    private readonly Dictionary<string, string> _itemOfVariation = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _categoryOfItem = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string Name, string? Type)> _categories = new(StringComparer.Ordinal);
    private readonly List<(string Item, List<string> Categories, string? Reporting, string? Legacy)> _items = [];

    /// <summary>Adds the objects of one SearchCatalogObjects page (ITEM with nested variations, ITEM_VARIATION, CATEGORY).</summary>
    public void Add(JsonElement objects)
    {
        if (objects.ValueKind != JsonValueKind.Array) return;
        foreach (var o in objects.EnumerateArray()) AddObject(o);
    }

    private void AddObject(JsonElement o)
    {
        var id = Text(o, "id");
        if (id is null) return;
        switch (Text(o, "type"))
        {
            case "ITEM_VARIATION" when Data(o, "item_variation_data") is { } variation && Text(variation, "item_id") is { } item:
                _itemOfVariation[id] = item;
                break;
            case "CATEGORY" when Data(o, "category_data") is { } category:
                _categories[id] = (Text(category, "name") ?? id, Text(category, "category_type"));
                break;
            case "ITEM" when Data(o, "item_data") is { } item:
                var categories = item.TryGetProperty("categories", out var list) && list.ValueKind == JsonValueKind.Array
                    ? list.EnumerateArray().Select(c => Text(c, "id")).OfType<string>().ToList()
                    : [];
                var reporting = item.TryGetProperty("reporting_category", out var r) ? Text(r, "id") : null;
                _items.Add((id, categories, reporting, Text(item, "category_id")));
                if (item.TryGetProperty("variations", out var variations) && variations.ValueKind == JsonValueKind.Array)
                    foreach (var v in variations.EnumerateArray())
                        if (Text(v, "id") is { } variationId) _itemOfVariation[variationId] = id;
                break;
        }
        _categoryOfItem.Clear();
    }

    /// <summary>The category a variation's sales are booked under, or null when the catalog files it under none.</summary>
    public (string Id, string Name)? CategoryOf(string variationId)
    {
        if (!_itemOfVariation.TryGetValue(variationId, out var item)) return null;
        if (_categoryOfItem.Count == 0 && _items.Count > 0) Resolve();
        return _categoryOfItem.TryGetValue(item, out var category) ? (category, _categories.GetValueOrDefault(category).Name ?? category) : null;
    }

    /// <summary>Whether the catalog knows the variation at all (a deleted one included, when asked for).</summary>
    public bool Knows(string variationId) => _itemOfVariation.ContainsKey(variationId);

    private void Resolve()
    {
        foreach (var (item, categories, reporting, legacy) in _items)
        {
            var regular = categories.FirstOrDefault(c => _categories.TryGetValue(c, out var known) && known.Type is null or "REGULAR_CATEGORY");
            if ((reporting ?? regular ?? legacy) is { } chosen) _categoryOfItem[item] = chosen;
        }
    }

    private static JsonElement? Data(JsonElement o, string name) =>
        o.TryGetProperty(name, out var data) && data.ValueKind == JsonValueKind.Object ? data : null;

    private static string? Text(JsonElement o, string name) =>
        o.ValueKind == JsonValueKind.Object && o.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
