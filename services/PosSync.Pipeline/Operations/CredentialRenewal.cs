using System.Globalization;
using PosSync.Connectors;
using PosSync.Connectors.Http;
using PosSync.Storage.Stores;

namespace PosSync.Pipeline.Operations;

/// <summary>
/// Keeps idle connections alive: a refresh token that dies unused (Lightspeed's after 14 days) is
/// refreshed while it still works, since a restaurant closed for a fortnight must not come back to
/// a dead connection. Whenever a connection's credentials still die within the window afterwards —
/// the vendor will not extend them (a session with a fixed end), or could not be reached — support
/// gets an issue on the consumer naming the date and the consent command, before the connection dies.
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
        foreach (var expiring in await connections.ExpiringAsync(now + RenewWithin, cancellationToken))
        {
            if (consumerId is not null && expiring.ConsumerId != consumerId) continue;
            if (vendors.For(expiring.Connector) is not { } vendor) continue;
            var outcome = await RenewAsync(expiring, vendor, now, cancellationToken);
            renewed.Add(new RenewedConnection(expiring.ConsumerId, expiring.Role, expiring.Connector, outcome));
        }
        return renewed;
    }

    private async Task<string> RenewAsync(
        ExpiringConnection expiring,
        VendorEndpointOptions vendor,
        DateTime now,
        CancellationToken cancellationToken)
    {
        var outcome = "not refreshed again so soon";
        if (expiring.UpdatedAt <= now - RenewAtMostEvery)
        {
            var result = await tokens.RenewAsync(
                new ConnectorContext(expiring.ConsumerId, null),
                expiring.Role,
                expiring.Connector,
                vendor,
                cancellationToken);
            if (result.Failure is { Kind: not (FailureKind.Unavailable or FailureKind.QuotaSpent) } refused)
            {
                // Refused: the connection is dead already, and says so like any refused call.
                if (await consumers.GetAsync(expiring.ConsumerId, cancellationToken) is { } config)
                    await failures.RecordAsync(
                        config,
                        expiring.Role == ConnectionStore.Pos ? ConnectorRole.Pos : ConnectorRole.Accounting,
                        refused,
                        cancellationToken);
                return $"refused: {refused.Message}";
            }
            outcome = result.Failure is { } down ? $"not renewed this time ({down.Message})" : "renewed";
        }

        var dies = (await connections.GetAsync(expiring.ConsumerId, expiring.Role, cancellationToken))?.RefreshExpiresAt;
        if (dies is { } end && end <= now + RenewWithin)
        {
            var when = end.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
            await issues.OpenAsync(expiring.ConsumerId, ReconnectIssue(expiring.Role),
                $"The {expiring.Connector} authorisation cannot be renewed past {when} UTC: ask the client to reconnect before then " +
                $"({VendorPrerequisites.Reconnect(expiring.ConsumerId, expiring.Role, expiring.Connector)}).", cancellationToken);
            return $"{outcome}, but it ends {when} UTC: reconnect before then";
        }
        await issues.ResolveAsync(expiring.ConsumerId, ReconnectIssue(expiring.Role), cancellationToken);
        return dies is { } until ? $"{outcome} until {until.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC" : outcome;
    }
}
