using Dapper;
using PosSync.Contracts;
using PosSync.Domain.Outcomes;

namespace PosSync.Storage.Stores;

/// <summary>One run of one service day, as support reads it.</summary>
public sealed class ExecutionRecord
{
    public Guid ExecutionId { get; set; }
    public string ConsumerId { get; set; } = "";
    public string LocationId { get; set; } = "";
    public DateOnly BusinessDate { get; set; }
    public DayTrigger Trigger { get; set; }

    /// <summary>
    /// The trigger's stored word, as the database hands it (selected as trigger_word), read through <see cref="TriggerWords"/>:
    /// Dapper would parse an enum column itself, case-blind, past any type handler.
    /// </summary>
    internal string TriggerWord
    {
        set => Trigger = TriggerWords.Parse(value);
    }
    public int Attempt { get; set; }
    public ExecutionStatus Status { get; set; } = ExecutionStatus.Running;
    public string Stage { get; set; } = "";
    public string? ErrorCode { get; set; }
    public string? ErrorMessage { get; set; }
    public string? EntryNumber { get; set; }
    public string? TraceId { get; set; }
    public DateTime StartedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public DateTime? FinishedAt { get; set; }

    /// <summary>The settings the run was judged with (null: not judged yet, or recorded before PosSync kept them).</summary>
    public decimal? Tolerance { get; set; }
    public decimal? RoundingThreshold { get; set; }
    public string? BookingMode { get; set; }

    public bool IsFinished => Status != ExecutionStatus.Running;
}

/// <summary>A timestamped step of an execution, with structured details.</summary>
public sealed class ExecutionEvent
{
    public Guid ExecutionId { get; set; }
    public DateTime At { get; set; }
    public string Stage { get; set; } = "";
    public string Level { get; set; } = EventLevel.Info;
    public string? Code { get; set; }
    public string Message { get; set; } = "";
    public string? DetailsJson { get; set; }
}

/// <summary>How a finished run ended.</summary>
public sealed record ExecutionOutcome(ExecutionStatus Status, string Stage, string? ErrorCode = null, string? ErrorMessage = null, string? EntryNumber = null);

/// <summary>
/// The execution log: executions (one per day run) and their events. An execution's final status
/// is written once; later writers (a duplicate delivery, a late fault) cannot overwrite it.
/// </summary>
public sealed class ExecutionLog(Database database, TimeProvider clock)
{
    private const int MaxMessageLength = 4000;

    /// <summary>Creates the execution if it does not exist yet; true when this call created it.</summary>
    public async Task<bool> StartAsync(DayRun run, string stage, string? traceId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var inserted = await connection.ExecuteAsync(new CommandDefinition(database.Sql.InsertExecution, new
        {
            run.ExecutionId, run.ConsumerId, run.LocationId, run.BusinessDate,
            Trigger = run.Trigger.Word(), run.Attempt, Stage = stage, TraceId = traceId,
            Now = clock.GetUtcNow().UtcDateTime,
        }, cancellationToken: cancellationToken));
        return inserted == 1;
    }

    /// <summary>
    /// Starts a run only when no other run of the same day is going on (S23: one run at a time per
    /// consumer, location and day); false means "already running" and nothing was changed. A run
    /// silent past its lease (<see cref="RunLease"/>) no longer counts as going on: this run takes
    /// the day over and ends the stuck one as superseded, so no run is left "running" for ever.
    /// </summary>
    /// <param name="queuesDrained">The caller saw every stage queue empty: a queued or handed-over run is held to the in-stage lease.</param>
    /// <param name="firstEvent">The run's first event (info), written with the run and only when it is: one round trip.</param>
    public async Task<bool> TryStartAsync(DayRun run, string stage, string? traceId, CancellationToken cancellationToken, bool queuesDrained = false,
        string? firstEvent = null)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var lease = new { StaleBefore = now - RunLease.InStage, QueuedStaleBefore = now - RunLease.For(Stage.Queued, queuesDrained) };
        await using var connection = await database.OpenAsync(cancellationToken);
        // One command: once the run is in, the stuck one it replaces is ended with it, whatever happens to the caller next.
        var sql = firstEvent is null ? database.Sql.StartExecutionTakingOver : database.Sql.StartExecutionWithEventTakingOver;
        var changed = await connection.ExecuteAsync(new CommandDefinition(sql, new
        {
            run.ExecutionId, run.ConsumerId, run.LocationId, run.BusinessDate,
            Trigger = run.Trigger.Word(), run.Attempt, Stage = stage, TraceId = traceId,
            Now = now, lease.StaleBefore, lease.QueuedStaleBefore,
            Code = OutcomeCodes.Superseded.Word,
            Message = $"The run made no progress within its lease ({RunLease.InStage.TotalMinutes:0} min in a stage, {RunLease.Queued.TotalHours:0} h queued); run {run.ExecutionId} took the day over.",
            Level = EventLevel.Info, EventMessage = Truncate(firstEvent),
        }, cancellationToken: cancellationToken));
        // Rows changed: the run inserted (and its first event), plus the stuck runs it superseded; none when another run is going on.
        return changed > 0;
    }

    /// <summary>Every run of a consumer's days in a date range, oldest first.</summary>
    public async Task<IReadOnlyList<ExecutionRecord>> InRangeAsync(string consumerId, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<ExecutionRecord>(new CommandDefinition(database.Sql.ExecutionsInRange,
            new { ConsumerId = consumerId, From = from, To = to }, cancellationToken: cancellationToken))).ToList();
    }

    public async Task<ExecutionRecord?> GetAsync(Guid executionId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<ExecutionRecord>(new CommandDefinition(database.Sql.GetExecution, new { ExecutionId = executionId }, cancellationToken: cancellationToken));
    }

    /// <summary>
    /// Moves a running execution to <paramref name="stage"/> and reads back, in the same round trip,
    /// the execution, the consumer's configuration version and the day's ledger row (and, entering the ingest stage,
    /// the consumer's enablement as last recorded).
    /// </summary>
    public async Task<StageEntrance> EnterStageAsync(DayRun run, string stage, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var ingest = stage == Stage.Ingest;
        var sql = ingest ? database.Sql.EnterIngestStage : database.Sql.EnterStage;
        await using var read = await connection.QueryMultipleAsync(new CommandDefinition(sql, new
        {
            run.ExecutionId, run.ConsumerId, run.LocationId, run.BusinessDate, Stage = stage, Now = clock.GetUtcNow().UtcDateTime,
        }, cancellationToken: cancellationToken));
        var execution = await read.ReadSingleOrDefaultAsync<ExecutionRecord>();
        var version = await read.ReadSingleOrDefaultAsync<long?>();
        var ledger = await read.ReadSingleOrDefaultAsync<LedgerDay>();
        var enablement = ingest ? await EnablementLog.ReadAsync(read) : null;
        return new StageEntrance(execution, version, ledger, enablement);
    }

    public async Task SetStageAsync(Guid executionId, string stage, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(database.Sql.SetExecutionStage, new { ExecutionId = executionId, Stage = stage, Now = clock.GetUtcNow().UtcDateTime }, cancellationToken: cancellationToken));
    }

    /// <summary>
    /// Records the settings the reconciliation judges the run with, so a later diagnosis judges the
    /// day by the tolerance in force then, not by today's.
    /// </summary>
    public async Task RecordSettingsAsync(Guid executionId, decimal tolerance, decimal roundingThreshold, string bookingMode, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(database.Sql.RecordExecutionSettings, new
        {
            ExecutionId = executionId, Tolerance = tolerance, RoundingThreshold = roundingThreshold, BookingMode = bookingMode,
        }, cancellationToken: cancellationToken));
    }

    /// <summary>Ends a running execution; false when it had already ended (the first end wins).</summary>
    public async Task<bool> FinishAsync(Guid executionId, ExecutionOutcome result, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var updated = await connection.ExecuteAsync(new CommandDefinition(database.Sql.FinishExecution, new
        {
            ExecutionId = executionId, result.Status, result.Stage, result.ErrorCode,
            ErrorMessage = Truncate(result.ErrorMessage), result.EntryNumber, Now = clock.GetUtcNow().UtcDateTime,
        }, cancellationToken: cancellationToken));
        return updated == 1;
    }

    /// <summary>
    /// Ends a running execution with the event saying why, in one round trip; false (and no event)
    /// when it had already ended: the first end wins and keeps its story.
    /// </summary>
    /// <param name="held">Request rows the run's stage holds: they are written with the ending, whether or not it ends the run.</param>
    public async Task<bool> FinishWithEventAsync(Guid executionId, ExecutionOutcome result, string level, string message, string? detailsJson,
        CancellationToken cancellationToken, HeldRequests? held = null)
    {
        var changed = await ExecuteCarryingAsync(database.Sql.FinishExecutionWithEvent, new
        {
            ExecutionId = executionId, result.Status, result.Stage, result.ErrorCode,
            ErrorMessage = Truncate(result.ErrorMessage), result.EntryNumber, Now = clock.GetUtcNow().UtcDateTime,
            Level = level, EventMessage = Truncate(message), DetailsJson = detailsJson,
        }, held, cancellationToken);
        // The finish and its event, or neither.
        return changed > 0;
    }

    /// <summary>
    /// Books the day in the ledger (only while <see cref="LedgerBooking.Owner"/> holds its claim) and
    /// then ends the run with its event, in one round trip. Booked false: the claim was lost and
    /// nothing was written; finished false: the run had already ended and keeps its story.
    /// </summary>
    /// <param name="held">Request rows the run's stage holds: written with the booking, whether or not the claim held.</param>
    public async Task<(bool Booked, bool Finished)> FinishBookedAsync(DayKey key, LedgerBooking booking, ExecutionOutcome result, string level,
        string message, string? detailsJson, CancellationToken cancellationToken, HeldRequests? held = null)
    {
        var changed = await ExecuteCarryingAsync(database.Sql.MarkDayBookedAndFinish, new
        {
            key.ConsumerId, key.LocationId, key.BusinessDate, booking.Owner, ExecutionId = booking.ExecutionId,
            booking.EntryNumber, booking.AccountingId, booking.Fingerprint, booking.Revision,
            result.Status, result.Stage, result.ErrorCode, ErrorMessage = Truncate(result.ErrorMessage), Now = clock.GetUtcNow().UtcDateTime,
            Level = level, EventMessage = Truncate(message), DetailsJson = detailsJson,
        }, held, cancellationToken);
        // The ledger's row, the execution's, the event: each written only when the one before was.
        return (changed >= 1, changed >= 3);
    }

    /// <summary>
    /// A message that faulted (STAGE_FAILED) and was moved back from its error queue carries on
    /// the same run: the execution is running again. False when it ended otherwise.
    /// </summary>
    public async Task<bool> ReopenAsync(Guid executionId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(database.Sql.ReopenExecution,
            new { ExecutionId = executionId, Now = clock.GetUtcNow().UtcDateTime, StageFailed = OutcomeCodes.StageFailed.Word },
            cancellationToken: cancellationToken)) == 1;
    }

    /// <summary>
    /// Takes back a run that was recorded as queued but that no stage has taken (its message was
    /// never published, or was dropped when a command was stopped): the day is left as never run,
    /// so the next schedule starts it. False when a stage had already taken it, or it had ended.
    /// </summary>
    public async Task<bool> WithdrawQueuedAsync(Guid executionId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(database.Sql.WithdrawQueuedExecution,
            new { ExecutionId = executionId }, cancellationToken: cancellationToken)) == 1;
    }

    /// <param name="held">Request rows the run's stage holds, written with the event.</param>
    public async Task AddEventAsync(Guid executionId, string stage, string level, string? code, string message, string? detailsJson,
        CancellationToken cancellationToken, HeldRequests? held = null)
    {
        await ExecuteCarryingAsync(database.Sql.InsertEvent, new
        {
            ExecutionId = executionId, At = clock.GetUtcNow().UtcDateTime, Stage = stage, Level = level, Code = code,
            Message = Truncate(message), DetailsJson = detailsJson,
        }, held, cancellationToken);
    }

    /// <summary>
    /// An event, and the run handed over to the next stage's queue (<see cref="Stage.Handover"/>), in one round trip, with
    /// what the stage has still to write: the settings the run was judged with, the day's snapshot, the held request rows.
    /// </summary>
    public async Task AddEventAndHandOverAsync(DayKey key, Guid executionId, string stage, string message, string? detailsJson,
        CancellationToken cancellationToken, RunSettings? settings = null, byte[]? snapshot = null, HeldRequests? held = null)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await ExecuteCarryingAsync(snapshot is null ? database.Sql.InsertEventAndHandOver : database.Sql.SaveSnapshotAndHandOver, new
        {
            ExecutionId = executionId, At = now, Stage = stage, Level = EventLevel.Info, Code = (string?)null,
            Message = Truncate(message), DetailsJson = detailsJson,
            Tolerance = settings?.Tolerance, RoundingThreshold = settings?.RoundingThreshold, BookingMode = settings?.BookingMode,
            key.ConsumerId, key.LocationId, key.BusinessDate, DayJson = snapshot is null ? null : DayArchive.SnapshotValue(database, snapshot),
            Now = now,
        }, held, cancellationToken);
    }

    /// <summary>
    /// Writes the request rows <paramref name="held"/> still holds (a stage ending), one command per <see cref="HeldRequests.MaxCarried"/>.
    /// </summary>
    public async Task WriteHeldAsync(HeldRequests held, CancellationToken cancellationToken)
    {
        while (held.Count > 0)
            await ExecuteCarryingAsync("", new { }, held, cancellationToken);
    }

    /// <summary>
    /// Runs <paramref name="sql"/> with the rows <paramref name="held"/> holds appended (<see cref="Sql.SqlDialect.Carrying"/>), one
    /// command, and returns the rows the statement itself changed. Rows whose command failed are held again for the next write.
    /// </summary>
    /// <remarks>
    /// The command's count is the sum over its statements, and the insert of n rows changes n, so the statement's own
    /// count is the rest. SQLite sums each statement's changes; on SQL Server this rests on ExecuteNonQuery returning the
    /// rows affected by the whole command ("the total number of rows affected by the batch", SqlBatch.ExecuteNonQuery,
    /// https://learn.microsoft.com/dotnet/api/microsoft.data.sqlclient.sqlbatch.executenonquery) while NOCOUNT is OFF, as
    /// PosSync never sets it (SET NOCOUNT ON makes statements stop counting, SqlCommand.ExecuteNonQuery's remarks).
    /// On SQL Server a statement that fails need not stop the batch, so a failed command may have written the rows it
    /// held, held again: a request row twice in that rare case, never none.
    /// </remarks>
    private async Task<int> ExecuteCarryingAsync(string sql, object parameters, HeldRequests? held, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = held?.Take() ?? [];
        if (rows.Count == 0) return await connection.ExecuteAsync(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken));
        try
        {
            var changed = await connection.ExecuteAsync(new CommandDefinition(database.Sql.Carrying(sql, rows.Count),
                HeldRequests.With(parameters, rows), cancellationToken: cancellationToken));
            return changed - rows.Count;
        }
        catch (Exception) when (held is not null)
        {
            held.PutBack(rows);
            throw;
        }
    }

    public async Task<IReadOnlyList<ExecutionEvent>> EventsAsync(Guid executionId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<ExecutionEvent>(new CommandDefinition(database.Sql.ListEvents, new { ExecutionId = executionId }, cancellationToken: cancellationToken))).ToList();
    }

    public async Task<IReadOnlyList<ExecutionRecord>> ListAsync(string consumerId, ExecutionStatus? status, DateOnly? from, DateOnly? to, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<ExecutionRecord>(new CommandDefinition(database.Sql.ListExecutions,
            new { ConsumerId = consumerId, Status = status, From = from, To = to, Limit = limit }, cancellationToken: cancellationToken))).ToList();
    }

    /// <summary>The run started last of a consumer, of one location and/or one business day when given; null when none.</summary>
    public async Task<ExecutionRecord?> LatestAsync(string consumerId, string? locationId, DateOnly? businessDate, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<ExecutionRecord>(new CommandDefinition(database.Sql.LatestExecution,
            new { ConsumerId = consumerId, LocationId = locationId, BusinessDate = businessDate }, cancellationToken: cancellationToken));
    }

    /// <summary>Every run of one day, newest first.</summary>
    public async Task<IReadOnlyList<ExecutionRecord>> OfDayAsync(DayKey key, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<ExecutionRecord>(new CommandDefinition(database.Sql.ExecutionsOfDay,
            new { key.ConsumerId, key.LocationId, key.BusinessDate }, cancellationToken: cancellationToken))).ToList();
    }

    private static string? Truncate(string? text) => text is null || text.Length <= MaxMessageLength ? text : text[..(MaxMessageLength - 3)] + "...";
}
