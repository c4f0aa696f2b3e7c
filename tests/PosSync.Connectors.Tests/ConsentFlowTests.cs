using System.Web;
using PosSync.Connectors.Http;
using PosSync.Sandbox;
using PosSync.Sandbox.Lightspeed;
using PosSync.Storage.Stores;
using PosSync.Testing;

namespace PosSync.Connectors.Tests;

/// <summary>A client's OAuth consent, from the link PosSync makes to the stored pair, over the sandboxes.</summary>
public class ConsentFlowTests
{
    private const string Consumer = "c-brasserie";

    private static string Replace(string url, string name, string value)
    {
        var uri = new UriBuilder(url);
        var query = HttpUtility.ParseQueryString(uri.Query);
        query[name] = value;
        uri.Query = query.ToString();
        return uri.Uri.ToString();
    }

    [Test]
    public async Task A_consent_completed_in_the_browser_stores_a_working_pair_authenticated_as_Lightspeed_documents()
    {
        await using var rig = await ConnectorRig.StartAsync();
        var vendor = rig.Vendors.Options().Lightspeed;
        var flow = rig.Get<ConsentFlow>();
        var consent = flow.Begin(Consumer, ConnectionStore.Pos, vendor);

        var landed = await SandboxBrowser.GrantAsync(consent.Url, VendorWorld.Account);
        var answer = flow.Read(landed, Consumer, ConnectionStore.Pos, consent, vendor);
        var failure = await rig.Get<OAuthTokens>().ExchangeCodeAsync(
            rig.Context, ConnectionStore.Pos, "lightspeed", vendor, answer.Code!, answer.CodeVerifier,
            CancellationToken.None);

        Assert.That(answer.Problem, Is.Null);
        Assert.That(failure, Is.Null, failure?.Message);
        var query = HttpUtility.ParseQueryString(consent.Url.Query);
        Assert.That((query["response_type"], query["client_id"], query["redirect_uri"], query["scope"]),
            Is.EqualTo(("code", vendor.ClientId, OAuthServer.DefaultRedirectUri, "financial-api")));
        var exchange = rig.Vendors.Sandbox.Journal.All(LightspeedSandbox.Vendor).Last(r => r.Path.StartsWith("/lightspeed/oauth/token"));
        Assert.That(exchange.Headers["Authorization"], Does.StartWith("Basic "), "Lightspeed: client id and secret as HTTP Basic");
        var stored = await rig.Connections.GetAsync(Consumer, ConnectionStore.Pos, CancellationToken.None);
        Assert.That(rig.Vendors.Sandbox.Lightspeed.OAuth.IsLive(stored!.RefreshToken!), Is.True);
    }

    [Test]
    public async Task With_PKCE_the_verifier_derived_from_the_state_satisfies_the_challenge()
    {
        await using var rig = await ConnectorRig.StartAsync();
        var vendor = rig.Vendors.Options().Lightspeed;
        vendor.Pkce = true;
        var flow = rig.Get<ConsentFlow>();
        var consent = flow.Begin(Consumer, ConnectionStore.Pos, vendor);

        var answer = flow.Read(await SandboxBrowser.GrantAsync(consent.Url, VendorWorld.Account), Consumer, ConnectionStore.Pos, consent, vendor);
        var failure = await rig.Get<OAuthTokens>().ExchangeCodeAsync(
            rig.Context, ConnectionStore.Pos, "lightspeed", vendor, answer.Code!, answer.CodeVerifier,
            CancellationToken.None);

        Assert.That(HttpUtility.ParseQueryString(consent.Url.Query)["code_challenge_method"], Is.EqualTo("S256"));
        Assert.That(failure, Is.Null, failure?.Message);
    }

    [Test]
    public async Task A_bare_code_belongs_to_the_consent_this_session_opened()
    {
        await using var rig = await ConnectorRig.StartAsync();
        var vendor = rig.Vendors.Options().Lightspeed;
        var flow = rig.Get<ConsentFlow>();
        var consent = flow.Begin(Consumer, ConnectionStore.Pos, vendor);
        var code = HttpUtility.ParseQueryString(new Uri(await SandboxBrowser.GrantAsync(consent.Url, VendorWorld.Account)).Query)["code"]!;

        var answer = flow.Read($"  {code}\n", Consumer, ConnectionStore.Pos, consent, vendor);

        Assert.That((answer.Code, answer.Problem), Is.EqualTo((code, (string?)null)));
    }

    [TestCase("state", "tampered", "does not match", TestName = "A tampered state is refused")]
    [TestCase("error", "access_denied", "consent was not given: access_denied", TestName = "A consent the client declined says so")]
    [TestCase("code", "", "has no code", TestName = "An address without its code is refused")]
    public async Task What_comes_back_from_the_browser_is_checked(string field, string value, string expected)
    {
        await using var rig = await ConnectorRig.StartAsync();
        var vendor = rig.Vendors.Options().Lightspeed;
        var flow = rig.Get<ConsentFlow>();
        var consent = flow.Begin(Consumer, ConnectionStore.Pos, vendor);
        var landed = await SandboxBrowser.GrantAsync(consent.Url, VendorWorld.Account);

        var answer = flow.Read(Replace(landed, field, value), Consumer, ConnectionStore.Pos, consent, vendor);

        Assert.That(answer.Problem, Does.Contain(expected));
        Assert.That(answer.Code, Is.Null);
    }

    [Test]
    public void A_state_made_for_another_consumer_or_role_is_refused()
    {
        var flow = new ConsentFlow(new Storage.SecretProtector(Storage.SecretProtector.NewKey()), TimeProvider.System);
        var vendor = new VendorEndpointOptions
        {
            BaseUrl = "https://pos.example",
            ClientId = "id",
            RedirectUri = OAuthServer.DefaultRedirectUri,
            Scope = "financial-api"
        };
        var forOther = flow.Begin("c-other", ConnectionStore.Pos, vendor);
        var forAccounting = flow.Begin(Consumer, ConnectionStore.Accounting, vendor);
        string Landed(ConsentRequest c) => $"{OAuthServer.DefaultRedirectUri}?code=x&state={Uri.EscapeDataString(c.State)}";

        Assert.That(flow.Read(Landed(forOther), Consumer, ConnectionStore.Pos, forOther, vendor).Problem, Does.Contain("does not match"));
        Assert.That(flow.Read(Landed(forAccounting), Consumer, ConnectionStore.Pos, forAccounting, vendor).Problem, Does.Contain("does not match"));
    }

    [Test]
    public void A_consent_older_than_its_lifetime_is_refused()
    {
        var clock = new FixedClock(new DateTimeOffset(2026, 11, 30, 10, 0, 0, TimeSpan.Zero));
        var flow = new ConsentFlow(new Storage.SecretProtector(Storage.SecretProtector.NewKey()), clock);
        var vendor = new VendorEndpointOptions
        {
            BaseUrl = "https://pos.example",
            ClientId = "id",
            RedirectUri = OAuthServer.DefaultRedirectUri,
            Scope = "financial-api"
        };
        var consent = flow.Begin(Consumer, ConnectionStore.Pos, vendor);
        clock.Now += ConsentFlow.Lifetime;

        var answer = flow.Read(
            $"{OAuthServer.DefaultRedirectUri}?code=x&state={Uri.EscapeDataString(consent.State)}",
            Consumer,
            ConnectionStore.Pos,
            consent,
            vendor);

        Assert.That(answer.Problem, Does.Contain("expired"));
    }

    [TestCase(null, "https://cb.example", "financial-api", "ClientId is not set")]
    [TestCase("id", null, "financial-api", "RedirectUri must be")]
    [TestCase("id", "not a url", "financial-api", "RedirectUri must be")]
    [TestCase("id", "https://cb.example", "", "Scope is empty")]
    public void A_consent_cannot_start_without_its_settings(string? clientId, string? redirect, string scope, string expected)
    {
        var vendor = new VendorEndpointOptions { ClientId = clientId, RedirectUri = redirect, Scope = scope };

        Assert.That(ConsentFlow.Problem("Lightspeed", vendor), Does.StartWith("Vendors:Lightspeed:").And.Contain(expected));
    }
}
