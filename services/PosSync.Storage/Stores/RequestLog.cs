using Dapper;

namespace PosSync.Storage.Stores;

/// <summary>One call to a POS or accounting API (or file), as the transaction table shows it. Never holds a secret.</summary>
public sealed class RequestRecord
{
    public string ConsumerId { get; set; } = "";
    public Guid? ExecutionId { get; set; }
    public string Connector { get; set; } = "";
    public string Operation { get; set; } = "";
    public string Method { get; set; } = "";
    public string Url { get; set; } = "";
    public int? StatusCode { get; set; }
    public long DurationMs { get; set; }
    public string? Error { get; set; }
    public DateTime At { get; set; }
}

/// <summary>The transaction table: every connector call of every consumer.</summary>
public sealed class RequestLog(Database database)
{
    public async Task AddAsync(RequestRecord request, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(database.Sql.InsertRequest, request, cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<RequestRecord>> ListAsync(string consumerId, int? statusCode, Guid? executionId, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<RequestRecord>(new CommandDefinition(database.Sql.ListRequests,
            new { ConsumerId = consumerId, StatusCode = statusCode, ExecutionId = executionId, Limit = limit }, cancellationToken: cancellationToken))).ToList();
    }
}
