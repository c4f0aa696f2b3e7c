using System.Globalization;
using System.Text.Json;

namespace PosSync.Connectors.Http;

/// <summary>
/// Reads a vendor's JSON and notes every field that is missing or malformed by its path, so
/// garbage from a vendor becomes one clear "invalid data" failure instead of an exception.
/// </summary>
public sealed class VendorJson
{
    private readonly List<string> _problems = [];

    public IReadOnlyList<string> Problems => _problems;
    public bool HasProblems => _problems.Count > 0;

    public string Describe() => string.Join("; ", _problems.Take(10)) + (_problems.Count > 10 ? $"; and {_problems.Count - 10} more" : "");

    public static JsonDocument? Parse(string? body, out string? problem)
    {
        problem = null;
        try
        {
            return JsonDocument.Parse(body ?? "");
        }
        catch (JsonException e)
        {
            problem = $"the answer is not JSON (line {e.LineNumber + 1}): {(body is null ? "" : body[..Math.Min(body.Length, 80)])}";
            return null;
        }
    }

    public void Fail(string path, string problem) => _problems.Add($"{path} {problem}");

    public JsonElement? Object(JsonElement parent, string name, string path, bool required = true)
    {
        if (parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var value)
            && value.ValueKind == JsonValueKind.Object) return value;
        if (required) Fail($"{path}.{name}", "is missing or not an object");
        return null;
    }

    public IEnumerable<(JsonElement Item, string Path)> Array(JsonElement parent, string name, string path, bool required = true)
    {
        if (parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var value))
        {
            if (value.ValueKind == JsonValueKind.Array) return value.EnumerateArray().Select((item, i) => (item, $"{path}.{name}[{i}]")).ToList();
            if (value.ValueKind == JsonValueKind.Null && !required) return [];
        }
        if (required) Fail($"{path}.{name}", "is missing or not an array");
        return [];
    }

    public string? Text(JsonElement parent, string name, string path, bool required = true)
    {
        if (parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var value))
        {
            if (value.ValueKind == JsonValueKind.String) return value.GetString();
            if (value.ValueKind == JsonValueKind.Number) return value.GetRawText();
            if (value.ValueKind == JsonValueKind.Null && !required) return null;
        }
        if (required) Fail($"{path}.{name}", "is missing or not a string");
        return null;
    }

    /// <summary>A decimal sent as a string ("11.00") or a number; absent optional amounts read as 0.</summary>
    public decimal Decimal(JsonElement parent, string name, string path, bool required = true)
    {
        if (parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var value))
        {
            if (value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var number)) return number;
            if (value.ValueKind == JsonValueKind.String
                && decimal.TryParse(value.GetString(), NumberStyles.Number, CultureInfo.InvariantCulture, out var parsed)) return parsed;
            if (value.ValueKind == JsonValueKind.Null && !required) return 0m;
            Fail($"{path}.{name}", $"is not a decimal: {value.GetRawText()[..Math.Min(value.GetRawText().Length, 40)]}");
            return 0m;
        }
        if (required) Fail($"{path}.{name}", "is missing");
        return 0m;
    }

    public bool Boolean(JsonElement parent, string name, string path)
    {
        if (parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var value)
            && value.ValueKind is JsonValueKind.True or JsonValueKind.False)
            return value.GetBoolean();
        Fail($"{path}.{name}", "is missing or not true/false");
        return false;
    }

    public DateTimeOffset? Timestamp(JsonElement parent, string name, string path, bool required = true)
    {
        var text = Text(parent, name, path, required);
        if (text is null) return null;
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var moment)) return moment;
        Fail($"{path}.{name}", $"is not a timestamp: {text}");
        return null;
    }
}
