using PosSync.Storage;
using Dapper;
using PosSync.Contracts;
using PosSync.Storage.Stores;

namespace PosSync.Testing;

/// <summary>
/// Writes an execution log as the pipeline does, through the stores, at any time the test wants:
/// each run with two events and two requests, as a worker records them.
/// </summary>
public sealed class RetentionSeed(Database database)
{
    public const string Consumer = "c-retention";

    public async Task<Guid> RunAsync(DateTimeOffset at, ExecutionStatus status, string date, string location = "loc-1", string stage = Stage.Export)
    {
        var clock = new FixedClock(at);
        var log = new ExecutionLog(database, clock);
        var run = new DayRun { ExecutionId = Guid.NewGuid(), ConsumerId = Consumer, LocationId = location, BusinessDate = DateOnly.Parse(date) };
        await log.StartAsync(run, stage, null, CancellationToken.None);
        await log.AddEventAsync(run.ExecutionId, stage, EventLevel.Info, null, "day fetched", null, CancellationToken.None);
        await log.AddEventAsync(run.ExecutionId, stage, EventLevel.Info, null, "entry posted", null, CancellationToken.None);
        for (var i = 0; i < 2; i++) await RequestAsync(at, run.ExecutionId);
        if (status != ExecutionStatus.Running)
            await log.FinishAsync(
                run.ExecutionId,
                new ExecutionOutcome(status, stage, status == ExecutionStatus.Error ? "POS_UNAVAILABLE" : null),
                CancellationToken.None);
        return run.ExecutionId;
    }

    /// <summary>A call outside any run (a token renewal by the scheduler).</summary>
    public Task RequestAsync(DateTimeOffset at, Guid? executionId = null) =>
        new RequestLog(database).AddAsync(new RequestRecord
        {
            ConsumerId = Consumer, ExecutionId = executionId, Connector = "lightspeed", Operation = "token", Method = "POST",
            Url = "https://lightspeed.example/oauth/token", StatusCode = 200, DurationMs = 12, At = at.UtcDateTime,
        }, CancellationToken.None);

    public async Task LedgerAsync(string date, string status, string location = "loc-1")
    {
        await using var connection = await database.OpenAsync(CancellationToken.None);
        await connection.ExecuteAsync("""
            INSERT INTO day_ledger (consumer_id, location_id, business_date, status, revision, updated_at)
            VALUES (@Consumer, @Location, @Date, @Status, 1, @Now)
            """, new { Consumer, Location = location, Date = DateOnly.Parse(date), Status = status, Now = DateTime.UtcNow.AddDays(-500) });
    }

    public async Task<long> CountAsync(string table, Guid? executionId = null)
    {
        await using var connection = await database.OpenAsync(CancellationToken.None);
        return executionId is { } id
            ? await connection.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {table} WHERE execution_id = @Id", new { Id = id })
            : await connection.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {table}");
    }

    /// <summary>Many old finished runs of booked days at once, in one transaction, for the batch and concurrency tests.</summary>
    public async Task BulkAsync(DateTimeOffset at, int runs, int requestsPerRun)
    {
        await using var connection = await database.OpenAsync(CancellationToken.None);
        await using var transaction = await connection.BeginTransactionAsync();
        var first = DateOnly.FromDateTime(at.UtcDateTime).AddDays(-runs);
        for (var i = 0; i < runs; i++)
        {
            var id = Guid.NewGuid();
            var moment = at.UtcDateTime.AddSeconds(i);
            var date = first.AddDays(i);
            await connection.ExecuteAsync("""
                INSERT INTO executions (execution_id, consumer_id, location_id, business_date, trigger, attempt, status, stage, started_at, updated_at, finished_at)
                VALUES (@Id, @Consumer, 'bulk', @Date, 'schedule', 1, 'success', 'export', @At, @At, @At);
                INSERT INTO day_ledger (consumer_id, location_id, business_date, status, revision, updated_at)
                VALUES (@Consumer, 'bulk', @Date, 'booked', 1, @At);
                INSERT INTO execution_events (execution_id, at, stage, level, message) VALUES (@Id, @At, 'export', 'info', 'entry posted');
                """, new { Id = id, Consumer, Date = date, At = moment }, transaction);
            await connection.ExecuteAsync("""
                INSERT INTO requests (consumer_id, execution_id, connector, operation, method, url, status_code, duration_ms, at)
                VALUES (@Consumer, @Id, 'pennylane', 'post', 'POST', 'https://pennylane.example/ledger_entries', 201, 40, @At)
                """, Enumerable.Range(0, requestsPerRun).Select(_ => new { Consumer, Id = id, At = moment }), transaction);
        }
        await transaction.CommitAsync();
    }
}
