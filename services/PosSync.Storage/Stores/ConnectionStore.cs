using Dapper;

namespace PosSync.Storage.Stores;

/// <summary>
/// The credentials of one connection (a consumer's POS or accounting tool). These are secrets:
/// the type never prints them, and nothing logs or stores them anywhere else.
/// </summary>
public sealed class ConnectionCredentials
{
    public string ConsumerId { get; set; } = "";
    public string Role { get; set; } = "";
    public string Connector { get; set; } = "";
    public string AccessToken { get; set; } = "";
    public string? RefreshToken { get; set; }
    public DateTime? ExpiresAt { get; set; }

    /// <summary>When the refresh token dies if unused; null when the vendor says it does not.</summary>
    public DateTime? RefreshExpiresAt { get; set; }
    public string? Scope { get; set; }
    public int Version { get; set; }
    public DateTime UpdatedAt { get; set; }

    public override string ToString() => $"credentials of {ConsumerId}/{Role} ({Connector}, version {Version})";
}

/// <summary>
/// Stores connection credentials, encrypted; rotation is compare-and-swap on the version, so two
/// refreshes never both win.
/// </summary>
public sealed class ConnectionStore(Database database, SecretProtector protector, TimeProvider clock)
{
    public const string Pos = "pos";
    public const string Accounting = "accounting";

    public async Task<ConnectionCredentials?> GetAsync(string consumerId, string role, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var stored = await connection.QuerySingleOrDefaultAsync<ConnectionCredentials>(new CommandDefinition(database.Sql.GetCredentials,
            new { ConsumerId = consumerId, Role = role }, cancellationToken: cancellationToken));
        if (stored is null) return null;
        stored.AccessToken = protector.Unprotect(stored.AccessToken, Binding(consumerId, role));
        stored.RefreshToken = stored.RefreshToken is null ? null : protector.Unprotect(stored.RefreshToken, Binding(consumerId, role));
        return stored;
    }

    /// <summary>Stores a connection's credentials after the client (re)connects.</summary>
    public async Task SaveAsync(string consumerId, string role, string connector, string accessToken, string? refreshToken,
        DateTime? expiresAt, string? scope, CancellationToken cancellationToken, DateTime? refreshExpiresAt = null)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(database.Sql.SaveCredentials, new
        {
            ConsumerId = consumerId, Role = role, Connector = connector,
            AccessToken = protector.Protect(accessToken, Binding(consumerId, role)),
            RefreshToken = refreshToken is null ? null : protector.Protect(refreshToken, Binding(consumerId, role)),
            ExpiresAt = expiresAt, RefreshExpiresAt = refreshExpiresAt, Scope = scope, Now = clock.GetUtcNow().UtcDateTime,
        }, cancellationToken: cancellationToken));
    }

    /// <summary>The connections whose refresh token dies before <paramref name="before"/> (no secrets are read).</summary>
    public async Task<IReadOnlyList<ExpiringConnection>> ExpiringAsync(DateTime before, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<ExpiringConnection>(new CommandDefinition(database.Sql.ExpiringCredentials,
            new { Before = before }, cancellationToken: cancellationToken))).ToList();
    }

    private static string Binding(string consumerId, string role) => $"{consumerId}/{role}";

    /// <summary>Replaces the pair read at <paramref name="current"/>'s version; false when someone else rotated it first.</summary>
    public async Task<bool> RotateAsync(ConnectionCredentials current, string accessToken, string? refreshToken, DateTime? expiresAt,
        string? scope, CancellationToken cancellationToken, DateTime? refreshExpiresAt = null)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var updated = await connection.ExecuteAsync(new CommandDefinition(database.Sql.RotateCredentials, new
        {
            current.ConsumerId, current.Role, current.Version,
            AccessToken = protector.Protect(accessToken, Binding(current.ConsumerId, current.Role)),
            RefreshToken = refreshToken is null ? null : protector.Protect(refreshToken, Binding(current.ConsumerId, current.Role)),
            ExpiresAt = expiresAt, RefreshExpiresAt = refreshExpiresAt, Scope = scope, Now = clock.GetUtcNow().UtcDateTime,
        }, cancellationToken: cancellationToken));
        return updated == 1;
    }
}

/// <summary>A connection whose refresh token is about to die unused.</summary>
public sealed class ExpiringConnection
{
    public string ConsumerId { get; set; } = "";
    public string Role { get; set; } = "";
    public string Connector { get; set; } = "";
    public DateTime RefreshExpiresAt { get; set; }

    /// <summary>When the credentials were last written (a refresh, a consent).</summary>
    public DateTime UpdatedAt { get; set; }
}

/// <summary>A problem support must see on a consumer until it is fixed, counting how often it recurred.</summary>
public sealed class ConsumerIssue
{
    public string ConsumerId { get; set; } = "";
    public string Code { get; set; } = "";
    public string Message { get; set; } = "";
    public int Occurrences { get; set; }
    public string Status { get; set; } = "";
    public DateTime FirstSeen { get; set; }
    public DateTime LastSeen { get; set; }
    public DateTime? ResolvedAt { get; set; }
}

/// <summary>Open issues per consumer: one per code while open; a repeat only counts another occurrence.</summary>
public sealed class IssueStore(Database database, TimeProvider clock)
{
    public async Task OpenAsync(string consumerId, string code, string message, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(database.Sql.OpenIssue,
            new { ConsumerId = consumerId, Code = code, Message = message, Now = clock.GetUtcNow().UtcDateTime }, cancellationToken: cancellationToken));
    }

    public async Task ResolveAsync(string consumerId, string code, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(database.Sql.ResolveIssues,
            new { ConsumerId = consumerId, Code = code, Now = clock.GetUtcNow().UtcDateTime }, cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<ConsumerIssue>> ListAsync(string consumerId, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<ConsumerIssue>(new CommandDefinition(database.Sql.ListIssues,
            new { ConsumerId = consumerId, Limit = limit }, cancellationToken: cancellationToken))).ToList();
    }
}
