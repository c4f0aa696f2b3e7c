using System.Globalization;
using System.Text.Json;

namespace PosSync.Domain.Configuration;

/// <summary>
/// What an apply changed in a consumer's configuration, field by field, so support can answer "when
/// did the tolerance change, and who changed it". The configuration is compared as the documented
/// file (<see cref="ConsumerConfigurationWriter"/>), so a field added to the file later is compared
/// without touching this class. Amounts compare by value: 50, 50.0 and 50.00 are one tolerance.
/// </summary>
public static class ConfigurationDiff
{
    /// <summary>The field of the one change a new consumer records: its creation (every later change names its own field).</summary>
    public const string ConsumerField = "consumer";
    public const string Created = "created";

    /// <summary>What is recorded instead of a secret's value: that it changed, never what it was or became.</summary>
    public const string SecretChanged = "(changed)";

    /// <summary>
    /// A connection's status is PosSync's record (stored credentials, a vendor's refusal), never the
    /// file's: an apply does not change it, so it is not the configuration's history.
    /// </summary>
    private static readonly HashSet<string> NotConfiguration = new(StringComparer.Ordinal) { "pos.status", "accounting.status" };

    /// <summary>Words that make a field secret-bearing wherever it appears (a connector option holding a key, say).</summary>
    private static readonly string[] SecretWords = ["secret", "token", "password", "passwd", "api_key", "apikey", "private_key", "credential"];

    /// <summary>The changes from <paramref name="before"/> (null: the consumer is new) to <paramref name="after"/>, in field order.</summary>
    public static IReadOnlyList<ConfigurationChange> Between(ConsumerConfiguration? before, ConsumerConfiguration after)
    {
        if (before is null) return [new ConfigurationChange(ConsumerField, null, Created)];
        var old = Fields(before);
        var now = Fields(after);
        var changes = new List<ConfigurationChange>();
        foreach (var field in old.Keys.Union(now.Keys).Where(f => !NotConfiguration.Contains(f)).Order(StringComparer.Ordinal))
        {
            var was = old.GetValueOrDefault(field);
            var becomes = now.GetValueOrDefault(field);
            if (was == becomes) continue;
            changes.Add(IsSecret(field) ? new ConfigurationChange(field, null, SecretChanged) : new ConfigurationChange(field, was, becomes));
        }
        return changes;
    }

    public static bool IsSecret(string field)
    {
        var name = field[(field.LastIndexOf('.') + 1)..].ToLowerInvariant();
        return SecretWords.Any(word => name.Contains(word, StringComparison.Ordinal));
    }

    /// <summary>Every leaf of the configuration file by its path; a location is named by its id, not its position.</summary>
    private static Dictionary<string, string?> Fields(ConsumerConfiguration config)
    {
        using var document = JsonDocument.Parse(ConsumerConfigurationWriter.Write(config));
        var fields = new Dictionary<string, string?>(StringComparer.Ordinal);
        Walk(document.RootElement, "", fields);
        return fields;
    }

    private static void Walk(JsonElement element, string path, Dictionary<string, string?> fields)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject()) Walk(property.Value, Join(path, property.Name), fields);
                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    var key = item.ValueKind == JsonValueKind.Object && item.TryGetProperty("id", out var id) ? id.ToString()
                        : index.ToString(CultureInfo.InvariantCulture);
                    Walk(item, Join(path, key), fields);
                    index++;
                }
                break;
            case JsonValueKind.Number:
                fields[path] = Amount(element.GetDecimal());
                break;
            case JsonValueKind.Null:
                fields[path] = null;
                break;
            default:
                fields[path] = element.ToString();
                break;
        }
    }

    /// <summary>Amounts as support reads them: at least two decimals, more only when the configuration has them.</summary>
    public static string Amount(decimal value) => value.ToString("0.00##########", CultureInfo.InvariantCulture);

    private static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";
}
