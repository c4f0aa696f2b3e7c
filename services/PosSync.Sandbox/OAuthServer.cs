using System.Security.Cryptography;

namespace PosSync.Sandbox;

/// <summary>A token the sandbox issued: whose account it opens, with which scopes, until when.</summary>
public sealed record IssuedToken(string AccessToken, string RefreshToken, string Account, IReadOnlySet<string> Scopes, DateTimeOffset ExpiresAt);

/// <summary>
/// A vendor's OAuth2 authorisation server as the vendors document it: codes exchanged for token
/// pairs, access tokens that expire, refresh tokens that are single-use (each refresh returns a
/// new pair and kills the old one), revocation (the next call gets 401) and scopes (a missing one gets 403).
/// </summary>
public sealed class OAuthServer(TimeProvider clock, TimeSpan accessLifetime)
{
    private readonly object _gate = new();
    private readonly Dictionary<string, (string Account, IReadOnlySet<string> Scopes)> _codes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IssuedToken> _byAccess = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IssuedToken> _byRefresh = new(StringComparer.Ordinal);
    private readonly List<IssuedToken> _everIssued = [];

    public TimeSpan AccessLifetime { get; set; } = accessLifetime;

    /// <summary>Pennylane: a refresh kills the whole previous pair. Lightspeed: the old access token lives until it expires.</summary>
    public bool RefreshRevokesOldAccessToken { get; set; }
    public string ClientId { get; set; } = "possync";
    public string ClientSecret { get; set; } = "sandbox-client-secret";

    /// <summary>What the vendor's consent screen hands back to PosSync after the client logs in.</summary>
    public string Authorize(string account, params string[] scopes)
    {
        var code = "code-" + Random(12);
        lock (_gate) _codes[code] = (account, scopes.ToHashSet(StringComparer.Ordinal));
        return code;
    }

    /// <summary>A pair issued directly, as after a completed authorisation (for tests and the demo).</summary>
    public IssuedToken IssueFor(string account, params string[] scopes)
    {
        lock (_gate) return Issue(account, scopes.ToHashSet(StringComparer.Ordinal));
    }

    public enum GrantError { None, InvalidClient, InvalidGrant, UnsupportedGrant }

    public (IssuedToken? Token, GrantError Error) Grant(IReadOnlyDictionary<string, string> form)
    {
        if (form.GetValueOrDefault("client_id") != ClientId || form.GetValueOrDefault("client_secret") != ClientSecret)
            return (null, GrantError.InvalidClient);
        lock (_gate)
        {
            switch (form.GetValueOrDefault("grant_type"))
            {
                case "authorization_code":
                    if (form.GetValueOrDefault("code") is not { } code || !_codes.Remove(code, out var grant)) return (null, GrantError.InvalidGrant);
                    return (Issue(grant.Account, grant.Scopes), GrantError.None);
                case "refresh_token":
                    // Single use: the old pair dies with this refresh; a second refresh with it fails.
                    if (form.GetValueOrDefault("refresh_token") is not { } refresh || !_byRefresh.Remove(refresh, out var old)) return (null, GrantError.InvalidGrant);
                    if (RefreshRevokesOldAccessToken) _byAccess.Remove(old.AccessToken);
                    return (Issue(old.Account, old.Scopes), GrantError.None);
                default:
                    return (null, GrantError.UnsupportedGrant);
            }
        }
    }

    public enum Check { Ok, Missing, Invalid, Expired, MissingScope }

    public (Check Result, IssuedToken? Token) Authenticate(string? authorization, string scope)
    {
        if (authorization is null || !authorization.StartsWith("Bearer ", StringComparison.Ordinal)) return (Check.Missing, null);
        lock (_gate)
        {
            if (!_byAccess.TryGetValue(authorization["Bearer ".Length..], out var token)) return (Check.Invalid, null);
            if (token.ExpiresAt <= clock.GetUtcNow()) return (Check.Expired, token);
            return token.Scopes.Contains(scope) ? (Check.Ok, token) : (Check.MissingScope, token);
        }
    }

    /// <summary>The client changed their password or revoked the app: every token of the account stops working.</summary>
    public void RevokeAll(string account)
    {
        lock (_gate)
        {
            foreach (var token in _byAccess.Values.Where(t => t.Account == account).ToList())
            {
                _byAccess.Remove(token.AccessToken);
                _byRefresh.Remove(token.RefreshToken);
            }
        }
    }

    /// <summary>Every secret the sandbox ever issued, so a test can prove none leaked into logs.</summary>
    public IReadOnlyList<string> SecretsEverIssued()
    {
        lock (_gate) return [.. _everIssued.SelectMany(t => new[] { t.AccessToken, t.RefreshToken }), ClientSecret];
    }

    /// <summary>Whether this refresh token can still be used: the newest of its chain, never spent.</summary>
    public bool IsLive(string refreshToken)
    {
        lock (_gate) return _byRefresh.ContainsKey(refreshToken);
    }

    public int TokensIssued
    {
        get { lock (_gate) return _everIssued.Count; }
    }

    private IssuedToken Issue(string account, IReadOnlySet<string> scopes)
    {
        var token = new IssuedToken("at-" + Random(24), "rt-" + Random(24), account, scopes, clock.GetUtcNow() + AccessLifetime);
        _byAccess[token.AccessToken] = token;
        _byRefresh[token.RefreshToken] = token;
        _everIssued.Add(token);
        return token;
    }

    private static string Random(int bytes) => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(bytes));
}
