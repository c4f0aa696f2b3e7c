namespace PosSync.Connectors.Http;

/// <summary>How PosSync reaches one vendor API: where, as which OAuth client, and how politely.</summary>
public sealed class VendorEndpointOptions
{
    public string BaseUrl { get; set; } = "";

    /// <summary>The OAuth token endpoint; relative to <see cref="BaseUrl"/> unless absolute.</summary>
    public string TokenPath { get; set; } = "/oauth/token";

    public string? ClientId { get; set; }

    /// <summary>A secret: never logged, never stored with a request.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>Time one HTTP attempt may take before it counts as a timeout.</summary>
    public double TimeoutSeconds { get; set; } = 30;

    /// <summary>Retries of a transient failure (5xx, timeout, dropped connection) before the day is left for later.</summary>
    public int TransientRetries { get; set; } = 4;

    /// <summary>First backoff delay; it doubles on each retry.</summary>
    public double BackoffSeconds { get; set; } = 0.5;

    /// <summary>Longest total wait on 429s for one call before the day is left for later.</summary>
    public double MaxRateLimitWaitSeconds { get; set; } = 120;

    /// <summary>The vendor's limit per connection: at most this many requests in any window.</summary>
    public int RequestsPerWindow { get; set; } = 25;
    public double WindowSeconds { get; set; } = 5;

    /// <summary>Headers every call carries (e.g. Pennylane's X-Use-2026-API-Changes).</summary>
    public Dictionary<string, string> Headers { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public Uri Url(string pathAndQuery) =>
        Uri.TryCreate(pathAndQuery, UriKind.Absolute, out var absolute) && absolute.Scheme.StartsWith("http")
            ? absolute
            : new Uri(BaseUrl.TrimEnd('/') + "/" + pathAndQuery.TrimStart('/'));
}

/// <summary>Section "Vendors": every vendor API PosSync talks to.</summary>
public sealed class VendorOptions
{
    public const string Section = "Vendors";

    /// <summary>Lightspeed K-Series: no published limit, so a cautious 10 requests per second.</summary>
    public VendorEndpointOptions Lightspeed { get; set; } = new() { BaseUrl = "https://api.lsk.lightspeed.app", RequestsPerWindow = 10, WindowSeconds = 1 };

    /// <summary>Pennylane: 25 requests per 5 seconds per token, sandbox included.</summary>
    public VendorEndpointOptions Pennylane { get; set; } = new()
    {
        BaseUrl = "https://app.pennylane.com",
        RequestsPerWindow = 25,
        WindowSeconds = 5,
        Headers = new(StringComparer.OrdinalIgnoreCase) { ["X-Use-2026-API-Changes"] = "true" },
    };

    /// <summary>The endpoint of a connector that speaks HTTP, or null for file connectors.</summary>
    public VendorEndpointOptions? For(string connector) => connector switch
    {
        "lightspeed" => Lightspeed,
        "pennylane" => Pennylane,
        _ => null,
    };
}
