using System.Globalization;
using System.Text.Json;

namespace PosSync.Connectors.Http;

/// <summary>
/// A token endpoint's answer as PosSync keeps it: the access token with its absolute expiry, the
/// refresh token, and what the answer says of the refresh token's life. Vendors write expiries two
/// ways: a lifetime in seconds (RFC 6749's expires_in; Lightspeed and Pennylane) or an instant
/// (Square's expires_at and refresh_token_expires_at, ISO 8601).
/// </summary>
public sealed record TokenGrant(string AccessToken, string? RefreshToken, DateTime? ExpiresAt, string? Scope, RefreshTokenLife RefreshLife)
{
    /// <summary>The grant in a 2xx body, or null when the body has no access token (or is no JSON object).</summary>
    public static TokenGrant? Parse(string body, DateTime now)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return null;
            if (Text(root, "access_token") is not { Length: > 0 } access) return null;
            return new TokenGrant(access, Text(root, "refresh_token"),
                Instant(root, "expires_at") ?? Later(root, "expires_in", now), Text(root, "scope"), RefreshLifeIn(root, now));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>refresh_expires_in 0 means "never" (Lightspeed's offline_access); no word at all leaves it to the vendor's documented
    /// lifetime.</summary>
    private static RefreshTokenLife RefreshLifeIn(JsonElement root, DateTime now)
    {
        if (Instant(root, "refresh_token_expires_at") is { } at) return RefreshTokenLife.Until(at);
        if (Seconds(root, "refresh_expires_in") is { } seconds) return seconds == 0 ? RefreshTokenLife.Unlimited
            : RefreshTokenLife.Until(now.AddSeconds(seconds));
        return RefreshTokenLife.Unstated;
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static long? Seconds(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var seconds)
            && seconds >= 0 ? seconds : null;

    private static DateTime? Later(JsonElement root, string name, DateTime now) => Seconds(root, name) is { } seconds
        ? now.AddSeconds(seconds) : null;

    private static DateTime? Instant(JsonElement root, string name) =>
        Text(root, name) is { } text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? at.UtcDateTime : null;
}
