using System.Text.Json.Nodes;
using PosSync.Connectors.Http;
using PosSync.Sandbox;
using PosSync.Sandbox.Xero;
using PosSync.Storage.Stores;

namespace PosSync.Testing;

/// <summary>
/// A UK café's Xero organisation in the sandbox and PosSync's side of it: where Xero is, as which OAuth
/// client, a connected consumer, and a configuration mapped to Xero's account codes and tax types.
/// </summary>
public static class XeroWorld
{
    public const string Account = "acct-cafe-uk";
    public const string Organisation = "Corner Café Ltd";

    /// <summary>The organisation, with a custom 10 % rate next to the UK ones (Xero lets an organisation add its own, TAX001...).</summary>
    public static XeroOrganisation AddOrganisation(SandboxHost sandbox)
    {
        var organisation = sandbox.Xero.AddOrganisation(Account, Organisation).WithUkChart();
        organisation.TaxRates.Add(new XeroTaxRate("TAX001", "10% (VAT on Income)", 10m, CanApplyToRevenue: true, CanApplyToExpenses: false));
        return organisation;
    }

    /// <param name="concurrent">Calls in progress at once the client allows itself: Xero's 5 by default, null for none.</param>
    public static VendorEndpointOptions Options(SandboxHost sandbox, double timeoutSeconds = 2,
        int transientRetries = 2, int perWindow = 60, double windowSeconds = 60,
        int? concurrent = 5) => new()
    {
        BaseUrl = sandbox.XeroUrl, TokenPath = "/connect/token", AuthorizeUrl = "/identity/connect/authorize",
        ClientId = sandbox.Xero.OAuth.ClientId, ClientSecret = sandbox.Xero.OAuth.ClientSecret, RedirectUri = OAuthServer.DefaultRedirectUri,
        Scope = "offline_access accounting.transactions accounting.settings.read", ClientAuthentication = ClientAuthentication.Basic, Pkce = true,
        RefreshTokenDays = 60, TimeoutSeconds = timeoutSeconds, TransientRetries = transientRetries, BackoffSeconds = 0.05,
        RequestsPerWindow = perWindow, WindowSeconds = windowSeconds, MaxRateLimitWaitSeconds = 120, ConcurrentRequests = concurrent,
    };

    /// <summary>The client completed Xero's consent: PosSync stores the token pair.</summary>
    public static async Task ConnectAsync(SandboxHost sandbox, ConnectionStore connections, string consumerId)
    {
        var token = sandbox.Xero.OAuth.IssueFor(Account, "offline_access", "accounting.transactions", "accounting.settings.read");
        await connections.SaveAsync(
            consumerId, ConnectionStore.Accounting, "xero", token.AccessToken, token.RefreshToken,
            token.ExpiresAt.UtcDateTime, null, CancellationToken.None);
    }

    /// <summary>
    /// CFG-A booked into Xero: sales to 201/202/203, settlements to clearing accounts, VAT rates to Xero tax types and
    /// the VAT account 820.
    /// </summary>
    public static JsonObject Configure(JsonObject c)
    {
        VendorWorld.Configure(c, "xero");
        var mappings = c["mappings"]!.AsObject();
        foreach (var (id, account) in mappings["payment_methods"]!.AsObject().ToList())
            mappings["payment_methods"]![id] = account!.GetValue<string>() == "530000" ? "612" : "611";
        foreach (var (id, account) in mappings["categories"]!.AsObject().ToList())
            mappings["categories"]![id] = account!.GetValue<string>() switch { "706100" => "201", "706200" => "202", _ => "203" };
        mappings["vat_rates"] = new JsonObject
        {
            ["20"] = new JsonObject { ["code"] = "OUTPUT2", ["account"] = "820" },
            ["10"] = new JsonObject { ["code"] = "TAX001", ["account"] = "820" },
            ["5"] = new JsonObject { ["code"] = "RROUTPUT", ["account"] = "820" },
            ["0"] = new JsonObject { ["code"] = "ZERORATEDOUTPUT", ["account"] = null },
        };
        mappings["tips"] = "825";
        mappings["rounding"] = new JsonObject { ["debit"] = "861", ["credit"] = "862" };
        mappings["difference"] = new JsonObject { ["debit"] = "861", ["credit"] = "862" };
        c["settings"]!["currency"] = "GBP";
        return c;
    }
}
