namespace PosSync.Connectors.Http;

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
