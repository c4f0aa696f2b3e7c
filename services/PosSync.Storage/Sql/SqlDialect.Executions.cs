namespace PosSync.Storage.Sql;

/// <summary>
/// The runs (executions) and their events, and what operations ask: one run per day at a time, ranges
/// for the scheduler, the POS catalog and the day snapshots.
/// </summary>
public abstract partial class SqlDialect
{
    // Executions
    protected string ExecutionColumns => field ??= $"""
        execution_id, consumer_id, location_id, business_date, {Identifier("trigger")} AS trigger_word, attempt, status, stage, error_code,
        error_message, entry_number, trace_id, started_at, updated_at, finished_at, tolerance, rounding_threshold, booking_mode
        """;

    public abstract string InsertExecution { get; }
    public string GetExecution => field ??= $"SELECT {ExecutionColumns} FROM {Schema}executions WHERE execution_id = @ExecutionId;";
    public string SetExecutionStage => field ??= $"""
        UPDATE {Schema}executions SET stage = @Stage, updated_at = @Now WHERE execution_id = @ExecutionId AND status = {Literal("running")};
        """;
    /// <summary>
    /// How a stage enters a day, in one round trip: a running execution moves to the stage; the
    /// execution as it now is, the consumer's configuration version (its configuration is read only
    /// when the version differs from the one held) and the day's ledger row are read back.
    /// </summary>
    public string EnterStage => field ??= $"""
        {SetExecutionStage}
        {GetExecution}
        SELECT config_version FROM {Schema}consumers WHERE consumer_id = @ConsumerId;
        {GetDay}
        """;
    /// <summary>
    /// How the ingest stage enters a day: as <see cref="EnterStage"/>, with the consumer's enablement as last recorded,
    /// so <see cref="Stores.EnablementLog"/> writes it only when it changed without a read of its own.
    /// </summary>
    public string EnterIngestStage => field ??= $"""
        {EnterStage}
        {GetRecordedEnablement}
        """;
    public string FinishExecution => field ??= $"""
        UPDATE {Schema}executions SET status = @Status, stage = @Stage, error_code = @ErrorCode, error_message = @ErrorMessage,
            entry_number = COALESCE(@EntryNumber, entry_number), finished_at = @Now, updated_at = @Now
        WHERE execution_id = @ExecutionId AND status = {Literal("running")};
        """;
    /// <summary>
    /// Ends a running execution and, only when it did end it (the first end wins), adds the event
    /// saying why, in one round trip: a run that had already ended keeps its ending and its story.
    /// </summary>
    public string FinishExecutionWithEvent => field ??= $"""
        {FinishExecution}
        {WhenOneRowChanged(InsertFinishEvent)}
        """;
    public string ReopenExecution => field ??= $"""
        UPDATE {Schema}executions
        SET status = {Literal("running")}, error_code = NULL, error_message = NULL, finished_at = NULL, updated_at = @Now
        WHERE execution_id = @ExecutionId AND status = {Literal("error")} AND error_code = @StageFailed;
        """;
    /// <summary>Removes a run that no stage has taken yet (still queued): its day is as if it never ran.</summary>
    public string WithdrawQueuedExecution => field ??= $"""
        DELETE FROM {Schema}executions
        WHERE execution_id = @ExecutionId AND status = {Literal("running")} AND stage = {Literal("queued")};
        """;
    public string ListExecutions => field ??= $"""
        SELECT {Top("@Limit")}{ExecutionColumns} FROM {Schema}executions
        WHERE consumer_id = @ConsumerId
          AND (@Status IS NULL OR status = @Status)
          AND (@From IS NULL OR business_date >= @From)
          AND (@To IS NULL OR business_date <= @To)
        ORDER BY id DESC{Limit("@Limit")};
        """;
    public string ExecutionsOfDay => field ??= $"""
        SELECT {ExecutionColumns} FROM {Schema}executions
        WHERE consumer_id = @ConsumerId AND location_id = @LocationId AND business_date = @BusinessDate
        ORDER BY id DESC;
        """;
    public string LatestExecution => field ??= $"""
        SELECT {Top("1")}{ExecutionColumns} FROM {Schema}executions
        WHERE consumer_id = @ConsumerId
          AND (@LocationId IS NULL OR location_id = @LocationId)
          AND (@BusinessDate IS NULL OR business_date = @BusinessDate)
        ORDER BY id DESC{Limit("1")};
        """;
    public string InsertEvent => field ??= $"""
        INSERT INTO {Schema}execution_events (execution_id, at, stage, level, code, message, details_json)
        VALUES (@ExecutionId, @At, @Stage, @Level, @Code, @Message, @DetailsJson);
        """;
    /// <summary>
    /// The day booked in the ledger by the claim's owner and, only then, the run ended with its
    /// event (each only when the one before changed its row), in one round trip.
    /// </summary>
    public string MarkDayBookedAndFinish => field ??= $"""
        {MarkDayBooked}
        {WhenOneRowChanged(FinishExecution)}
        {WhenOneRowChanged(InsertFinishEvent)}
        """;
    private string InsertFinishEvent => field ??= $"""
        INSERT INTO {Schema}execution_events (execution_id, at, stage, level, code, message, details_json)
        SELECT execution_id, @Now, @Stage, @Level, @ErrorCode, @EventMessage, @DetailsJson FROM {Schema}executions
        WHERE execution_id = @ExecutionId;
        """;
    /// <summary>
    /// An event, and the run handed over to the next stage's queue, in one round trip; the settings the run was judged
    /// with (<see cref="RecordExecutionSettings"/>) go with it when given (null keeps those recorded).
    /// </summary>
    public string InsertEventAndHandOver => field ??= $"""
        {InsertEvent}
        UPDATE {Schema}executions SET stage = {Literal("handover")}, updated_at = @At,
            tolerance = COALESCE(@Tolerance, tolerance), rounding_threshold = COALESCE(@RoundingThreshold, rounding_threshold),
            booking_mode = COALESCE(@BookingMode, booking_mode)
        WHERE execution_id = @ExecutionId AND status = {Literal("running")};
        """;
    /// <summary>The day's snapshot kept, then the event and the hand-off (<see cref="InsertEventAndHandOver"/>), in one round trip.</summary>
    public string SaveSnapshotAndHandOver => field ??= $"""
        {Ended(SaveSnapshot)}
        {InsertEventAndHandOver}
        """;
    public string ListEvents => field ??= $"""
        SELECT execution_id, at, stage, level, code, message, details_json FROM {Schema}execution_events
        WHERE execution_id = @ExecutionId ORDER BY id;
        """;

    // Operations: one run per day at a time, ranges for the scheduler, catalogs and day snapshots
    public string StartExecutionIfIdle => field ??= $"""
        INSERT INTO {Schema}executions (execution_id, consumer_id, location_id, business_date, {Identifier("trigger")}, attempt, status, stage,
                                        trace_id, started_at, updated_at)
        SELECT @ExecutionId, @ConsumerId, @LocationId, @BusinessDate, @Trigger, @Attempt, {Literal("running")}, @Stage, @TraceId, @Now, @Now
        WHERE NOT EXISTS (
            SELECT 1 FROM {Schema}executions{HeldUntilInsert}
            WHERE consumer_id = @ConsumerId AND location_id = @LocationId AND business_date = @BusinessDate
              AND status = {Literal("running")} AND updated_at > {StaleBefore})
          AND NOT EXISTS (SELECT 1 FROM {Schema}executions{HeldUntilInsert} WHERE execution_id = @ExecutionId);
        """;
    /// <summary>Ends the day's runs silent past their lease (<see cref="Stores.RunLease"/>) once a new run has taken the day over.</summary>
    public string SupersedeStuckExecutions => field ??= $"""
        UPDATE {Schema}executions
        SET status = {Literal("error")}, error_code = @Code, error_message = @Message, finished_at = @Now, updated_at = @Now
        WHERE consumer_id = @ConsumerId AND location_id = @LocationId AND business_date = @BusinessDate
          AND status = {Literal("running")} AND execution_id <> @ExecutionId
          AND updated_at <= {StaleBefore};
        """;
    /// <summary>
    /// A run started when no other run of its day is going on, and the day's stuck runs it takes
    /// over ended as superseded, in one round trip (the second only when the first inserted the run).
    /// </summary>
    public string StartExecutionTakingOver => field ??= $"""
        {StartExecutionIfIdle}
        {WhenOneRowChanged(SupersedeStuckExecutions)}
        """;
    /// <summary>
    /// As <see cref="StartExecutionTakingOver"/>, with the run's first event (<c>@EventMessage</c>) written with the run:
    /// the event only when the run was inserted, the stuck runs ended only when the event was (so when the run was).
    /// </summary>
    public string StartExecutionWithEventTakingOver => field ??= $"""
        {StartExecutionIfIdle}
        {WhenOneRowChanged(InsertStartEvent)}
        {WhenOneRowChanged(SupersedeStuckExecutions)}
        """;
    private string InsertStartEvent => field ??= $"""
        INSERT INTO {Schema}execution_events (execution_id, at, stage, level, code, message, details_json)
        SELECT execution_id, @Now, @Stage, @Level, NULL, @EventMessage, NULL FROM {Schema}executions
        WHERE execution_id = @ExecutionId;
        """;
    /// <summary>When a running run's last sign of life makes it stuck: a queued or handed-over run has its own, longer lease.</summary>
    private string StaleBefore => field ??=
        $"CASE WHEN stage IN ({Literal("queued")}, {Literal("handover")}) THEN @QueuedStaleBefore ELSE @StaleBefore END";
    public string ExecutionsInRange => field ??= $"""
        SELECT {ExecutionColumns} FROM {Schema}executions
        WHERE consumer_id = @ConsumerId AND business_date >= @From AND business_date <= @To
        ORDER BY id;
        """;
    public string LedgerDaysInRange => field ??= $"""
        SELECT {DayColumns} FROM {Schema}day_ledger
        WHERE consumer_id = @ConsumerId AND business_date >= @From AND business_date <= @To;
        """;
    public string SaveCatalog => field ??= $"""
        UPDATE {Schema}consumers SET catalog_json = @CatalogJson, catalog_at = @Now WHERE consumer_id = @ConsumerId;
        """;
    public string GetCatalog => field ??= $"SELECT catalog_json FROM {Schema}consumers WHERE consumer_id = @ConsumerId;";
    public abstract string SaveSnapshot { get; }
    public string GetSnapshot => field ??= $"SELECT day_json FROM {Schema}day_snapshots WHERE {DayKey};";
}
