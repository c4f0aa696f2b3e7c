using PosSync.Connectors;
using PosSync.Connectors.Http;
using PosSync.Domain.Configuration;
using PosSync.Storage.Stores;

namespace PosSync.Pipeline;

/// <summary>
/// What a connector failure means for the consumer: a 401/403 flags the connection
/// needs_reconnect (the sync stops until the client reconnects), opens one issue on the consumer
/// (a repeat counts another occurrence) and tells support what to say.
/// </summary>
public sealed class ConnectionFailures(ConsumerStore consumers, IssueStore issues)
{
    public async Task<string> RecordAsync(ConsumerConfiguration config, ConnectorRole role, ConnectorFailure failure, CancellationToken cancellationToken)
    {
        if (failure.Kind != FailureKind.Auth) return failure.Message;
        await consumers.SetConnectionStatusAsync(config.ConsumerId, role, ConnectionStatus.NeedsReconnect, cancellationToken);
        var tool = role == ConnectorRole.Pos ? config.Pos?.Connector : config.Accounting?.Connector;
        var message = $"{failure.Message} The {tool} connection is now marked needs_reconnect: credentials rejected (password changed or access revoked); ask the client to reconnect it.";
        await issues.OpenAsync(config.ConsumerId, failure.Code, message, cancellationToken);
        return message;
    }
}

/// <summary>
/// The client connected (or reconnected) a tool: its credentials are stored, the connection is
/// active again and the credential issues it had are resolved; the next run books the missing days.
/// </summary>
public sealed class Reconnection(ConsumerStore consumers, ConnectionStore connections, IssueStore issues, OAuthTokens tokens, VendorOptions vendors)
{
    /// <summary>The end of the vendor's consent screen: the authorisation code becomes stored credentials.</summary>
    public async Task<ConnectorFailure?> AuthorizeAsync(string consumerId, ConnectorRole role, string connector, string code, CancellationToken cancellationToken)
    {
        var vendor = vendors.For(connector) ?? throw new ArgumentException($"{connector} does not connect through OAuth", nameof(connector));
        var storeRole = role == ConnectorRole.Pos ? ConnectionStore.Pos : ConnectionStore.Accounting;
        var failure = await tokens.ExchangeCodeAsync(new ConnectorContext(consumerId, null), storeRole, connector, vendor, code, null, cancellationToken);
        if (failure is not null) return failure;
        await consumers.SetConnectionStatusAsync(consumerId, role, ConnectionStatus.Active, cancellationToken);
        await issues.ResolveAsync(consumerId, role == ConnectorRole.Pos ? "POS_AUTH" : "ACCOUNTING_AUTH", cancellationToken);
        return null;
    }

    public async Task ConnectAsync(string consumerId, ConnectorRole role, string connector, string accessToken, string? refreshToken,
        DateTime? expiresAt, string? scope, CancellationToken cancellationToken)
    {
        var storeRole = role == ConnectorRole.Pos ? ConnectionStore.Pos : ConnectionStore.Accounting;
        await connections.SaveAsync(consumerId, storeRole, connector, accessToken, refreshToken, expiresAt, scope, cancellationToken);
        await consumers.SetConnectionStatusAsync(consumerId, role, ConnectionStatus.Active, cancellationToken);
        await issues.ResolveAsync(consumerId, role == ConnectorRole.Pos ? "POS_AUTH" : "ACCOUNTING_AUTH", cancellationToken);
    }
}
