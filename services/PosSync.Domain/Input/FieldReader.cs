using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace PosSync.Domain.Input;

/// <summary>
/// Reads typed fields out of a JSON tree and collects, for every field that is missing or wrong,
/// one problem naming its path (<c>orders[3].items[0].total</c>). Every input format (day files,
/// consumer configurations in JSON or YAML) goes through it so every error reads the same way.
/// </summary>
internal sealed partial class FieldReader
{
    /// <summary>Largest amount accepted anywhere; keeps sums far away from decimal overflow.</summary>
    public const decimal MaxAmount = 1_000_000_000m;

    /// <summary>How many decimals an amount may have when a field does not say otherwise.</summary>
    public int AmountDecimals { get; init; } = 3;

    /// <summary>When set, the texts read with <see cref="SharedText"/> are kept once however often they repeat.</summary>
    public TextPool? Pool { get; init; }

    /// <summary>
    /// Texts PosSync wrote itself are taken as written: the limits on length, empty texts and control
    /// characters are for what people and POS exports hand in.
    /// </summary>
    public bool TrustedTexts { get; init; }

    private const int MaxProblems = 50;
    private readonly List<string> _problems = [];

    public IReadOnlyList<string> Problems => _problems;
    public bool HasProblems => _problems.Count > 0;

    public static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";
    public static string Index(string path, int index) => $"{path}[{index}]";

    public void Fail(FieldPath path, string problem)
    {
        if (_problems.Count < MaxProblems)
            _problems.Add($"{path} {problem}");
        else if (_problems.Count == MaxProblems)
            _problems.Add("... further problems not listed");
    }

    /// <summary>Problems another reader found, kept after this one's, under the same limit.</summary>
    public void Add(IReadOnlyList<string> problems)
    {
        foreach (var problem in problems)
        {
            if (_problems.Count < MaxProblems) _problems.Add(problem);
            else if (_problems.Count == MaxProblems) _problems.Add("... further problems not listed");
        }
    }

    public bool IsObject(JsonElement element, FieldPath path)
    {
        if (element.ValueKind == JsonValueKind.Object) return true;
        Fail(path, $"must be an object, not {Describe(element)}");
        return false;
    }

    public void RejectUnknownFields(JsonElement obj, string path, IReadOnlySet<string> known)
    {
        foreach (var property in obj.EnumerateObject())
        {
            if (!known.Contains(property.Name))
                Fail(Join(path, Printable(property.Name)), "is not a known field");
        }
    }

    /// <summary>The field's value, or null when it is absent or JSON null.</summary>
    public static JsonElement? Optional(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    public JsonElement? Required(JsonElement obj, string path, string name)
    {
        var value = Optional(obj, name);
        if (value is null) Fail(new FieldPath(path, name), "is required");
        return value;
    }

    public string? Text(JsonElement? element, FieldPath path, int maxLength = 200)
    {
        if (element is not { } e) return null;
        if (e.ValueKind != JsonValueKind.String)
        {
            Fail(path, $"must be a string, not {Describe(e)}");
            return null;
        }
        var text = e.GetString()!;
        if (TrustedTexts) return text;
        if (text.Length == 0) { Fail(path, "must not be empty"); return null; }
        if (text.Length > maxLength) { Fail(path, $"must be at most {maxLength} characters long"); return null; }
        if (HasControl(text)) { Fail(path, "must not contain control characters"); return null; }
        return text;
    }

    /// <summary>A text a day repeats on many lines (a category, a payment method, a description).</summary>
    public string? SharedText(JsonElement? element, FieldPath path, int maxLength = 200)
    {
        var text = Text(element, path, maxLength);
        return text is not null && Pool is { } pool ? pool.Share(text) : text;
    }

    /// <summary>
    /// An identifier that ends up in entry numbers, file names or URLs: letters, digits and
    /// <c>. _ -</c> only, so a hostile value can never escape a path or a query.
    /// </summary>
    public string? Identifier(JsonElement? element, FieldPath path, int maxLength = 64)
    {
        var text = Text(element, path, maxLength);
        if (text is null) return null;
        if (!IdentifierPattern().IsMatch(text))
        {
            Fail(path, "must contain only letters, digits, '.', '_' and '-', starting with a letter or digit");
            return null;
        }
        return text;
    }

    public static bool IsIdentifier(string text) => text.Length <= 64 && IdentifierPattern().IsMatch(text);

    public bool? Boolean(JsonElement? element, FieldPath path)
    {
        if (element is not { } e) return null;
        if (e.ValueKind is JsonValueKind.True or JsonValueKind.False) return e.GetBoolean();
        Fail(path, $"must be true or false, not {Describe(e)}");
        return null;
    }

    /// <summary>An amount: a JSON number with at most <paramref name="decimals"/> (else <see cref="AmountDecimals"/>) decimals, within
    /// range.</summary>
    public decimal? Amount(JsonElement? element, FieldPath path, int? decimals = null)
    {
        var places = decimals ?? AmountDecimals;
        if (element is not { } e) return null;
        if (e.ValueKind != JsonValueKind.Number)
        {
            Fail(path, $"must be a number, not {Describe(e)}");
            return null;
        }
        if (!e.TryGetDecimal(out var value) || Math.Abs(value) > MaxAmount)
        {
            Fail(path, $"must be a number between -{MaxAmount:0} and {MaxAmount:0}, not {Shorten(e.GetRawText())}");
            return null;
        }
        if (decimal.Round(value, places) != value)
        {
            Fail(path, $"must have at most {places} decimals, not {Shorten(e.GetRawText())}");
            return null;
        }
        return value;
    }

    public DateOnly? Date(JsonElement? element, FieldPath path)
    {
        var text = TextOfKind(element, path, "a date (yyyy-MM-dd)");
        if (text is null) return null;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            return date;
        Fail(path, $"must be a date (yyyy-MM-dd), not {Quote(text)}");
        return null;
    }

    /// <summary>A timestamp with an explicit UTC offset; a local time without one would be ambiguous.</summary>
    public DateTimeOffset? Timestamp(JsonElement? element, FieldPath path)
    {
        var text = TextOfKind(element, path, "a timestamp (ISO 8601 with offset)");
        if (text is null) return null;
        if (TimestampPattern().IsMatch(text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value))
            return value;
        Fail(path, $"must be an ISO 8601 timestamp with an offset such as 2025-03-14T20:15:00Z, not {Quote(text)}");
        return null;
    }

    /// <summary>One of a fixed set of words, compared without regard to case.</summary>
    public T? Choice<T>(JsonElement? element, FieldPath path, IReadOnlyDictionary<string, T> choices) where T : struct
    {
        var text = TextOfKind(element, path, "a string");
        if (text is null) return null;
        foreach (var (word, value) in choices)
        {
            if (string.Equals(word, text, StringComparison.OrdinalIgnoreCase)) return value;
        }
        Fail(path, $"must be one of {string.Join(", ", choices.Keys)}, not {Quote(text)}");
        return null;
    }

    public bool IsArray(JsonElement element, FieldPath path)
    {
        if (element.ValueKind == JsonValueKind.Array) return true;
        Fail(path, $"must be an array, not {Describe(element)}");
        return false;
    }

    private string? TextOfKind(JsonElement? element, FieldPath path, string kind)
    {
        if (element is not { } e) return null;
        if (e.ValueKind == JsonValueKind.String) return e.GetString();
        Fail(path, $"must be {kind}, not {Describe(e)}");
        return null;
    }

    public static string Describe(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => $"the string {Quote(element.GetString()!)}",
        JsonValueKind.Number => $"the number {Shorten(element.GetRawText())}",
        JsonValueKind.True or JsonValueKind.False => $"the boolean {element.GetRawText()}",
        JsonValueKind.Null => "null",
        _ => element.ValueKind.ToString(),
    };

    /// <summary>Quotes user text for an error message, cut short and without control characters.</summary>
    public static string Quote(string text) => $"\"{Printable(Shorten(text))}\"";

    public static string Printable(string text) =>
        HasControl(text) ? new string(text.Select(c => char.IsControl(c) ? '?' : c).ToArray()) : text;

    // A loop, not LINQ: it runs on every text field of a day, and LINQ allocates on each.
    private static bool HasControl(string text)
    {
        foreach (var c in text)
        {
            if (char.IsControl(c)) return true;
        }
        return false;
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : string.Concat(text.AsSpan(0, 40), "...");

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]*$")]
    private static partial Regex IdentifierPattern();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})$")]
    private static partial Regex TimestampPattern();
}
