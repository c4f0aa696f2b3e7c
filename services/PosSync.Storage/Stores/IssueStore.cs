using Dapper;

namespace PosSync.Storage.Stores;

/// <summary>Open issues per consumer: one per code while open; a repeat only counts another occurrence.</summary>
public sealed class IssueStore(Database database, TimeProvider clock)
{
    public async Task OpenAsync(string consumerId, string code, string message, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(database.Sql.OpenIssue,
            new { ConsumerId = consumerId, Code = code, Message = message, Now = clock.GetUtcNow().UtcDateTime },
            cancellationToken: cancellationToken));
    }

    public async Task ResolveAsync(string consumerId, string code, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(database.Sql.ResolveIssues,
            new { ConsumerId = consumerId, Code = code, Now = clock.GetUtcNow().UtcDateTime }, cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<ConsumerIssue>> ListAsync(string consumerId, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<ConsumerIssue>(new CommandDefinition(database.Sql.ListIssues,
            new { ConsumerId = consumerId, Limit = limit }, cancellationToken: cancellationToken))).ToList();
    }
}
