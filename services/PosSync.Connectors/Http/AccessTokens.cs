using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using PosSync.Connectors.Recording;
using PosSync.Storage.Stores;

namespace PosSync.Connectors.Http;

/// <summary>A usable access token, or why there is none (the connection must be reconnected, or the vendor is down).</summary>
public sealed record TokenResult(string? AccessToken, ConnectorFailure? Failure)
{
    public static TokenResult Ok(string token) => new(token, null);
    public static TokenResult Fail(ConnectorFailure failure) => new(null, failure);
}

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

    public async Task<TokenResult> CurrentAsync(ConnectorContext context, string role, string connector, VendorEndpointOptions vendor, CancellationToken cancellationToken)
    {
        var credentials = await store.GetAsync(context.ConsumerId, role, cancellationToken);
        if (credentials is null || credentials.Connector != connector) return TokenResult.Fail(NotConnected(role, connector));
        if (!IsExpiring(credentials)) return TokenResult.Ok(credentials.AccessToken);
        return await RefreshAsync(context, role, connector, vendor, credentials.AccessToken, cancellationToken);
    }

    /// <summary>
    /// Completes a client's OAuth consent: exchanges the authorisation code for a token pair and
    /// stores it for the connection. The code and the pair are secrets; only the call is recorded.
    /// </summary>
    public async Task<ConnectorFailure?> ExchangeCodeAsync(ConnectorContext context, string role, string connector, VendorEndpointOptions vendor,
        string code, string? redirectUri, CancellationToken cancellationToken)
    {
        var form = new Dictionary<string, string> { ["grant_type"] = "authorization_code", ["code"] = code };
        if (redirectUri is not null) form["redirect_uri"] = redirectUri;
        if (vendor.ClientId is not null) form["client_id"] = vendor.ClientId;
        if (vendor.ClientSecret is not null) form["client_secret"] = vendor.ClientSecret;
        var url = vendor.Url(vendor.TokenPath);
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(vendor.TimeoutSeconds));
            using var response = await http.CreateClient(connector).PostAsync(url, new FormUrlEncodedContent(form), timeout.Token);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            var error = response.IsSuccessStatusCode ? null : VendorMessage.From(body);
            await recorder.RecordAsync(context, connector, "oauth-authorize", "POST", url.ToString(), (int)response.StatusCode, Stopwatch.GetElapsedTime(started), error, CancellationToken.None);
            if (!response.IsSuccessStatusCode) return Failure(role, FailureKind.Auth, $"{connector} refused the authorisation code ({(int)response.StatusCode}: {error}).");
            if (Parse(body) is not { } pair) return Failure(role, FailureKind.InvalidData, $"The {connector} token endpoint answered without an access token.");
            var expires = pair.ExpiresIn is { } seconds ? clock.GetUtcNow().UtcDateTime.AddSeconds(seconds) : (DateTime?)null;
            await store.SaveAsync(context.ConsumerId, role, connector, pair.Access, pair.Refresh, expires, pair.Scope, cancellationToken);
            return null;
        }
        catch (Exception e) when (e is HttpRequestException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            await recorder.RecordAsync(context, connector, "oauth-authorize", "POST", url.ToString(), null, Stopwatch.GetElapsedTime(started), e.Message, CancellationToken.None);
            return Failure(role, FailureKind.Unavailable, $"The {connector} token endpoint did not answer: {e.Message}");
        }
    }

    /// <summary>The access token stored right now, without refreshing it (after a 401: has someone else rotated it?).</summary>
    public async Task<string?> StoredAsync(ConnectorContext context, string role, CancellationToken cancellationToken) =>
        (await store.GetAsync(context.ConsumerId, role, cancellationToken))?.AccessToken;

    /// <summary>Refreshes unless someone already replaced <paramref name="rejected"/>; a connection without a refresh token cannot.</summary>
    public async Task<TokenResult> RefreshAsync(ConnectorContext context, string role, string connector, VendorEndpointOptions vendor, string rejected, CancellationToken cancellationToken)
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
                return TokenResult.Fail(Failure(role, FailureKind.Auth, $"The {connector} token was refused and this connection has no refresh token."));
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
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["refresh_token"] = current.RefreshToken!,
        };
        if (vendor.ClientId is not null) form["client_id"] = vendor.ClientId;
        if (vendor.ClientSecret is not null) form["client_secret"] = vendor.ClientSecret;
        var url = vendor.Url(vendor.TokenPath);

        HttpResponseMessage response;
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(vendor.TimeoutSeconds));
            response = await http.CreateClient(connector).PostAsync(url, new FormUrlEncodedContent(form), timeout.Token);
        }
        catch (Exception e) when (e is HttpRequestException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            await recorder.RecordAsync(context, connector, "oauth-refresh", "POST", url.ToString(), null, Stopwatch.GetElapsedTime(started), e.Message, CancellationToken.None);
            return TokenResult.Fail(Failure(role, FailureKind.Unavailable, $"The {connector} token endpoint did not answer: {e.Message}"));
        }
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            var error = response.IsSuccessStatusCode ? null : VendorMessage.From(body);
            await recorder.RecordAsync(context, connector, "oauth-refresh", "POST", url.ToString(), (int)response.StatusCode, Stopwatch.GetElapsedTime(started), error, CancellationToken.None);

            if ((int)response.StatusCode >= 500 || response.StatusCode == HttpStatusCode.TooManyRequests)
                return TokenResult.Fail(Failure(role, FailureKind.Unavailable, $"The {connector} token endpoint answered {(int)response.StatusCode}."));
            if (!response.IsSuccessStatusCode)
                return await LostRaceOrRejectedAsync(context, role, connector, current, error, cancellationToken);

            var pair = Parse(body);
            if (pair is null)
                return TokenResult.Fail(Failure(role, FailureKind.InvalidData, $"The {connector} token endpoint answered without an access token."));
            var expires = pair.Value.ExpiresIn is { } seconds ? clock.GetUtcNow().UtcDateTime.AddSeconds(seconds) : (DateTime?)null;
            // The new pair is stored before it is used: the old refresh token is already spent.
            if (await store.RotateAsync(current, pair.Value.Access, pair.Value.Refresh ?? current.RefreshToken, expires, pair.Value.Scope, cancellationToken))
                return TokenResult.Ok(pair.Value.Access);
            var newer = await store.GetAsync(context.ConsumerId, role, cancellationToken);
            return newer is null ? TokenResult.Fail(NotConnected(role, connector)) : TokenResult.Ok(newer.AccessToken);
        }
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

    private static (string Access, string? Refresh, int? ExpiresIn, string? Scope)? Parse(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            if (!root.TryGetProperty("access_token", out var access) || access.ValueKind != JsonValueKind.String) return null;
            string? Text(string name) => root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            int? expiresIn = root.TryGetProperty("expires_in", out var e) && e.TryGetInt32(out var s) ? s : null;
            return (access.GetString()!, Text("refresh_token"), expiresIn, Text("scope"));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static ConnectorFailure NotConnected(string role, string connector) =>
        Failure(role, FailureKind.Auth, $"No {connector} credentials are stored for this consumer: the client must connect {connector} first.");

    private static ConnectorFailure Failure(string role, FailureKind kind, string message) =>
        role == ConnectionStore.Pos ? ConnectorFailure.Pos(kind, message) : ConnectorFailure.Accounting(kind, message);
}
