using System.Net;

namespace PosSync.Sandbox;

/// <summary>
/// The client's browser on a sandbox's consent page: logged in as one account, it opens the
/// consent address PosSync printed and returns the address it is sent back to (code and state),
/// which is what the client pastes into possync connect.
/// </summary>
public static class SandboxBrowser
{
    public static async Task<string> GrantAsync(Uri consentUrl, string account, CancellationToken cancellationToken = default)
    {
        using var handler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false };
        using var browser = new HttpClient(handler);
        using var request = new HttpRequestMessage(HttpMethod.Get, consentUrl);
        request.Headers.Add("Cookie", $"{OAuthServer.LoginCookie}={Uri.EscapeDataString(account)}");
        using var response = await browser.SendAsync(request, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Redirect || response.Headers.Location is not { } landed)
            throw new InvalidOperationException(
                $"the consent page answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        return landed.ToString();
    }
}
