using System.ComponentModel.DataAnnotations;

namespace PosSync.Connectors.Http;

/// <summary>How PosSync proves it is the OAuth client at the vendor's token endpoint (RFC 6749 section 2.3.1).</summary>
public enum ClientAuthentication
{
    /// <summary>HTTP Basic: base64 of client_id:client_secret in the Authorization header.</summary>
    Basic,

    /// <summary>client_id and client_secret as fields of the form body.</summary>
    RequestBody,
}

/// <summary>
/// How PosSync reaches one vendor API: where, as which OAuth client, and how politely. Every setting
/// is checked at start (OptionsCheck walks Vendors:*): a number by its [Range], a choice by
/// [DefinedValue], an address by [HttpAddress], the headers by <see cref="Validate"/>; a setting
/// added here takes its attribute, or VendorSettingsCheckedTests fails.
/// </summary>
public class VendorEndpointOptions : IValidatableObject
{
    [Required(AllowEmptyStrings = false)]
    [HttpAddress]
    public string BaseUrl { get; set; } = "";

    /// <summary>The OAuth token endpoint; relative to <see cref="BaseUrl"/> unless absolute.</summary>
    [Required(AllowEmptyStrings = false)]
    [HttpAddress(OrPath = true)]
    public string TokenPath { get; set; } = "/oauth/token";

    /// <summary>The vendor's consent page; relative to <see cref="BaseUrl"/> unless absolute.</summary>
    [Required(AllowEmptyStrings = false)]
    [HttpAddress(OrPath = true)]
    public string AuthorizeUrl { get; set; } = "/oauth/authorize";

    /// <summary>Where the vendor sends the client's browser back with the code: registered with the vendor, repeated on the exchange.</summary>
    [HttpAddress]
    public string? RedirectUri { get; set; }

    /// <summary>The scopes asked on the consent page, space-separated as OAuth writes them.</summary>
    public string Scope { get; set; } = "";

    [DefinedValue]
    public ClientAuthentication ClientAuthentication { get; set; } = ClientAuthentication.Basic;

    [DefinedValue]
    public TokenRequestFormat TokenRequest { get; set; } = TokenRequestFormat.Form;

    /// <summary>How long a refresh token lives unused when the token answer does not say (refresh_expires_in); null: no limit known.</summary>
    [Range(0.01, 3_650)]
    public double? RefreshTokenDays { get; set; }

    /// <summary>Whether the vendor takes a PKCE challenge (RFC 7636, S256) with the consent.</summary>
    public bool Pkce { get; set; }

    public string? ClientId { get; set; }

    /// <summary>A secret: never logged, never stored with a request.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>Time one HTTP attempt may take before it counts as a timeout.</summary>
    [Range(0.1, 3_600)]
    public double TimeoutSeconds { get; set; } = 30;

    /// <summary>Retries of a transient failure (5xx, timeout, dropped connection) before the day is left for later.</summary>
    [Range(0, 20)]
    public int TransientRetries { get; set; } = 4;

    /// <summary>First backoff delay; it doubles on each retry.</summary>
    [Range(0.0, 600.0)]
    public double BackoffSeconds { get; set; } = 0.5;

    /// <summary>Longest total wait on 429s for one call before the day is left for later.</summary>
    [Range(0.0, 86_400.0)]
    public double MaxRateLimitWaitSeconds { get; set; } = 120;

    /// <summary>The vendor's limit per connection: at most this many requests in any window.</summary>
    [Range(1, 10_000)]
    public int RequestsPerWindow { get; set; } = 25;

    /// <summary>The window's length, in seconds.</summary>
    [Range(0.01, 86_400)]
    public double WindowSeconds { get; set; } = 5;

    /// <summary>
    /// The vendor's limit of calls in progress at once per connection (Xero: 5 per tenant), kept by the
    /// client rather than learnt from 429s; null where the vendor publishes none.
    /// </summary>
    [Range(1, 100)]
    public int? ConcurrentRequests { get; set; }

    /// <summary>Headers every call carries (e.g. Pennylane's X-Use-2026-API-Changes).</summary>
    public Dictionary<string, string> Headers { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Each header a name HTTP takes and a value on one line (the value is never repeated: it may be a key).</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (name, value) in Headers)
        {
            if (name.Length == 0 || !name.All(IsTokenCharacter))
                yield return new ValidationResult("is not an HTTP header name (letters, digits and !#$%&'*+-.^_`|~)", [$"Headers:{name}"]);
            else if (value.Any(c => c is '\r' or '\n' or '\0'))
                yield return new ValidationResult("must be a value on one line", [$"Headers:{name}"]);
        }
    }

    /// <summary>RFC 9110 section 5.6.2: a token.</summary>
    private static bool IsTokenCharacter(char c) => char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c);

    public Uri Url(string pathAndQuery) =>
        Uri.TryCreate(pathAndQuery, UriKind.Absolute, out var absolute) && absolute.Scheme.StartsWith("http")
            ? absolute
            : new Uri(BaseUrl.TrimEnd('/') + "/" + pathAndQuery.TrimStart('/'));
}

/// <summary>Which of Lightspeed's financial APIs reads a business day (docs/vendors/lightspeed.md).</summary>
public enum LightspeedFinancialApi
{
    /// <summary>V1 dailyFinancials: back-office corrections are dated on the original business day.</summary>
    V1,

    /// <summary>V2 sales-daily: back-office corrections appear on the day they were made.</summary>
    V2,
}

/// <summary>Lightspeed's endpoint, plus which financial API reads a day.</summary>
public sealed class LightspeedEndpointOptions : VendorEndpointOptions
{
    /// <summary>V1 token answers do not say when the refresh token dies: Lightspeed documents 14 days unused.</summary>
    public LightspeedEndpointOptions() => RefreshTokenDays = 14;

    [DefinedValue]
    public LightspeedFinancialApi FinancialApi { get; set; } = LightspeedFinancialApi.V1;
}

/// <summary>Section "Vendors": every vendor API PosSync talks to.</summary>
public sealed class VendorOptions
{
    public const string Section = "Vendors";

    /// <summary>Lightspeed K-Series: no published limit, so a cautious 10 requests per second.</summary>
    public LightspeedEndpointOptions Lightspeed { get; set; } = new()
    {
        BaseUrl = "https://api.lsk.lightspeed.app",
        Scope = "financial-api",
        ClientAuthentication = ClientAuthentication.Basic,
        RequestsPerWindow = 10,
        WindowSeconds = 1,
    };

    /// <summary>Pennylane: 25 requests per 5 seconds per token, sandbox included.</summary>
    public VendorEndpointOptions Pennylane { get; set; } = new()
    {
        BaseUrl = "https://app.pennylane.com",
        Scope = "journals:readonly ledger_accounts:readonly ledger_entries:all",
        ClientAuthentication = ClientAuthentication.RequestBody,
        RequestsPerWindow = 25,
        WindowSeconds = 5,
        Headers = new(StringComparer.OrdinalIgnoreCase) { ["X-Use-2026-API-Changes"] = "true" },
    };

    /// <summary>
    /// Square (docs/vendors/square.md): the token request is JSON with the client secret in it and
    /// answers expires_at; every call, token calls included, pins Square-Version. Square publishes no
    /// rate limit, so a cautious 10 requests per second.
    /// </summary>
    public VendorEndpointOptions Square { get; set; } = new()
    {
        BaseUrl = "https://connect.squareup.com",
        TokenPath = "/oauth2/token",
        AuthorizeUrl = "/oauth2/authorize",
        Scope = "ORDERS_READ PAYMENTS_READ ITEMS_READ MERCHANT_PROFILE_READ",
        ClientAuthentication = ClientAuthentication.RequestBody,
        TokenRequest = TokenRequestFormat.Json,
        RequestsPerWindow = 10,
        WindowSeconds = 1,
        Headers = new(StringComparer.OrdinalIgnoreCase) { [SquareVersionHeader] = SquareVersion },
    };

    /// <summary>The Square API version PosSync is written against (SPEC's default; docs/vendors/square.md "Hosts, headers, versions").</summary>
    public const string SquareVersion = "2025-08-20";
    public const string SquareVersionHeader = "Square-Version";

    /// <summary>Xero: 60 calls a minute and 5 at once per tenant (FAQ-LIMITS), web-app client with PKCE, 60-day refresh tokens.</summary>
    public VendorEndpointOptions Xero { get; set; } = new()
    {
        BaseUrl = "https://api.xero.com",
        TokenPath = "https://identity.xero.com/connect/token",
        AuthorizeUrl = "https://login.xero.com/identity/connect/authorize",
        Scope = "offline_access accounting.transactions accounting.settings.read",
        ClientAuthentication = ClientAuthentication.Basic,
        Pkce = true,
        RefreshTokenDays = 60,
        RequestsPerWindow = 60,
        WindowSeconds = 60,
        ConcurrentRequests = 5,
    };

    /// <summary>The name of a connector's settings under Vendors (Vendors:Lightspeed:ClientId...).</summary>
    public static string SettingName(string connector) => connector switch
    {
        "lightspeed" => nameof(Lightspeed),
        "pennylane" => nameof(Pennylane),
        "square" => nameof(Square),
        "xero" => nameof(Xero),
        _ => connector,
    };

    /// <summary>The endpoint of a connector that speaks HTTP, or null for file connectors.</summary>
    public VendorEndpointOptions? For(string connector) => connector switch
    {
        "lightspeed" => Lightspeed,
        "pennylane" => Pennylane,
        "square" => Square,
        "xero" => Xero,
        _ => null,
    };
}
