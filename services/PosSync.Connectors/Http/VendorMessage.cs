using System.Text.Json;

namespace PosSync.Connectors.Http;

/// <summary>The human message in a vendor's error body, whatever its shape, kept verbatim.</summary>
public static class VendorMessage
{
    private const int MaxLength = 1000;

    public static string? From(string body)
    {
        if (string.IsNullOrWhiteSpace(body)) return null;
        try
        {
            using var json = JsonDocument.Parse(body);
            var message = Find(json.RootElement);
            if (message is not null) return Cut(message);
        }
        catch (JsonException)
        {
            // Not JSON (Pennylane's 429 body is plain text, proxies answer HTML): keep the text itself.
        }
        return Cut(body.Trim());
    }

    private static string? Find(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            // Square's error: the code is what support and the connector act on, the detail what a person reads.
            if (element.TryGetProperty("code", out var code) && code.ValueKind == JsonValueKind.String
                && element.TryGetProperty("detail", out var detail) && detail.ValueKind == JsonValueKind.String)
                return $"{code.GetString()}: {detail.GetString()}";
            foreach (var name in new[] { "message", "error_description", "error", "detail", "title" })
            {
                if (!element.TryGetProperty(name, out var value)) continue;
                if (value.ValueKind == JsonValueKind.String) return value.GetString();
                if (Find(value) is { } nested) return nested;
            }
            if (element.TryGetProperty("errors", out var errors)) return Find(errors);
        }
        if (element.ValueKind == JsonValueKind.Array)
        {
            var messages = element.EnumerateArray().Select(Find).Where(m => m is not null).ToList();
            return messages.Count > 0 ? string.Join("; ", messages) : null;
        }
        return null;
    }

    private static string Cut(string text) => text.Length <= MaxLength ? text : text[..MaxLength] + "...";
}
