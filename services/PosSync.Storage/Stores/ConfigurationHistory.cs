using Dapper;

namespace PosSync.Storage.Stores;

/// <summary>
/// A consumer's configuration history as support reads it (<c>consumers show</c>, <c>diagnose</c>,
/// the support bundle). Written by <see
/// cref="ConsumerStore.SaveAsync(PosSync.Domain.Configuration.ConsumerConfiguration, ConfigurationChangeSet,
/// CancellationToken)"/>,
/// in the same transaction as the configuration, so the history never misses a change that was saved.
/// </summary>
public sealed class ConfigurationHistory(Database database)
{
    /// <summary>Every recorded change of the consumer, oldest first.</summary>
    public async Task<IReadOnlyList<ConfigurationHistoryEntry>> ListAsync(string consumerId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<ConfigurationHistoryEntry>(new CommandDefinition(database.Sql.ListConfigurationChanges,
            new { ConsumerId = consumerId }, cancellationToken: cancellationToken))).ToList();
    }
}
