using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using PosSync.Connectors.Recording;
using PosSync.Storage.Stores;

namespace PosSync.Connectors.Http;

/// <summary>
/// The access token of one connection, refreshed through the vendor's OAuth token endpoint when it
/// expires or is refused. Refresh tokens may be single-use (Lightspeed) or rotating (Pennylane):
/// each new pair is stored, by compare-and-swap, before it is used; a refresh that loses the race
/// picks up the pair the winner stored. Refreshes of one connection are serialised in the process.
/// </summary>
public sealed class OAuthTokens(
    ConnectionStore store,
    IHttpClientFactory http,
    RequestRecorder recorder,
    TimeProvider clock)
{
    private static readonly TimeSpan EarlyRefresh = TimeSpan.FromSeconds(30);
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Locks = new(StringComparer.Ordinal);

    public async Task<TokenResult> CurrentAsync(ConnectorContext context, string role, string connector, VendorEndpointOptions vendor,
        CancellationToken cancellationToken)
    {
        var credentials = await store.GetAsync(context.ConsumerId, role, cancellationToken);
        if (credentials is null || credentials.Connector != connector) return TokenResult.Fail(NotConnected(role, connector));
        if (!IsExpiring(credentials)) return TokenResult.Ok(credentials.AccessToken);
        return await RefreshAsync(context, role, connector, vendor, credentials.AccessToken, cancellationToken);
    }

    /// <summary>
    /// Completes a client's OAuth consent: exchanges the authorisation code for a token pair and
    /// stores it for the connection. The redirect URI is the one the consent page was opened with
    /// (RFC 6749 section 4.1.3) and the verifier the PKCE secret behind its challenge. The code and
    /// the pair are secrets; only the call is recorded.
    /// </summary>
    public async Task<ConnectorFailure?> ExchangeCodeAsync(ConnectorContext context, string role, string connector, VendorEndpointOptions vendor,
        string code, string? codeVerifier, CancellationToken cancellationToken)
    {
        var form = new Dictionary<string, string> { ["grant_type"] = "authorization_code", ["code"] = code };
        if (vendor.RedirectUri is { } redirectUri) form["redirect_uri"] = redirectUri;
        if (codeVerifier is not null) form["code_verifier"] = codeVerifier;
        var answer = await PostAsync(context, connector, vendor, "oauth-authorize", form, cancellationToken);
        if (answer.Unreachable is { } unreachable) return Failure(role, FailureKind.Unavailable,
            $"The {connector} token endpoint did not answer: {unreachable}");
        if (!answer.Succeeded) return Failure(role, FailureKind.Auth,
            $"{connector} refused the authorisation code ({answer.Status}: {answer.Error}).");
        if (TokenGrant.Parse(answer.Body, Now) is not { } grant) return Failure(role, FailureKind.InvalidData,
            $"The {connector} token endpoint answered without an access token.");
        await store.SaveAsync(context.ConsumerId, role, connector, grant.AccessToken, grant.RefreshToken, grant.ExpiresAt, grant.Scope,
            cancellationToken,
            RefreshExpiry(grant.RefreshLife, vendor));
        return null;
    }

    /// <summary>The access token stored right now, without refreshing it (after a 401: has someone else rotated it?).</summary>
    public async Task<string?> StoredAsync(ConnectorContext context, string role, CancellationToken cancellationToken) =>
        (await store.GetAsync(context.ConsumerId, role, cancellationToken))?.AccessToken;

    /// <summary>Refreshes unless someone already replaced <paramref name="rejected"/>; a connection without a refresh token cannot.</summary>
    public async Task<TokenResult> RefreshAsync(ConnectorContext context, string role, string connector, VendorEndpointOptions vendor,
        string rejected, CancellationToken cancellationToken)
    {
        var gate = Locks.GetOrAdd($"{context.ConsumerId}/{role}", _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            var current = await store.GetAsync(context.ConsumerId, role, cancellationToken);
            if (current is null) return TokenResult.Fail(NotConnected(role, connector));
            // Someone refreshed while this caller waited: their pair is the one to use.
            if (current.AccessToken != rejected) return TokenResult.Ok(current.AccessToken);
            if (current.RefreshToken is null)
                return TokenResult.Fail(Failure(role, FailureKind.Auth,
                    $"The {connector} token was refused and this connection has no refresh token."));
            return await ExchangeAsync(context, role, connector, vendor, current, cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<TokenResult> ExchangeAsync(ConnectorContext context, string role, string connector, VendorEndpointOptions vendor,
        ConnectionCredentials current, CancellationToken cancellationToken)
    {
        var form = new Dictionary<string, string> { ["grant_type"] = "refresh_token", ["refresh_token"] = current.RefreshToken! };
        var answer = await PostAsync(context, connector, vendor, "oauth-refresh", form, cancellationToken);
        if (answer.Unreachable is { } unreachable)
            return TokenResult.Fail(Failure(role, FailureKind.Unavailable, $"The {connector} token endpoint did not answer: {unreachable}"));
        if (answer.Status >= 500 || answer.Status == (int)HttpStatusCode.TooManyRequests)
            return TokenResult.Fail(Failure(role, FailureKind.Unavailable, $"The {connector} token endpoint answered {answer.Status}."));
        if (!answer.Succeeded)
            return await LostRaceOrRejectedAsync(context, role, connector, current, answer.Error, cancellationToken);

        if (TokenGrant.Parse(answer.Body, Now) is not { } grant)
            return TokenResult.Fail(Failure(role, FailureKind.InvalidData, $"The {connector} token endpoint answered without an access token."));
        // The new pair is stored before it is used: the old refresh token is already spent. A vendor
        // that keeps the refresh token (Square's code flow) answers without one, or with the same.
        var refreshExpires = grant.RefreshToken is null ? current.RefreshExpiresAt : RefreshExpiry(grant.RefreshLife, vendor);
        if (await store.RotateAsync(current, grant.AccessToken, grant.RefreshToken ?? current.RefreshToken, grant.ExpiresAt, grant.Scope,
                cancellationToken, refreshExpires))
            return TokenResult.Ok(grant.AccessToken);
        var newer = await store.GetAsync(context.ConsumerId, role, cancellationToken);
        return newer is null ? TokenResult.Fail(NotConnected(role, connector)) : TokenResult.Ok(newer.AccessToken);
    }

    private sealed record TokenAnswer(int Status, string Body, string? Error, string? Unreachable)
    {
        public bool Succeeded => Unreachable is null && Status is >= 200 and < 300;
    }

    /// <summary>
    /// One call to the token endpoint, the client authenticated as the vendor documents it (HTTP
    /// Basic for Lightspeed, form fields for others), recorded without its secrets.
    /// </summary>
    private async Task<TokenAnswer> PostAsync(ConnectorContext context, string connector, VendorEndpointOptions vendor, string operation,
        Dictionary<string, string> form, CancellationToken cancellationToken)
    {
        var url = vendor.Url(vendor.TokenPath);
        using var request = new HttpRequestMessage(HttpMethod.Post, url);
        // The vendor's headers go on its token calls too: Square's Square-Version pins every call, ObtainToken included.
        foreach (var (name, value) in vendor.Headers) request.Headers.TryAddWithoutValidation(name, value);
        if (vendor.ClientAuthentication == ClientAuthentication.Basic && vendor.ClientId is not null)
        {
            // As Lightspeed documents it: base64 of client_id:client_secret, the parts as they are.
            var pair = $"{vendor.ClientId}:{vendor.ClientSecret ?? ""}";
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(pair)));
        }
        else
        {
            if (vendor.ClientId is not null) form["client_id"] = vendor.ClientId;
            if (vendor.ClientSecret is not null) form["client_secret"] = vendor.ClientSecret;
        }
        // RFC 6749 says form-encoded; Square's token endpoint takes the same fields as a JSON object.
        request.Content = vendor.TokenRequest == TokenRequestFormat.Json
            ? System.Net.Http.Json.JsonContent.Create(form)
            : new FormUrlEncodedContent(form);
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(vendor.TimeoutSeconds));
            using var response = await http.CreateClient(connector).SendAsync(request, timeout.Token);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            var error = response.IsSuccessStatusCode ? null : VendorMessage.From(body);
            await recorder.RecordAsync(context, connector, operation, "POST", url.ToString(), (int)response.StatusCode,
                Stopwatch.GetElapsedTime(started), error, CancellationToken.None);
            return new TokenAnswer((int)response.StatusCode, body, error, null);
        }
        catch (Exception e) when (e is HttpRequestException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            await recorder.RecordAsync(context, connector, operation, "POST", url.ToString(), null, Stopwatch.GetElapsedTime(started),
                e.Message, CancellationToken.None);
            return new TokenAnswer(0, "", null, e.Message);
        }
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>
    /// When a refresh token dies unused: as the answer says when it says (never, or an instant),
    /// otherwise the lifetime the vendor documents, if any.
    /// </summary>
    private DateTime? RefreshExpiry(RefreshTokenLife life, VendorEndpointOptions vendor) =>
        life.Stated ? life.ExpiresAt : vendor.RefreshTokenDays is { } days ? Now.AddDays(days) : null;

    /// <summary>
    /// Refreshes the stored pair now, whatever its access token's expiry, so an idle connection's
    /// refresh token is replaced before it dies unused.
    /// </summary>
    public async Task<TokenResult> RenewAsync(ConnectorContext context, string role, string connector, VendorEndpointOptions vendor,
        CancellationToken cancellationToken)
    {
        var current = await store.GetAsync(context.ConsumerId, role, cancellationToken);
        return current is null
            ? TokenResult.Fail(NotConnected(role, connector))
            : await RefreshAsync(context, role, connector, vendor, current.AccessToken, cancellationToken);
    }

    /// <summary>
    /// invalid_grant after another process used the same single-use refresh token: its new pair
    /// lands in the store a moment later. Only when it never does is the connection really dead.
    /// </summary>
    private async Task<TokenResult> LostRaceOrRejectedAsync(ConnectorContext context, string role, string connector, ConnectionCredentials current,
        string? error, CancellationToken cancellationToken)
    {
        for (var look = 0; look < 6; look++)
        {
            var latest = await store.GetAsync(context.ConsumerId, role, cancellationToken);
            if (latest is not null && latest.Version != current.Version) return TokenResult.Ok(latest.AccessToken);
            await Task.Delay(TimeSpan.FromMilliseconds(250), clock, cancellationToken);
        }
        return TokenResult.Fail(Failure(role, FailureKind.Auth, $"The {connector} refresh token was refused ({error ?? "no reason given"})."));
    }

    private bool IsExpiring(ConnectionCredentials credentials) =>
        credentials.ExpiresAt is { } expires && DateTime.SpecifyKind(expires, DateTimeKind.Utc) - EarlyRefresh <= clock.GetUtcNow().UtcDateTime;

    private static ConnectorFailure NotConnected(string role, string connector) =>
        Failure(role, FailureKind.Auth, $"No {connector} credentials are stored for this consumer: the client must connect {connector} first.");

    private static ConnectorFailure Failure(string role, FailureKind kind, string message) =>
        role == ConnectionStore.Pos ? ConnectorFailure.Pos(kind, message) : ConnectorFailure.Accounting(kind, message);
}
