using PosSync.Connectors;
using PosSync.Domain.Configuration;
using PosSync.Storage.Stores;

namespace PosSync.Pipeline.Operations;

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
            var reconnect = connection.Status == ConnectionStatus.Active
                ? null
                : VendorPrerequisites.Reconnect(consumerId, role, connection.Connector);
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
