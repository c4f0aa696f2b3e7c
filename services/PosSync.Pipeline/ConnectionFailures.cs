using PosSync.Connectors;
using PosSync.Domain.Configuration;
using PosSync.Storage.Stores;

namespace PosSync.Pipeline;

/// <summary>
/// What a connector failure means for the consumer: a 401/403 flags the connection
/// needs_reconnect (the sync stops until the client reconnects), opens one issue on the consumer
/// (a repeat counts another occurrence) and tells support what to say.
/// </summary>
public sealed class ConnectionFailures(ConsumerStore consumers, IssueStore issues, Operations.ConsumerStates states)
{
    public async Task<string> RecordAsync(
        ConsumerConfiguration config,
        ConnectorRole role,
        ConnectorFailure failure,
        CancellationToken cancellationToken)
    {
        if (failure.Kind != FailureKind.Auth) return failure.Message;
        var flagged = await consumers.SetConnectionStatusAsync(config.ConsumerId, role, ConnectionStatus.NeedsReconnect, cancellationToken);
        var tool = role == ConnectorRole.Pos ? config.Pos?.Connector : config.Accounting?.Connector;
        var reconnect = VendorPrerequisites.Reconnect(config.ConsumerId, role == ConnectorRole.Pos ? "pos" : "accounting", tool);
        var message = $"{failure.Message} The {tool} connection is now marked needs_reconnect: "
                      + "credentials rejected (password changed or access revoked); "
                      + $"ask the client to reconnect it: {reconnect}.";
        await issues.OpenAsync(config.ConsumerId, failure.Code, message, cancellationToken);
        if (flagged is not null) await states.RefreshAsync(config.ConsumerId, cancellationToken);
        return message;
    }
}
