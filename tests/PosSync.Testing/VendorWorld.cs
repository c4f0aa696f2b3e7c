using PosSync.Connectors.Http;
using PosSync.Contracts;
using PosSync.Sandbox;
using PosSync.Sandbox.Lightspeed;
using PosSync.Sandbox.Square;
using PosSync.Storage.Stores;

namespace PosSync.Testing;

/// <summary>
/// The vendor sandboxes on loopback, set up for CFG-A's brasserie: a Lightspeed business with two
/// locations (blID 1001 and 1002) and a Pennylane company with journal CA and every mapped account;
/// and two Square sellers: a London pub (GBP, VAT inside prices) and a Brooklyn deli (USD, New York
/// state and city sales taxes added at the till), each with its catalog.
/// </summary>
public sealed class VendorWorld : IAsyncDisposable
{
    public const string Account = "acct-brasserie";
    public const string Centre = "1001";
    public const string Gare = "1002";

    public const string SquareLondonMerchant = "MLSQLONDON01";
    public const string SquareBrooklynMerchant = "MLSQBROOKLYN1";
    public const string London = "LSQSOHO01";
    public const string Brooklyn = "LSQBROOKLYN01";
    public static readonly SquareLocation SohoPub = new(London, "Soho", "Europe/London", "GB", "GBP");
    public static readonly SquareLocation BrooklynDeli = new(Brooklyn, "Brooklyn", "America/New_York", "US", "USD");

    private VendorWorld(SandboxHost sandbox) => Sandbox = sandbox;

    public SandboxHost Sandbox { get; }

    public static readonly string[] MappedAccounts =
        [
            "511200", "530000", "511300", "419100", "706100", "706200", "707000", "445711", "445712", "445713",
            "467100", "709700", "623400", "658100", "758100", "658000", "758000", "471000"];

    /// <param name="clock">The sandboxes' time, when a test moves PosSync's: both must agree on tokens and rate-limit resets.</param>
    public static async Task<VendorWorld> StartAsync(TimeProvider? clock = null)
    {
        var sandbox = await SandboxHost.StartAsync(clock: clock);
        sandbox.Lightspeed.AddBusiness(Account, "Brasserie Centrale", (Centre, "Centre", "Europe/Paris"), (Gare, "Gare", "Europe/Paris"));
        sandbox.Pennylane.AddCompany(Account, "Brasserie Centrale SAS");
        sandbox.Pennylane.AddJournal(Account, "CA", "Caisse");
        sandbox.Pennylane.AddAccounts(Account, MappedAccounts);
        SeedSquare(sandbox.Square);
        return new VendorWorld(sandbox);
    }

    /// <summary>
    /// The pub sells food and drinks at 20 % VAT (soup and burger sit in a menu category too, which
    /// is not the accounting one); the deli adds New York's 4 % state and 4.875 % city sales taxes.
    /// </summary>
    private static void SeedSquare(SquareSandbox square)
    {
        square.AddMerchant(SquareLondonMerchant, "The Soho Arms Ltd", "GBP");
        square.AddLocation(SquareLondonMerchant, SohoPub);
        var pub = square.Catalog(SquareLondonMerchant);
        pub.AddTax("tax-vat20", "VAT 20%", "20", additive: false);
        pub.AddTax("tax-vat0", "Zero rated", "0", additive: false);
        pub.AddCategory("cat-food", "Food");
        pub.AddCategory("cat-drinks", "Drinks");
        pub.AddCategory("menu-lunch", "Lunch menu", "MENU_CATEGORY");
        pub.AddItem("item-burger", "Burger", ["menu-lunch", "cat-food"], "cat-food", ("var-burger", "Regular", 1250));
        pub.AddItem("item-soup", "Soup of the day", ["menu-lunch", "cat-food"], null, ("var-soup", "Regular", 650));
        pub.AddItem("item-ale", "Pale ale", ["cat-drinks"], "cat-drinks", ("var-ale-pint", "Pint", 550), ("var-ale-half", "Half", 300));

        square.AddMerchant(SquareBrooklynMerchant, "Brooklyn Bagels LLC", "USD");
        square.AddLocation(SquareBrooklynMerchant, BrooklynDeli);
        var deli = square.Catalog(SquareBrooklynMerchant);
        deli.AddTax("tax-ny-state", "NY State", "4", additive: true);
        deli.AddTax("tax-nyc", "NYC", "4.875", additive: true);
        deli.AddCategory("cat-food", "Food");
        deli.AddItem("item-bagel", "Bagel", ["cat-food"], "cat-food", ("var-bagel", "Regular", 450));
    }

    /// <summary>PosSync's side: where the vendors are, as which OAuth client, with test-sized timeouts and backoffs.</summary>
    public VendorOptions Options(double timeoutSeconds = 2, int transientRetries = 2) => new()
    {
        Lightspeed = new LightspeedEndpointOptions
        {
            BaseUrl = Sandbox.LightspeedUrl, ClientId = Sandbox.Lightspeed.OAuth.ClientId, ClientSecret = Sandbox.Lightspeed.OAuth.ClientSecret,
            RedirectUri = OAuthServer.DefaultRedirectUri, Scope = "financial-api", ClientAuthentication = ClientAuthentication.Basic,
            TimeoutSeconds = timeoutSeconds, TransientRetries = transientRetries, BackoffSeconds = 0.05, RequestsPerWindow = 50, WindowSeconds = 1,
        },
        Pennylane = new VendorEndpointOptions
        {
            BaseUrl = Sandbox.PennylaneUrl, ClientId = Sandbox.Pennylane.OAuth.ClientId, ClientSecret = Sandbox.Pennylane.OAuth.ClientSecret,
            RedirectUri = OAuthServer.DefaultRedirectUri, Scope = "journals:readonly ledger_accounts:readonly ledger_entries:all",
            ClientAuthentication = ClientAuthentication.RequestBody,
            TimeoutSeconds = timeoutSeconds, TransientRetries = transientRetries, BackoffSeconds = 0.05, RequestsPerWindow = 25, WindowSeconds = 5,
            Headers = new(StringComparer.OrdinalIgnoreCase) { ["X-Use-2026-API-Changes"] = "true" },
        },
        Square = new VendorEndpointOptions
        {
            BaseUrl = Sandbox.SquareUrl, TokenPath = "/oauth2/token", AuthorizeUrl = "/oauth2/authorize",
            ClientId = Sandbox.Square.OAuth.ClientId, ClientSecret = Sandbox.Square.OAuth.ClientSecret, RedirectUri = OAuthServer.DefaultRedirectUri,
            Scope = string.Join(' ', SquareSandbox.PosSyncScopes),
            ClientAuthentication = ClientAuthentication.RequestBody, TokenRequest = TokenRequestFormat.Json,
            TimeoutSeconds = timeoutSeconds, TransientRetries = transientRetries, BackoffSeconds = 0.05, RequestsPerWindow = 50, WindowSeconds = 1,
            Headers = new(StringComparer.OrdinalIgnoreCase) { [VendorOptions.SquareVersionHeader] = VendorOptions.SquareVersion },
        },
    };

    /// <summary>
    /// CFG-A for Lightspeed → Pennylane: location ids are Lightspeed blIDs, the journal is Pennylane's
    /// code, and payment methods and categories are mapped by the int64 ids Lightspeed sends for them
    /// too, so a scenario's day books the same whether it is booked as written or read back from Lightspeed.
    /// </summary>
    public static System.Text.Json.Nodes.JsonObject Configure(System.Text.Json.Nodes.JsonObject c, string accounting = "pennylane")
    {
        foreach (var kind in new[] { "payment_methods", "categories" })
        {
            var mapped = c["mappings"]![kind]!.AsObject();
            foreach (var (id, account) in mapped.ToList()) mapped[LightspeedIds.Text(id)] = account?.DeepClone();
        }
        c["pos"]!["connector"] = "lightspeed";
        c["accounting"]!["connector"] = accounting;
        c["locations"]![0]!["id"] = Centre;
        c["locations"]![1]!["id"] = Gare;
        c["settings"]!["journal"] = "CA";
        return c;
    }

    /// <summary>The client completes both OAuth consents: PosSync stores each token pair.</summary>
    public async Task ConnectAsync(ConnectionStore connections, string consumerId, bool pennylane = true)
    {
        var pos = Sandbox.Lightspeed.OAuth.IssueFor(Account, "financial-api");
        await connections.SaveAsync(
            consumerId, ConnectionStore.Pos, "lightspeed", pos.AccessToken, pos.RefreshToken, pos.ExpiresAt.UtcDateTime,
            "financial-api", CancellationToken.None);
        if (!pennylane) return;
        var accounting = Sandbox.Pennylane.OAuth.IssueFor(Account, "journals:readonly", "ledger_accounts:readonly", "ledger_entries:all");
        await connections.SaveAsync(
            consumerId, ConnectionStore.Accounting, "pennylane", accounting.AccessToken, accounting.RefreshToken,
            accounting.ExpiresAt.UtcDateTime, null, CancellationToken.None);
    }

    public void AddDay(ServiceDay day, bool complete = true) => Sandbox.Lightspeed.AddDay(day, complete);

    /// <summary>The seller completes Square's consent for the consumer's POS connection: PosSync stores the pair.</summary>
    public async Task ConnectSquareAsync(ConnectionStore connections, string consumerId, string merchant, params string[] scopes)
    {
        var token = Sandbox.Square.OAuth.IssueFor(merchant, scopes.Length == 0 ? SquareSandbox.PosSyncScopes : scopes);
        await connections.SaveAsync(consumerId, ConnectionStore.Pos, "square", token.AccessToken, token.RefreshToken, token.ExpiresAt.UtcDateTime,
            string.Join(' ', token.Scopes), CancellationToken.None);
    }

    public ValueTask DisposeAsync() => Sandbox.DisposeAsync();
}
