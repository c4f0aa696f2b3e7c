using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PosSync.Sandbox.Pennylane;

/// <summary>
/// One condition of Pennylane's <c>filter</c> query parameter, and the documented tables of which
/// field takes which operator on each list endpoint (docs/vendors/pennylane.md, F-LA, F-LE, CL-EQ).
/// Anything else is refused, so a connector that filters on an undocumented field fails here
/// instead of in production.
/// </summary>
public sealed record PennylaneFilter(string Field, string Operator, string Value)
{
    private static readonly string[] Comparisons = ["eq", "not_eq", "lt", "gt", "lteq", "gteq"];
    private static readonly string[] Sets = [.. Comparisons, "in", "not_in"];

    /// <summary>No journal filter is documented: any filter on journals is refused.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Journals = new Dictionary<string, string[]>();

    /// <summary>F-LA: <c>id</c> with comparisons and sets, <c>number</c> with <c>start_with</c>; CL-EQ adds <c>eq</c>.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> LedgerAccounts = new Dictionary<string, string[]>
    {
        ["id"] = Sets,
        ["number"] = ["start_with", "eq"],
    };

    /// <summary>F-LE, the complete list: <c>id</c> is not in it (created_at/updated_at are deprecated, still documented).</summary>
    public static readonly IReadOnlyDictionary<string, string[]> LedgerEntries = new Dictionary<string, string[]>
    {
        ["journal_id"] = Sets,
        ["date"] = Comparisons,
        ["created_at"] = Comparisons,
        ["updated_at"] = Comparisons,
    };

    /// <summary>The conditions of a <c>filter</c> parameter, or why Pennylane's documented table refuses it.</summary>
    public static (IReadOnlyList<PennylaneFilter> Filters, string? Refusal) Read(string? text, IReadOnlyDictionary<string, string[]> documented)
    {
        if (string.IsNullOrEmpty(text)) return ([], null);
        List<PennylaneFilter> filters;
        try
        {
            filters = (JsonSerializer.Deserialize<List<JsonObject>>(text) ?? [])
                .Select(f => new PennylaneFilter((string)f["field"]!, (string)f["operator"]!, f["value"] is JsonArray list
                    ? string.Join(',', list.Select(v => v?.ToString()))
                    : f["value"]!.ToString()))
                .ToList();
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or NullReferenceException or FormatException)
        {
            return ([], "filter must be a JSON array of {field, operator, value}");
        }
        foreach (var filter in filters)
        {
            if (!documented.TryGetValue(filter.Field, out var operators))
                return ([], $"Filter on field '{filter.Field}' is not allowed; allowed fields: " +
                    $"{(documented.Count == 0 ? "none" : string.Join(", ", documented.Keys))}");
            if (!operators.Contains(filter.Operator))
                return ([], $"Operator '{filter.Operator}' is not allowed on field '{filter.Field}'; allowed operators: " +
                    $"{string.Join(", ", operators)}");
        }
        return (filters, null);
    }

    /// <summary>
    /// Whether a value of the filtered field passes. Ids compare as numbers, dates and times as
    /// such, the rest as text; <c>in</c> takes a JSON array or a comma-separated list (the docs do not say which).
    /// </summary>
    public bool Matches(string? value)
    {
        if (value is null) return false;
        return Operator switch
        {
            "eq" => Compare(value, Value) == 0,
            "not_eq" => Compare(value, Value) != 0,
            "lt" => Compare(value, Value) < 0,
            "gt" => Compare(value, Value) > 0,
            "lteq" => Compare(value, Value) <= 0,
            "gteq" => Compare(value, Value) >= 0,
            "in" => Value.Split(',').Any(v => Compare(value, v.Trim()) == 0),
            "not_in" => Value.Split(',').All(v => Compare(value, v.Trim()) != 0),
            "start_with" => value.StartsWith(Value, StringComparison.Ordinal),
            _ => false,
        };
    }

    private int Compare(string left, string right)
    {
        // Ids compare as numbers; account numbers stay text ("0511" is not "511").
        var ids = Field == "id" || Field.EndsWith("_id", StringComparison.Ordinal);
        if (ids && long.TryParse(left, CultureInfo.InvariantCulture, out var a)
            && long.TryParse(right, CultureInfo.InvariantCulture, out var b)) return a.CompareTo(b);
        var times = Field is "date" or "created_at" or "updated_at";
        if (times && DateTimeOffset.TryParse(left, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var x)
            && DateTimeOffset.TryParse(right, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var y)) return x.CompareTo(y);
        return string.CompareOrdinal(left, right);
    }
}
