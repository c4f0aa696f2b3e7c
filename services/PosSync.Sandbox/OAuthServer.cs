using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace PosSync.Sandbox;

/// <summary>
/// A vendor's OAuth2 authorisation server as the vendors document it: a consent page that sends the
/// browser back to a registered redirect URI with a code and the client's state, codes exchanged
/// once for token pairs (with the same redirect URI, RFC 6749 section 4.1.3, and the PKCE verifier
/// when a challenge was given), access tokens that expire, refresh tokens that are single-use (each
/// refresh returns a new pair and kills the old one) and may expire unused, revocation (the next
/// call gets 401) and scopes (a missing one gets 403).
/// </summary>
public sealed class OAuthServer(TimeProvider clock, TimeSpan accessLifetime)
{
    private readonly object _gate = new();
    /// <param name="RedirectSent">Whether the consent named its redirect URI: only then must the exchange repeat it.</param>
    private sealed record PendingCode(string Account, IReadOnlySet<string> Scopes, string RedirectUri, string? Challenge, DateTimeOffset ExpiresAt,
        bool RedirectSent = true);
    private readonly Dictionary<string, PendingCode> _codes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IssuedToken> _byAccess = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IssuedToken> _byRefresh = new(StringComparer.Ordinal);
    private readonly List<IssuedToken> _everIssued = [];
    private readonly HashSet<string> _revoked = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (IssuedToken Token, DateTimeOffset Until)> _superseded = new(StringComparer.Ordinal);

    /// <summary>How long a refresh token replaced by a refresh may still be used once more (Xero: 30 minutes, for a lost answer).</summary>
    public TimeSpan RefreshGrace { get; set; } = TimeSpan.Zero;

    public TimeSpan AccessLifetime { get; set; } = accessLifetime;

    /// <summary>Pennylane: a refresh kills the whole previous pair. Lightspeed: the old access token lives until it expires.</summary>
    public bool RefreshRevokesOldAccessToken { get; set; }

    /// <summary>
    /// Square's code flow: the refresh token is multi-use and never rotates; a refresh answers a new
    /// access token with the same refresh token, which keeps working.
    /// </summary>
    public bool RefreshTokenReusable { get; set; }

    /// <summary>Whether the consent page insists on response_type=code (RFC 6749); Square's documents no such parameter.</summary>
    public bool ResponseTypeRequired { get; set; } = true;

    /// <summary>
    /// Square: redirect_uri may be left out of the consent (the registered one is used), and then the
    /// exchange need not repeat it; when it is sent, the exchange must repeat it.
    /// </summary>
    public bool RedirectUriOptional { get; set; }
    public string ClientId { get; set; } = "possync";
    public string ClientSecret { get; set; } = "sandbox-client-secret";
    public ClientAuthenticationRule ClientAuthentication { get; set; } = ClientAuthenticationRule.BasicOnly;

    /// <summary>
    /// Whether a public client (PKCE, no secret: Xero's "Auth Code with PKCE" apps) may send only its client_id:
    /// a code then needs its code_verifier, and a refresh token proves the rest.
    /// </summary>
    public bool AllowsPublicClient { get; set; }

    /// <summary>The status of an invalid_client answer: 401 per RFC 6749 section 5.2; Xero answers 400.</summary>
    public int InvalidClientStatus { get; set; } = 401;

    /// <summary>The redirect URIs registered for PosSync's client; the consent page sends browsers nowhere else.</summary>
    public HashSet<string> RedirectUris { get; } = new(StringComparer.Ordinal) { DefaultRedirectUri };
    public const string DefaultRedirectUri = "https://app.possync.example/oauth/callback";

    /// <summary>The scopes the vendor knows; a consent asking for another is refused (invalid_scope).</summary>
    public HashSet<string> KnownScopes { get; } = new(StringComparer.Ordinal);

    /// <summary>Authorisation codes are short-lived (RFC 6749 section 4.1.2 recommends at most 10 minutes).</summary>
    public TimeSpan CodeLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long a refresh token lives unused (Lightspeed: 14 days), reported as refresh_expires_in; null: no limit.</summary>
    public TimeSpan? RefreshLifetime { get; set; }

    /// <summary>
    /// A session with a fixed end (an identity server's maximum session length): refreshing gives a
    /// new pair but never moves the end set at consent, so the client must consent again before it.
    /// </summary>
    public bool RefreshEndsWithConsent { get; set; }

    /// <summary>Whether token answers carry refresh_expires_in (Lightspeed's V2 clients do; its V1 page lists only expires_in).</summary>
    public bool SendsRefreshExpiresIn { get; set; } = true;

    /// <summary>The browser cookie the sandbox's consent page reads to know who is logged in (the sandbox has no login form).</summary>
    public const string LoginCookie = "sandbox_login";

    public abstract record ConsentResult;
    public sealed record Redirect(string Location) : ConsentResult;
    public sealed record Refused(int Status, string Message) : ConsentResult;

    /// <summary>
    /// The consent page: the logged-in user grants the asked scopes. A bad client or redirect URI is
    /// shown on the page (never redirected, RFC 6749 section 4.1.2.1); other problems go back to the
    /// client as error and error_description with its state.
    /// </summary>
    public ConsentResult Consent(IQueryCollection query, string? loggedIn)
    {
        var redirect = query["redirect_uri"].ToString();
        var redirectSent = redirect.Length > 0;
        if (!redirectSent && RedirectUriOptional) redirect = RedirectUris.First();
        if (query["client_id"].ToString() != ClientId) return new Refused(400, "Unknown client_id.");
        if (redirect.Length == 0 || !RedirectUris.Contains(redirect)) return new Refused(400,
            "redirect_uri is missing or not registered for this client.");
        var state = query["state"].ToString();
        string Back(string parameters) => redirect + (redirect.Contains('?') ? '&' : '?') + parameters
            + (state.Length > 0 ? "&state=" + Uri.EscapeDataString(state) : "");
        if (ResponseTypeRequired && query["response_type"].ToString() != "code") return new Redirect(Back("error=unsupported_response_type"));
        // Space-separated (RFC 6749); Square's examples also join them with '+', which a query may carry undecoded.
        var scopes = query["scope"].ToString().Split([' ', '+'], StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        if (scopes.Count == 0 || (KnownScopes.Count > 0 && !scopes.IsSubsetOf(KnownScopes)))
            return new Redirect(Back("error=invalid_scope&error_description=" + Uri.EscapeDataString("unknown or missing scope")));
        var challenge = query["code_challenge"].ToString();
        if (challenge.Length > 0 && query["code_challenge_method"].ToString() != "S256")
            return new Redirect(Back("error=invalid_request&error_description=" + Uri.EscapeDataString("code_challenge_method must be S256")));
        if (loggedIn is null) return new Refused(401, "Log in to grant access (the sandbox reads the sandbox_login cookie).");
        var code = "code-" + Random(12);
        lock (_gate) _codes[code] = new PendingCode(loggedIn, scopes, redirect, challenge.Length > 0 ? challenge : null,
            clock.GetUtcNow() + CodeLifetime, redirectSent);
        return new Redirect(Back("code=" + code));
    }

    /// <summary>A pair issued directly, as after a completed authorisation (for tests and the demo).</summary>
    public IssuedToken IssueFor(string account, params string[] scopes)
    {
        lock (_gate) return Issue(account, scopes.ToHashSet(StringComparer.Ordinal), null);
    }

    public enum GrantError { None, InvalidClient, InvalidGrant, UnsupportedGrant, RedirectUriMismatch }

    /// <summary>
    /// The token endpoint. <paramref name="parameters"/> holds the grant's fields (body or query, as the
    /// vendor documents them); <paramref name="authorization"/> the Authorization header, where HTTP
    /// Basic client authentication is read.
    /// </summary>
    public (IssuedToken? Token, GrantError Error, string Reason) Grant(IReadOnlyDictionary<string, string> parameters, string? authorization)
    {
        if (ClientProblem(parameters, authorization) is { } problem) return (null, GrantError.InvalidClient, problem);
        lock (_gate)
        {
            switch (parameters.GetValueOrDefault("grant_type"))
            {
                case "authorization_code":
                    if (parameters.GetValueOrDefault("code") is not { } code || !_codes.Remove(code, out var grant))
                        return (null, GrantError.InvalidGrant, "The authorization code is invalid or was already used");
                    if (grant.ExpiresAt <= clock.GetUtcNow()) return (null, GrantError.InvalidGrant, "The authorization code expired");
                    var repeated = parameters.GetValueOrDefault("redirect_uri");
                    if (repeated != grant.RedirectUri && (grant.RedirectSent || repeated is not null))
                        return (null, GrantError.RedirectUriMismatch, "redirect_uri does not match the one of the authorization request");
                    if (grant.Challenge is null && parameters.ContainsKey("code_verifier") && !parameters.ContainsKey("client_secret")
                        && authorization is null)
                        return (null, GrantError.InvalidGrant, "The authorization request had no code_challenge");
                    if (grant.Challenge is { } challenge && Challenge(parameters.GetValueOrDefault("code_verifier")) != challenge)
                        return (null, GrantError.InvalidGrant, "code_verifier does not match the code_challenge");
                    return (Issue(grant.Account, grant.Scopes, null), GrantError.None, "");
                case "refresh_token":
                    // Single use: the old pair dies with this refresh; a second refresh with it fails.
                    // Unless the vendor's refresh token is reusable (Square's code flow): it stays, unchanged.
                    var refresh = parameters.GetValueOrDefault("refresh_token");
                    if (refresh is null) return (null, GrantError.InvalidGrant, "The refresh token is invalid or was already used");
                    if (!(RefreshTokenReusable ? _byRefresh.TryGetValue(refresh, out var old) : _byRefresh.Remove(refresh, out old)))
                    {
                        // Within the grace a client that lost the answer may refresh with the replaced token again.
                        if (!_superseded.TryGetValue(refresh, out var replaced) || replaced.Until <= clock.GetUtcNow())
                            return (null, GrantError.InvalidGrant, "The refresh token is invalid or was already used");
                        old = replaced.Token;
                    }
                    else if (!RefreshTokenReusable && RefreshGrace > TimeSpan.Zero) _superseded[refresh] = (old, clock.GetUtcNow() + RefreshGrace);
                    if (old.RefreshDiesAt is { } dies && dies <= clock.GetUtcNow())
                        return (null, GrantError.InvalidGrant, "The refresh token expired");
                    if (RefreshRevokesOldAccessToken) _byAccess.Remove(old.AccessToken);
                    return (Issue(old.Account, old.Scopes, RefreshEndsWithConsent ? old.RefreshDiesAt : null, RefreshTokenReusable ? refresh : null),
                        GrantError.None, "");
                default:
                    return (null, GrantError.UnsupportedGrant, "grant_type must be authorization_code or refresh_token");
            }
        }
    }

    /// <summary>
    /// The token endpoint over HTTP: the grant's fields from the form body (RFC 6749) or the query
    /// string (how Lightspeed's V1 page shows them); errors as RFC 6749 section 5.2 writes them.
    /// </summary>
    public async Task<IResult> TokenEndpointAsync(HttpRequest request)
    {
        var parameters = request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal);
        if (request.HasFormContentType)
            foreach (var (key, value) in await request.ReadFormAsync()) parameters[key] = value.ToString();
        var (token, error, reason) = Grant(parameters, request.Headers.Authorization.ToString() is { Length: > 0 } h ? h : null);
        return error switch
        {
            GrantError.None => Results.Json(TokenAnswer(token!)),
            GrantError.InvalidClient => Results.Json(new { error = "invalid_client", error_description = reason }, statusCode: InvalidClientStatus),
            GrantError.UnsupportedGrant => Results.Json(new { error = "unsupported_grant_type", error_description = reason }, statusCode: 400),
            _ => Results.Json(new { error = "invalid_grant", error_description = reason }, statusCode: 400),
        };
    }

    /// <summary>The consent page over HTTP: 302 back to the client, or the page's own refusal.</summary>
    public IResult ConsentEndpoint(HttpRequest request) => Consent(request.Query, request.Cookies[LoginCookie]) switch
    {
        Redirect redirect => Results.Redirect(redirect.Location),
        Refused refused => Results.Text($"<html><body><p>{System.Net.WebUtility.HtmlEncode(refused.Message)}</p></body></html>",
            "text/html", statusCode: refused.Status),
        _ => throw new InvalidOperationException("unknown consent result"),
    };

    /// <summary>The token answer as RFC 6749 section 5.1 writes it, with refresh_expires_in when refresh tokens expire.</summary>
    public Dictionary<string, object> TokenAnswer(IssuedToken token)
    {
        var answer = new Dictionary<string, object>
        {
            ["access_token"] = token.AccessToken, ["refresh_token"] = token.RefreshToken, ["token_type"] = "Bearer",
            ["expires_in"] = (int)AccessLifetime.TotalSeconds, ["scope"] = string.Join(' ', token.Scopes),
        };
        if (SendsRefreshExpiresIn && token.RefreshDiesAt is { } dies)
            answer["refresh_expires_in"] = Math.Max(1, (int)Math.Round((dies - clock.GetUtcNow()).TotalSeconds));
        return answer;
    }

    /// <summary>Why the client is not authenticated as this vendor requires, or null.</summary>
    private string? ClientProblem(IReadOnlyDictionary<string, string> parameters, string? authorization)
    {
        var inBody = parameters.ContainsKey("client_secret");
        var basic = authorization is not null && authorization.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase)
            ? authorization[6..].Trim() : null;
        if (AllowsPublicClient && basic is null && !inBody)
            return parameters.GetValueOrDefault("client_id") != ClientId ? "Client authentication failed"
                : parameters.GetValueOrDefault("grant_type") == "authorization_code" && !parameters.ContainsKey("code_verifier")
                    ? "A public client must send its code_verifier"
                : null;
        if (basic is not null && ClientAuthentication == ClientAuthenticationRule.BodyOnly) return "Client authentication must be in the " +
            "request body";
        if (inBody && ClientAuthentication == ClientAuthenticationRule.BasicOnly) return "Client authentication must be an HTTP Basic " +
            "authorization header";
        if (basic is not null && inBody) return "Only one client authentication method may be used";
        string? id, secret;
        if (basic is not null)
        {
            try
            {
                var pair = Encoding.UTF8.GetString(Convert.FromBase64String(basic)).Split(':', 2);
                // Lightspeed documents base64 of client_id:client_secret as they are, not form-encoded first.
                (id, secret) = pair.Length == 2 ? (pair[0], pair[1]) : (null, null);
            }
            catch (FormatException)
            {
                return "The Basic authorization header is not base64";
            }
        }
        else
        {
            (id, secret) = (parameters.GetValueOrDefault("client_id"), parameters.GetValueOrDefault("client_secret"));
        }
        return id == ClientId && secret == ClientSecret ? null : "Client authentication failed";
    }

    private static string Challenge(string? verifier) => verifier is null ? "" :
        Convert.ToBase64String(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>What a bearer token is worth: <see cref="Revoked"/> is a token this server issued and then revoked (Square says so apart).</summary>
    public enum Check { Ok, Missing, Invalid, Expired, MissingScope, Revoked }

    public (Check Result, IssuedToken? Token) Authenticate(string? authorization, string scope) => Authenticate(authorization, [scope]);

    /// <summary>A token carrying any one of <paramref name="anyOf"/> passes (Xero takes a read or a write scope for a read); none listed:
    /// any token.</summary>
    public (Check Result, IssuedToken? Token) Authenticate(string? authorization, IReadOnlyCollection<string> anyOf)
    {
        if (authorization is null || !authorization.StartsWith("Bearer ", StringComparison.Ordinal)) return (Check.Missing, null);
        lock (_gate)
        {
            var presented = authorization["Bearer ".Length..];
            if (!_byAccess.TryGetValue(presented, out var token)) return (_revoked.Contains(presented) ? Check.Revoked : Check.Invalid, null);
            if (token.ExpiresAt <= clock.GetUtcNow()) return (Check.Expired, token);
            return anyOf.Count == 0 || anyOf.Any(token.Scopes.Contains) ? (Check.Ok, token) : (Check.MissingScope, token);
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
                _revoked.Add(token.AccessToken);
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

    /// <param name="sessionEnd">The end a refreshed pair inherits when sessions have a fixed end; null: a new lifetime starts.</param>
    /// <param name="refreshToken">The refresh token the pair keeps (a reusable one); null: a new one.</param>
    private IssuedToken Issue(string account, IReadOnlySet<string> scopes, DateTimeOffset? sessionEnd, string? refreshToken = null)
    {
        var now = clock.GetUtcNow();
        var token = new IssuedToken("at-" + Random(24), refreshToken ?? "rt-" + Random(24), account, scopes, now + AccessLifetime, now,
            sessionEnd ?? (RefreshLifetime is { } lifetime ? now + lifetime : null));
        _byAccess[token.AccessToken] = token;
        _byRefresh[token.RefreshToken] = token;
        _everIssued.Add(token);
        return token;
    }

    private static string Random(int bytes) => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(bytes));
}
