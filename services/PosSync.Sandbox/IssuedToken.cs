namespace PosSync.Sandbox;

/// <summary>A token the sandbox issued: whose account it opens, with which scopes, until when.</summary>
/// <param name="RefreshDiesAt">When the refresh token stops working if unused (null: never).</param>
public sealed record IssuedToken(string AccessToken, string RefreshToken, string Account, IReadOnlySet<string> Scopes, DateTimeOffset ExpiresAt,
    DateTimeOffset IssuedAt, DateTimeOffset? RefreshDiesAt = null);
