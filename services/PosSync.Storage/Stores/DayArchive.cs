using Dapper;

namespace PosSync.Storage.Stores;

/// <summary>
/// What the POS said, as the last run saw it: the catalog of a consumer (for the consumer page's
/// enablement) and each day's canonical orders (for the order-level support export).
/// </summary>
public sealed class DayArchive(Database database, TimeProvider clock)
{
    public async Task SaveCatalogAsync(string consumerId, string catalogJson, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(database.Sql.SaveCatalog,
            new { ConsumerId = consumerId, CatalogJson = catalogJson, Now = clock.GetUtcNow().UtcDateTime }, cancellationToken: cancellationToken));
    }

    public async Task<string?> CatalogAsync(string consumerId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(database.Sql.GetCatalog, new { ConsumerId = consumerId }, cancellationToken: cancellationToken));
    }

    /// <summary>
    /// Keeps the day's canonical UTF-8 JSON. SQLite takes the bytes as they are (its statement casts
    /// them to TEXT), so a large day is never also held as a UTF-16 string twice its size; SQL
    /// Server's NVARCHAR column needs the text.
    /// </summary>
    public async Task SaveDayAsync(DayKey key, Guid executionId, byte[] dayJson, CancellationToken cancellationToken)
    {
        var json = SnapshotValue(database, dayJson);
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(database.Sql.SaveSnapshot, new
        {
            key.ConsumerId, key.LocationId, key.BusinessDate, ExecutionId = executionId, DayJson = json, Now = clock.GetUtcNow().UtcDateTime,
        }, cancellationToken: cancellationToken));
    }

    /// <summary>The snapshot's parameter as <see cref="SaveDayAsync"/> explains: the bytes on SQLite, the text on SQL Server.</summary>
    internal static object SnapshotValue(Database database, byte[] dayJson) =>
        database.Engine == StorageEngine.Sqlite ? dayJson : System.Text.Encoding.UTF8.GetString(dayJson);

    public async Task<string?> DayAsync(DayKey key, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(database.Sql.GetSnapshot,
            new { key.ConsumerId, key.LocationId, key.BusinessDate }, cancellationToken: cancellationToken));
    }
}
