using PosSync.Connectors;
using PosSync.Domain.Configuration;
using PosSync.Storage.Stores;

namespace PosSync.Pipeline.Operations;

/// <summary>
/// A connection as the consumer page shows it: which tool, its status, whether credentials are
/// stored (never the credentials), until when they can be renewed, and, when it is not active, the
/// consent command with what the client must grant.
/// </summary>
public sealed record ConnectionView(string Role, string Connector, string Status, bool CredentialsStored, DateTime? AccessExpiresAt,
    DateTime? RefreshExpiresAt = null, string? Reconnect = null);

/// <summary>Everything support reads about one consumer, read-only: the "sync link" view.</summary>
public sealed record ConsumerPageView(
    ConsumerConfiguration Config,
    IReadOnlyList<ConnectionView> Connections,
    bool Enabled,
    IReadOnlyList<string> DisabledReasons,
    IReadOnlyList<ConsumerIssue> Issues,
    ExecutionRecord? LastExecution,
    IReadOnlyList<ExecutionRecord> RecentExecutions,
    IReadOnlyList<RequestRecord> RecentRequests,
    string ConfigurationJson,
    IReadOnlyList<ConfigurationHistoryEntry> History);

public sealed class ConsumerPage(ConsumerStates states, ConnectionStore connections, IssueStore issues, ExecutionLog executions, RequestLog requests,
    ConfigurationHistory history)
{
    public async Task<ConsumerPageView> ShowAsync(string consumerId, int recent, CancellationToken cancellationToken)
    {
        var state = await states.GetAsync(consumerId, cancellationToken);
        var config = state.Config;
        var views = new List<ConnectionView>();
        foreach (var (role, connection) in new[] { (ConnectionStore.Pos, config.Pos), (ConnectionStore.Accounting, config.Accounting) })
        {
            if (connection is null)
            {
                views.Add(new ConnectionView(role, "(none)", "not connected", false, null));
                continue;
            }
            var credentials = await connections.GetAsync(consumerId, role, cancellationToken);
            var stored = credentials is not null && credentials.Connector == connection.Connector;
            var reconnect = connection.Status == ConnectionStatus.Active ? null : VendorPrerequisites.Reconnect(consumerId, role, connection.Connector);
            views.Add(new ConnectionView(role, connection.Connector, ConsumerConfigurationWriter.StatusWord(connection.Status),
                stored, stored ? credentials!.ExpiresAt : null, stored ? credentials!.RefreshExpiresAt : null, reconnect));
        }
        var recentExecutions = await executions.ListAsync(consumerId, null, null, null, recent, cancellationToken);
        return new ConsumerPageView(
            config,
            views,
            state.Enablement.IsEnabled,
            state.Enablement.Reasons.Select(r => r.Message).ToList(),
            (await issues.ListAsync(consumerId, 20, cancellationToken)).OrderBy(i => i.Status == "open" ? 0 : 1).ToList(),
            recentExecutions.FirstOrDefault(),
            recentExecutions,
            await requests.ListAsync(consumerId, null, null, recent, cancellationToken),
            ConsumerConfigurationWriter.Write(config, indented: true),
            await history.ListAsync(consumerId, cancellationToken));
    }
}
