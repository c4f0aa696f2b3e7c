using PosSync.Connectors;
using PosSync.Connectors.Http;
using PosSync.Domain.Configuration;
using PosSync.Storage.Stores;

namespace PosSync.Pipeline.Operations;

/// <summary>What renewing one connection's credentials came to.</summary>
public sealed record RenewedConnection(string ConsumerId, string Role, string Connector, string Outcome);

/// <summary>
/// Keeps idle connections alive: a refresh token that dies unused (Lightspeed's after 14 days) is
/// refreshed while it still works, since a restaurant closed for a fortnight must not come back to
/// a dead connection. When the vendor will not extend it (a session with a fixed end), or refuses
/// it, support gets an issue on the consumer before the connection dies, naming the date and the
/// consent command.
/// </summary>
public sealed class CredentialRenewal(ConnectionStore connections, OAuthTokens tokens, VendorOptions vendors, ConsumerStore consumers,
    IssueStore issues, ConnectionFailures failures, TimeProvider clock)
{
    /// <summary>How long before its death a refresh token is renewed, and a connection that cannot be renewed is flagged.</summary>
    public static readonly TimeSpan RenewWithin = TimeSpan.FromDays(3);

    /// <summary>A pair written this recently is not refreshed again: a session that cannot be extended is not hammered at every pass.</summary>
    public static readonly TimeSpan RenewAtMostEvery = TimeSpan.FromHours(12);

    public static string ReconnectIssue(string role) => role == ConnectionStore.Pos ? "POS_RECONNECT_BEFORE" : "ACCOUNTING_RECONNECT_BEFORE";

    public async Task<IReadOnlyList<RenewedConnection>> RenewExpiringAsync(string? consumerId, CancellationToken cancellationToken)
    {
        var renewed = new List<RenewedConnection>();
        var now = clock.GetUtcNow().UtcDateTime;
        var horizon = now + RenewWithin;
        foreach (var expiring in await connections.ExpiringAsync(horizon, now - RenewAtMostEvery, cancellationToken))
        {
            if (consumerId is not null && expiring.ConsumerId != consumerId) continue;
            if (vendors.For(expiring.Connector) is not { } vendor) continue;
            var outcome = await RenewAsync(expiring, vendor, horizon, cancellationToken);
            renewed.Add(new RenewedConnection(expiring.ConsumerId, expiring.Role, expiring.Connector, outcome));
        }
        return renewed;
    }

    private async Task<string> RenewAsync(ExpiringConnection expiring, VendorEndpointOptions vendor, DateTime horizon, CancellationToken cancellationToken)
    {
        var result = await tokens.RenewAsync(new ConnectorContext(expiring.ConsumerId, null), expiring.Role, expiring.Connector, vendor, cancellationToken);
        if (result.Failure is { Kind: FailureKind.Unavailable } down)
            return $"not renewed this time ({down.Message}); tried again at the next pass";
        if (result.Failure is { } refused)
        {
            if (await consumers.GetAsync(expiring.ConsumerId, cancellationToken) is { } config)
                await failures.RecordAsync(config, expiring.Role == ConnectionStore.Pos ? ConnectorRole.Pos : ConnectorRole.Accounting, refused, cancellationToken);
            return $"refused: {refused.Message}";
        }

        var after = await connections.GetAsync(expiring.ConsumerId, expiring.Role, cancellationToken);
        if (after?.RefreshExpiresAt is { } dies && dies <= horizon)
        {
            await issues.OpenAsync(expiring.ConsumerId, ReconnectIssue(expiring.Role),
                $"The {expiring.Connector} authorisation cannot be renewed past {dies:yyyy-MM-dd HH:mm} UTC: ask the client to reconnect before then " +
                $"(possync connect {expiring.ConsumerId} --role {expiring.Role}).", cancellationToken);
            return $"renewed, but it ends {dies:yyyy-MM-dd HH:mm} UTC: reconnect before then";
        }
        await issues.ResolveAsync(expiring.ConsumerId, ReconnectIssue(expiring.Role), cancellationToken);
        return after?.RefreshExpiresAt is { } until ? $"renewed until {until:yyyy-MM-dd HH:mm} UTC" : "renewed";
    }
}
