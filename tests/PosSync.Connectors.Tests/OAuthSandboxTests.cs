using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Web;
using PosSync.Sandbox;
using PosSync.Testing;

namespace PosSync.Connectors.Tests;

/// <summary>
/// The sandboxes' authorisation servers refuse what the vendors refuse (docs/vendors/): a connector
/// that strays from the published contract fails against them. Plain HTTP, no PosSync code.
/// </summary>
public class OAuthSandboxTests
{
    private VendorWorld _vendors = null!;
    private HttpClient _http = null!;

    [SetUp]
    public async Task Start()
    {
        _vendors = await VendorWorld.StartAsync();
        _http = new HttpClient();
    }

    [TearDown]
    public async Task Stop()
    {
        _http.Dispose();
        await _vendors.DisposeAsync();
    }

    private OAuthServer Lightspeed => _vendors.Sandbox.Lightspeed.OAuth;
    private string LightspeedUrl(string path) => _vendors.Sandbox.LightspeedUrl + path;

    private string ConsentUrl(
        string redirect = OAuthServer.DefaultRedirectUri,
        string scope = "financial-api",
        string state = "s-1",
        string? challenge = null) =>
        LightspeedUrl("/oauth/authorize") + $"?response_type=code&client_id={Lightspeed.ClientId}&redirect_uri={Uri.EscapeDataString(redirect)}" +
        $"&scope={Uri.EscapeDataString(scope)}&state={state}" + (challenge is null ? "" : $"&code_challenge={challenge}&code_challenge_method=S256");

    private async Task<string> CodeAsync(string? challenge = null)
    {
        var landed = await SandboxBrowser.GrantAsync(new Uri(ConsentUrl(challenge: challenge)), VendorWorld.Account);
        return HttpUtility.ParseQueryString(new Uri(landed).Query)["code"]!;
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> TokenAsync(
        Dictionary<string, string> form,
        bool basic = true,
        string? secret = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, LightspeedUrl("/oauth/token")) { Content = new FormUrlEncodedContent(form) };
        if (basic)
            request.Headers.Authorization = new AuthenticationHeaderValue(
                "Basic",
                Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Lightspeed.ClientId}:{secret ?? Lightspeed.ClientSecret}")));
        using var response = await _http.SendAsync(request);
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    private static Dictionary<string, string> Exchange(string code, string? redirect = OAuthServer.DefaultRedirectUri)
    {
        var form = new Dictionary<string, string> { ["grant_type"] = "authorization_code", ["code"] = code };
        if (redirect is not null) form["redirect_uri"] = redirect;
        return form;
    }

    [Test]
    public async Task The_consent_page_sends_the_browser_back_with_a_code_and_the_clients_state()
    {
        var landed = new Uri(await SandboxBrowser.GrantAsync(new Uri(ConsentUrl(state: "abc123")), VendorWorld.Account));

        Assert.That(landed.GetLeftPart(UriPartial.Path), Is.EqualTo(OAuthServer.DefaultRedirectUri));
        Assert.That(HttpUtility.ParseQueryString(landed.Query)["state"], Is.EqualTo("abc123"));
        Assert.That(HttpUtility.ParseQueryString(landed.Query)["code"], Is.Not.Empty);
    }

    [Test]
    public async Task The_consent_page_never_redirects_to_an_unregistered_address()
    {
        using var handler = new HttpClientHandler { AllowAutoRedirect = false };
        using var browser = new HttpClient(handler);

        using var response = await browser.GetAsync(ConsentUrl(redirect: "https://evil.example/cb"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(response.Headers.Location, Is.Null);
    }

    [Test]
    public async Task An_unknown_scope_comes_back_as_invalid_scope()
    {
        var landed = await SandboxBrowser.GrantAsync(new Uri(ConsentUrl(scope: "financial-api everything")), VendorWorld.Account);

        Assert.That(HttpUtility.ParseQueryString(new Uri(landed).Query)["error"], Is.EqualTo("invalid_scope"));
    }

    [Test]
    public async Task Lightspeed_takes_client_credentials_only_as_HTTP_Basic()
    {
        var form = Exchange(await CodeAsync());
        form["client_id"] = Lightspeed.ClientId;
        form["client_secret"] = Lightspeed.ClientSecret;

        var (status, body) = await TokenAsync(form, basic: false);

        Assert.That(status, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(body.GetProperty("error").GetString(), Is.EqualTo("invalid_client"));
    }

    [Test]
    public async Task A_wrong_client_secret_is_invalid_client()
    {
        var (status, body) = await TokenAsync(Exchange(await CodeAsync()), secret: "not-the-secret");

        Assert.That(status, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(body.GetProperty("error").GetString(), Is.EqualTo("invalid_client"));
    }

    [TestCase(null, TestName = "A code exchange without redirect_uri is invalid_grant")]
    [TestCase("https://app.possync.example/other", TestName = "A code exchange with another redirect_uri is invalid_grant")]
    public async Task A_code_exchange_must_repeat_the_redirect_uri(string? redirect)
    {
        var (status, body) = await TokenAsync(Exchange(await CodeAsync(), redirect));

        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(body.GetProperty("error").GetString(), Is.EqualTo("invalid_grant"));
    }

    [Test]
    public async Task A_code_is_exchanged_once()
    {
        var code = await CodeAsync();
        var (first, answer) = await TokenAsync(Exchange(code));

        var (second, _) = await TokenAsync(Exchange(code));

        Assert.That(first, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(answer.TryGetProperty("refresh_expires_in", out _), Is.False, "a V1 answer lists expires_in only");
        Assert.That(second, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    [Test]
    public async Task A_PKCE_challenge_needs_its_verifier()
    {
        const string verifier = "a-verifier-of-at-least-forty-three-characters-long-000";
        var challenge = Convert.ToBase64String(
            System.Security.Cryptography.SHA256.HashData(Encoding.ASCII.GetBytes(verifier))).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var withoutVerifier = Exchange(await CodeAsync(challenge));
        var withVerifier = Exchange(await CodeAsync(challenge));
        withVerifier["code_verifier"] = verifier;

        Assert.That((await TokenAsync(withoutVerifier)).Status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await TokenAsync(withVerifier)).Status, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task A_refresh_token_is_single_use()
    {
        var (_, pair) = await TokenAsync(Exchange(await CodeAsync()));
        var refresh = new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["refresh_token"] = pair.GetProperty("refresh_token").GetString()!
        };

        var (first, _) = await TokenAsync(refresh);
        var (reused, body) = await TokenAsync(refresh);

        Assert.That(first, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(reused, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(body.GetProperty("error").GetString(), Is.EqualTo("invalid_grant"));
    }
}
