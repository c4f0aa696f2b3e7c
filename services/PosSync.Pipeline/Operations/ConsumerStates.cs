using PosSync.Connectors;
using PosSync.Domain.Configuration;
using PosSync.Domain.Enablement;
using PosSync.Storage.Stores;

namespace PosSync.Pipeline.Operations;

public sealed class ConsumerStates(ConsumerStore consumers, DayArchive archive, ConnectionStore connections, EnablementLog enablementLog)
{
    /// <summary>The consumer and its enablement, or an error naming what was not found.</summary>
    public async Task<ConsumerState> GetAsync(string consumerId, CancellationToken cancellationToken)
    {
        var stored = await consumers.GetAsync(consumerId, cancellationToken)
                     ?? throw new OperationRefusedException($"No consumer {consumerId}. Find its id with: possync consumers find TEXT");
        var config = await WithRecordedStatusesAsync(stored, stored, cancellationToken);
        var catalog = PosCatalogJson.Read(await archive.CatalogAsync(consumerId, cancellationToken));
        var enablement = SyncEnablement.Evaluate(config, catalog);
        // Support's Grafana views read enablement from SQL: every computation is recorded (a change only is written).
        await enablementLog.RecordAsync(consumerId, enablement, ConnectionStatusRecord.Of(config), cancellationToken);
        return new ConsumerState(config, catalog, enablement);
    }

    /// <summary>
    /// Computes the consumer's state again after one of its connections changed status (refused,
    /// reconnected), so support's views show it at once rather than at the next schedule pass.
    /// </summary>
    public Task RefreshAsync(string consumerId, CancellationToken cancellationToken) => GetAsync(consumerId, cancellationToken);

    /// <summary>
    /// Saves a configuration file's content. The connections' statuses are PosSync's records (stored
    /// credentials, a vendor's refusal), never the file's: applying a file again changes no status.
    /// Each changed field is recorded with <paramref name="changedBy"/> and <paramref name="source"/>
    /// (the file, or <c>api</c>); applying an unchanged file records nothing.
    /// </summary>
    public async Task<AppliedConsumer> ApplyAsync(ConsumerConfiguration fromFile, string changedBy, string source,
        CancellationToken cancellationToken)
    {
        var existing = await consumers.GetAsync(fromFile.ConsumerId, cancellationToken);
        var config = await WithRecordedStatusesAsync(fromFile, existing, cancellationToken);
        var changes = ConfigurationDiff.Between(existing, config);
        await consumers.SaveAsync(config, new ConfigurationChangeSet(changedBy, source, changes), cancellationToken);
        var ignored = new List<string>();
        if (fromFile.Pos?.Status is { } pos && pos != config.Pos!.Status) ignored.Add($"pos.status {ConsumerConfigurationWriter.StatusWord(pos)}");
        if (fromFile.Accounting?.Status is { } acc && acc != config.Accounting!.Status)
            ignored.Add($"accounting.status {ConsumerConfigurationWriter.StatusWord(acc)}");
        return new AppliedConsumer(await GetAsync(config.ConsumerId, cancellationToken), existing is null, ignored, changes);
    }

    private async Task<ConsumerConfiguration> WithRecordedStatusesAsync(
        ConsumerConfiguration config,
        ConsumerConfiguration? recorded,
        CancellationToken cancellationToken)
    {
        var pos = await StatusAsync(config.ConsumerId, ConnectionStore.Pos, config.Pos, Same(config.Pos, recorded?.Pos), cancellationToken);
        var accounting = await StatusAsync(
            config.ConsumerId,
            ConnectionStore.Accounting,
            config.Accounting,
            Same(config.Accounting, recorded?.Accounting),
            cancellationToken);
        return ConnectionFacts.WithStatuses(config, pos, accounting);
    }

    /// <summary>A status recorded for another tool says nothing about this one.</summary>
    private static ConnectionStatus? Same(Connection? now, Connection? recorded) => recorded?.Connector == now?.Connector ? recorded?.Status : null;

    private async Task<ConnectionStatus?> StatusAsync(
        string consumerId, string role, Connection? connection, ConnectionStatus? recorded,
        CancellationToken cancellationToken)
    {
        if (connection is null) return null;
        var needsCredentials = ConnectorKinds.NeedsCredentials(connection.Connector);
        var stored = needsCredentials ? await connections.GetAsync(consumerId, role, cancellationToken) : null;
        return ConnectionFacts.Status(needsCredentials, stored?.Connector == connection.Connector, recorded);
    }
}
