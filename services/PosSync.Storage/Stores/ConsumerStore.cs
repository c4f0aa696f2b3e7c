using Dapper;
using PosSync.Domain.Configuration;

namespace PosSync.Storage.Stores;

/// <summary>Consumer configurations, kept as the validated JSON document plus searchable columns.</summary>
public sealed class ConsumerStore(Database database, TimeProvider clock)
{
    private sealed class Row
    {
        public string ConsumerId { get; set; } = "";
        public string ConfigJson { get; set; } = "";
        public long ConfigVersion { get; set; }
    }

    public async Task SaveAsync(ConsumerConfiguration config, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(database.Sql.UpsertConsumer, Parameters(config), cancellationToken: cancellationToken));
    }

    /// <summary>
    /// Saves the configuration and, in the same transaction, what changed and who applied it: a
    /// change is never saved without its history, nor recorded without being saved.
    /// </summary>
    public async Task SaveAsync(ConsumerConfiguration config, ConfigurationChangeSet changes, CancellationToken cancellationToken)
    {
        var parameters = Parameters(config);
        var now = clock.GetUtcNow().UtcDateTime;
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(
            new CommandDefinition(database.Sql.UpsertConsumer, parameters, transaction, cancellationToken: cancellationToken));
        // Cut to the columns' sizes (SQL Server refuses longer text): a history line is for reading, the file stays the reference.
        var rows = changes.Changes.Select(c => new
        {
            config.ConsumerId, ChangedAt = now, Field = Cut(c.Field, 200), OldValue = Cut(c.OldValue, 4000), NewValue = Cut(c.NewValue, 4000),
            ChangedBy = Cut(changes.ChangedBy, 256), Source = Cut(changes.Source, 1000),
        });
        await connection.ExecuteAsync(
            new CommandDefinition(database.Sql.InsertConfigurationChange, rows, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<ConsumerConfiguration?> GetAsync(string consumerId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(
            new CommandDefinition(database.Sql.GetConsumer, new { ConsumerId = consumerId }, cancellationToken: cancellationToken));
        return row is null ? null : Parse(row);
    }

    /// <summary>The configuration with the version it was read at; null when the consumer is unknown.</summary>
    public async Task<VersionedConfiguration?> GetVersionedAsync(string consumerId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(database.Sql.GetVersionedConsumer,
            new { ConsumerId = consumerId }, cancellationToken: cancellationToken));
        return row is null ? null : new VersionedConfiguration(row.ConfigVersion, Parse(row));
    }

    public async Task<IReadOnlyList<ConsumerConfiguration>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(database.Sql.ListConsumers, cancellationToken: cancellationToken));
        return rows.Select(Parse).ToList();
    }

    /// <summary>
    /// By sync name, creator e-mail or id: partial, ignoring case and accents ("cafe" finds "Café Le
    /// Zinc"), as support searches. The database filters (one pass over three short columns, as
    /// before); only the consumers found are read whole.
    /// </summary>
    public async Task<IReadOnlyList<ConsumerConfiguration>> FindAsync(string text, CancellationToken cancellationToken)
    {
        var escaped = SearchText.Fold(text.Trim()).Replace(@"\", @"\\").Replace("%", @"\%").Replace("_", @"\_");
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>(
            new CommandDefinition(database.Sql.FindConsumers, new { Pattern = $"%{escaped}%" }, cancellationToken: cancellationToken));
        return rows.Select(Parse).ToList();
    }

    /// <summary>Flags a connection after the vendor refused it (401/403), or clears the flag after a reconnect.</summary>
    public async Task<ConsumerConfiguration?> SetConnectionStatusAsync(
        string consumerId,
        ConnectorRole role,
        ConnectionStatus status,
        CancellationToken cancellationToken)
    {
        var config = await GetAsync(consumerId, cancellationToken);
        if (config is null) return null;
        var updated = role == ConnectorRole.Pos
            ? config with { Pos = config.Pos is null ? null : config.Pos with { Status = status } }
            : config with { Accounting = config.Accounting is null ? null : config.Accounting with { Status = status } };
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(
            new CommandDefinition(database.Sql.UpdateConnectionStatus, Parameters(updated), cancellationToken: cancellationToken));
        return updated;
    }

    private object Parameters(ConsumerConfiguration config) => new
    {
        config.ConsumerId,
        config.Name,
        config.CreatedByEmail,
        PosConnector = config.Pos?.Connector,
        PosStatus = config.Pos?.Status is { } pos ? ConsumerConfigurationWriter.StatusWord(pos) : null,
        AccountingConnector = config.Accounting?.Connector,
        AccountingStatus = config.Accounting?.Status is { } acc ? ConsumerConfigurationWriter.StatusWord(acc) : null,
        ConfigJson = ConsumerConfigurationWriter.Write(config),
        Now = clock.GetUtcNow().UtcDateTime,
    };

    private static string? Cut(string? text, int length) => text is null || text.Length <= length ? text : text[..(length - 1)] + "…";

    private static ConsumerConfiguration Parse(Row row)
    {
        var parsed = ConsumerConfigurationReader.ReadJson(row.ConfigJson);
        if (!parsed.IsValid)
            throw new InvalidDataException($"the stored configuration of consumer {row.ConsumerId} no longer validates: {parsed.Describe()}");
        return parsed.Value!;
    }
}
