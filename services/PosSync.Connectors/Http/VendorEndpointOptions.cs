using System.ComponentModel.DataAnnotations;

namespace PosSync.Connectors.Http;

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
