using Dapper;

namespace PosSync.Storage.Stores;

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
