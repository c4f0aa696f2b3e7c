using Dapper;
using PosSync.Domain.Enablement;

namespace PosSync.Storage.Stores;

/// <summary>
/// Whether a consumer's sync is enabled is computed in code (<see cref="SyncEnablement"/>, over the
/// POS catalog of the last run), so SQL cannot work it out: each time PosSync computes it, the
/// answer, every reason and the connection statuses it rests on are recorded here for the support
/// views, with the time they changed. Computing is frequent (every schedule pass, every support
/// command), so the recorded answer is read first and only a change is written.
/// </summary>
public sealed class EnablementLog(Database database, TimeProvider clock)
{
    /// <summary>Records the consumer's enablement and connection statuses; false when nothing changed, so nothing was written.</summary>
    /// <param name="recorded">What is recorded, when the caller has just read it (<see cref="StageEntrance.Enablement"/>); null: read here.</param>
    public async Task<bool> RecordAsync(string consumerId, EnablementResult enablement, IReadOnlyList<ConnectionStatusRecord> connections,
        CancellationToken cancellationToken, RecordedEnablement? recorded = null)
    {
        var summary = enablement.Describe();
        var key = new { ConsumerId = consumerId };
        // A recorded state the caller read is compared without a connection: unchanged, the database is not touched.
        recorded ??= await ReadAsync(key, cancellationToken);
        var recordedSummary = recorded.Summary;
        var recordedConnections = recorded.Connections;
        var enablementChanged = recordedSummary != summary;
        var changedConnections = connections.Where(c => !recordedConnections.Contains(c)).ToList();
        if (!enablementChanged && changedConnections.Count == 0) return false;

        var now = clock.GetUtcNow().UtcDateTime;
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (enablementChanged)
        {
            // The consumer's row first: on SQL Server its lock makes a second writer of the same consumer wait for this one's reasons.
            await connection.ExecuteAsync(new CommandDefinition(database.Sql.SaveEnablement,
                new { ConsumerId = consumerId, Enabled = enablement.IsEnabled, Summary = summary, Now = now }, transaction, cancellationToken: cancellationToken));
            await connection.ExecuteAsync(new CommandDefinition(database.Sql.ClearEnablementReasons, key, transaction, cancellationToken: cancellationToken));
            var reasons = enablement.Reasons.Select((r, i) => new { ConsumerId = consumerId, Position = i + 1, Code = r.Code.Word, r.Message }).ToList();
            if (reasons.Count > 0)
                await connection.ExecuteAsync(new CommandDefinition(database.Sql.InsertEnablementReason, reasons, transaction, cancellationToken: cancellationToken));
        }
        foreach (var changed in changedConnections)
        {
            await connection.ExecuteAsync(new CommandDefinition(database.Sql.SaveConnectionStatus,
                new { ConsumerId = consumerId, changed.Role, changed.Connector, changed.Status, Now = now }, transaction, cancellationToken: cancellationToken));
        }
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>The summary then the statuses, as <see cref="Sql.SqlDialect.GetRecordedEnablement"/> ends any command that reads them.</summary>
    internal static async Task<RecordedEnablement> ReadAsync(SqlMapper.GridReader read)
    {
        var summary = await read.ReadSingleOrDefaultAsync<string?>();
        var connections = (await read.ReadAsync<ConnectionStatusRecord>()).ToHashSet();
        return new RecordedEnablement(summary, connections);
    }

    private async Task<RecordedEnablement> ReadAsync(object key, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var read = await connection.QueryMultipleAsync(new CommandDefinition(database.Sql.GetRecordedEnablement, key,
            cancellationToken: cancellationToken));
        return await ReadAsync(read);
    }
}
