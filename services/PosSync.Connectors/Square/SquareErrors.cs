using System.Text.Json;

namespace PosSync.Connectors.Square;

/// <summary>
/// Square's error envelope, <c>{"errors":[{category, code, detail, field}]}</c>: the codes PosSync decides on, code
/// first, status second.
/// </summary>
public static class SquareErrors
{
    public const string InvalidCursor = "INVALID_CURSOR";
    public const string InsufficientScopes = "INSUFFICIENT_SCOPES";

    /// <summary>The error codes of a refusal body, in order; none when the body is not Square's envelope.</summary>
    public static IReadOnlyList<string> Codes(string? body)
    {
        if (string.IsNullOrWhiteSpace(body)) return [];
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object
                   && document.RootElement.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array
                ? errors.EnumerateArray()
                    .Select(
                        e => e.ValueKind == JsonValueKind.Object && e.TryGetProperty("code", out var code) && code.ValueKind == JsonValueKind.String
                            ? code.GetString()
                            : null)
                    .OfType<string>().ToList()
                : [];
        }
        catch (JsonException)
        {
            return [];
        }
    }
}
