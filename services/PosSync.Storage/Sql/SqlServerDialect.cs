namespace PosSync.Storage.Sql;

/// <summary>T-SQL for the production store, in schema <c>ops</c>. Parsed by ScriptDom in the tests.</summary>
public sealed partial class SqlServerDialect : SqlDialect
{
    public override string MigrationsFolder => "SqlServer";

    public override string PrepareMigrations => "EXEC sp_getapplock @Resource = N'possync:migrations', @LockMode = N'Exclusive', @LockOwner = N'Session', @LockTimeout = 60000;";
    public override string CreateSchemaVersions => """
        IF SCHEMA_ID(N'ops') IS NULL EXEC (N'CREATE SCHEMA ops');
        IF OBJECT_ID(N'ops.schema_versions', N'U') IS NULL
            CREATE TABLE ops.schema_versions (
                version int NOT NULL CONSTRAINT PK_schema_versions PRIMARY KEY,
                name nvarchar(200) NOT NULL,
                applied_at datetime2(3) NOT NULL);
        """;
    public override string AppliedVersions => "SELECT version FROM ops.schema_versions ORDER BY version;";
    public override string RecordVersion => "INSERT INTO ops.schema_versions (version, name, applied_at) VALUES (@Version, @Name, @AppliedAt);";

    private const string ConsumerColumns = """
        consumer_id, name, created_by_email, pos_connector, pos_status, accounting_connector, accounting_status,
        config_json, created_at, updated_at
        """;

    public override string UpsertConsumer => """
        UPDATE ops.consumers WITH (UPDLOCK, SERIALIZABLE)
        SET name = @Name, created_by_email = @CreatedByEmail, pos_connector = @PosConnector, pos_status = @PosStatus,
            accounting_connector = @AccountingConnector, accounting_status = @AccountingStatus,
            config_json = @ConfigJson, updated_at = @Now
        WHERE consumer_id = @ConsumerId;
        IF @@ROWCOUNT = 0
            INSERT INTO ops.consumers (consumer_id, name, created_by_email, pos_connector, pos_status, accounting_connector,
                                       accounting_status, config_json, created_at, updated_at)
            VALUES (@ConsumerId, @Name, @CreatedByEmail, @PosConnector, @PosStatus, @AccountingConnector,
                    @AccountingStatus, @ConfigJson, @Now, @Now);
        """;
    public override string GetConsumer => $"SELECT {ConsumerColumns} FROM ops.consumers WHERE consumer_id = @ConsumerId;";
    public override string ListConsumers => $"SELECT {ConsumerColumns} FROM ops.consumers ORDER BY consumer_id;";
    public override string FindConsumers => $"""
        SELECT {ConsumerColumns} FROM ops.consumers
        WHERE name COLLATE Latin1_General_CI_AI LIKE @Pattern ESCAPE N'\'
           OR created_by_email COLLATE Latin1_General_CI_AI LIKE @Pattern ESCAPE N'\'
           OR consumer_id COLLATE Latin1_General_CI_AI LIKE @Pattern ESCAPE N'\'
        ORDER BY name, consumer_id;
        """;
    public override string UpdateConnectionStatus => """
        UPDATE ops.consumers SET pos_status = @PosStatus, accounting_status = @AccountingStatus,
                                 config_json = @ConfigJson, updated_at = @Now
        WHERE consumer_id = @ConsumerId;
        """;

    private const string DayColumns = """
        consumer_id, location_id, business_date, status, entry_number, accounting_id, fingerprint, revision,
        execution_id, claim_owner, claimed_until, booked_at, updated_at
        """;
    private const string DayKey = "consumer_id = @ConsumerId AND location_id = @LocationId AND business_date = @BusinessDate";

    public override string GetDay => $"SELECT {DayColumns} FROM ops.day_ledger WHERE {DayKey};";
    public override string InsertDayClaim => $"""
        INSERT INTO ops.day_ledger (consumer_id, location_id, business_date, status, revision, execution_id, claim_owner, claimed_until, updated_at)
        SELECT @ConsumerId, @LocationId, @BusinessDate, N'unbooked', 0, @ExecutionId, @Owner, @Until, @Now
        WHERE NOT EXISTS (SELECT 1 FROM ops.day_ledger WITH (UPDLOCK, HOLDLOCK) WHERE {DayKey});
        """;
    public override string TakeDayClaim => $"""
        UPDATE ops.day_ledger SET claim_owner = @Owner, claimed_until = @Until, updated_at = @Now
        WHERE {DayKey} AND (claim_owner IS NULL OR claim_owner = @Owner OR claimed_until < @Now);
        """;
    public override string MarkDayBooked => $"""
        UPDATE ops.day_ledger SET status = N'booked', entry_number = @EntryNumber, accounting_id = @AccountingId,
            fingerprint = @Fingerprint, revision = @Revision, execution_id = @ExecutionId, booked_at = @Now,
            claim_owner = NULL, claimed_until = NULL, updated_at = @Now
        WHERE {DayKey} AND claim_owner = @Owner;
        """;
    public override string MarkDayRemoved => $"""
        UPDATE ops.day_ledger SET status = N'unbooked', entry_number = NULL, accounting_id = NULL, fingerprint = NULL,
            revision = @Revision, execution_id = @ExecutionId, booked_at = NULL, updated_at = @Now
        WHERE {DayKey} AND claim_owner = @Owner AND status = N'booked';
        """;
    public override string MarkDayNothingToBook => $"""
        UPDATE ops.day_ledger WITH (UPDLOCK, SERIALIZABLE)
        SET status = N'nothing_to_book', execution_id = @ExecutionId, updated_at = @Now
        WHERE {DayKey} AND status <> N'booked';
        IF @@ROWCOUNT = 0 AND NOT EXISTS (SELECT 1 FROM ops.day_ledger WHERE {DayKey})
            INSERT INTO ops.day_ledger (consumer_id, location_id, business_date, status, revision, execution_id, updated_at)
            VALUES (@ConsumerId, @LocationId, @BusinessDate, N'nothing_to_book', 0, @ExecutionId, @Now);
        """;
    public override string ReleaseDayClaim => $"""
        UPDATE ops.day_ledger SET claim_owner = NULL, claimed_until = NULL, updated_at = @Now
        WHERE {DayKey} AND claim_owner = @Owner;
        """;
    private const string ExecutionColumns = """
        execution_id, consumer_id, location_id, business_date, [trigger], attempt, status, stage, error_code,
        error_message, entry_number, trace_id, started_at, updated_at, finished_at, tolerance, rounding_threshold, booking_mode
        """;

    public override string InsertExecution => """
        INSERT INTO ops.executions (execution_id, consumer_id, location_id, business_date, [trigger], attempt, status, stage,
                                    trace_id, started_at, updated_at)
        SELECT @ExecutionId, @ConsumerId, @LocationId, @BusinessDate, @Trigger, @Attempt, N'running', @Stage, @TraceId, @Now, @Now
        WHERE NOT EXISTS (SELECT 1 FROM ops.executions WITH (UPDLOCK, HOLDLOCK) WHERE execution_id = @ExecutionId);
        """;
    public override string GetExecution => $"SELECT {ExecutionColumns} FROM ops.executions WHERE execution_id = @ExecutionId;";
    public override string SetExecutionStage => """
        UPDATE ops.executions SET stage = @Stage, updated_at = @Now WHERE execution_id = @ExecutionId AND status = N'running';
        """;
    public override string FinishExecution => """
        UPDATE ops.executions SET status = @Status, stage = @Stage, error_code = @ErrorCode, error_message = @ErrorMessage,
            entry_number = COALESCE(@EntryNumber, entry_number), finished_at = @Now, updated_at = @Now
        WHERE execution_id = @ExecutionId AND status = N'running';
        """;
    public override string ReopenExecution => """
        UPDATE ops.executions SET status = N'running', error_code = NULL, error_message = NULL, finished_at = NULL, updated_at = @Now
        WHERE execution_id = @ExecutionId AND status = N'error' AND error_code = N'STAGE_FAILED';
        """;
    public override string WithdrawQueuedExecution => """
        DELETE FROM ops.executions WHERE execution_id = @ExecutionId AND status = N'running' AND stage = N'queued';
        """;
    public override string ListExecutions => $"""
        SELECT TOP (@Limit) {ExecutionColumns} FROM ops.executions
        WHERE consumer_id = @ConsumerId
          AND (@Status IS NULL OR status = @Status)
          AND (@From IS NULL OR business_date >= @From)
          AND (@To IS NULL OR business_date <= @To)
        ORDER BY id DESC;
        """;
    public override string ExecutionsOfDay => $"""
        SELECT {ExecutionColumns} FROM ops.executions
        WHERE consumer_id = @ConsumerId AND location_id = @LocationId AND business_date = @BusinessDate
        ORDER BY id DESC;
        """;
    public override string LatestExecution => $"""
        SELECT TOP (1) {ExecutionColumns} FROM ops.executions
        WHERE consumer_id = @ConsumerId
          AND (@LocationId IS NULL OR location_id = @LocationId)
          AND (@BusinessDate IS NULL OR business_date = @BusinessDate)
        ORDER BY id DESC;
        """;
    public override string InsertEvent => """
        INSERT INTO ops.execution_events (execution_id, at, stage, level, code, message, details_json)
        VALUES (@ExecutionId, @At, @Stage, @Level, @Code, @Message, @DetailsJson);
        """;
    public override string ListEvents => """
        SELECT execution_id, at, stage, level, code, message, details_json FROM ops.execution_events
        WHERE execution_id = @ExecutionId ORDER BY id;
        """;

    private const string CredentialColumns = "consumer_id, role, connector, access_token, refresh_token, expires_at, refresh_expires_at, scope, version, updated_at";

    public override string GetCredentials => $"SELECT {CredentialColumns} FROM ops.connections WHERE consumer_id = @ConsumerId AND role = @Role;";
    public override string SaveCredentials => """
        UPDATE ops.connections WITH (UPDLOCK, SERIALIZABLE)
        SET connector = @Connector, access_token = @AccessToken, refresh_token = @RefreshToken, expires_at = @ExpiresAt,
            refresh_expires_at = @RefreshExpiresAt, scope = @Scope, version = version + 1, updated_at = @Now
        WHERE consumer_id = @ConsumerId AND role = @Role;
        IF @@ROWCOUNT = 0
            INSERT INTO ops.connections (consumer_id, role, connector, access_token, refresh_token, expires_at, refresh_expires_at, scope, version, updated_at)
            VALUES (@ConsumerId, @Role, @Connector, @AccessToken, @RefreshToken, @ExpiresAt, @RefreshExpiresAt, @Scope, 1, @Now);
        """;
    public override string RotateCredentials => """
        UPDATE ops.connections SET access_token = @AccessToken, refresh_token = @RefreshToken, expires_at = @ExpiresAt,
            refresh_expires_at = @RefreshExpiresAt, scope = COALESCE(@Scope, scope), version = version + 1, updated_at = @Now
        WHERE consumer_id = @ConsumerId AND role = @Role AND version = @Version;
        """;
    public override string ExpiringCredentials => """
        SELECT consumer_id, role, connector, refresh_expires_at, updated_at FROM ops.connections
        WHERE refresh_expires_at IS NOT NULL AND refresh_token IS NOT NULL AND refresh_expires_at <= @Before
        ORDER BY refresh_expires_at;
        """;
    public override string OpenIssue => """
        UPDATE ops.consumer_issues WITH (UPDLOCK, SERIALIZABLE)
        SET occurrences = occurrences + 1, message = @Message, last_seen = @Now
        WHERE consumer_id = @ConsumerId AND code = @Code AND status = N'open';
        IF @@ROWCOUNT = 0
            INSERT INTO ops.consumer_issues (consumer_id, code, message, occurrences, status, first_seen, last_seen)
            VALUES (@ConsumerId, @Code, @Message, 1, N'open', @Now, @Now);
        """;
    public override string ResolveIssues => """
        UPDATE ops.consumer_issues SET status = N'resolved', resolved_at = @Now
        WHERE consumer_id = @ConsumerId AND code = @Code AND status = N'open';
        """;
    public override string ListIssues => """
        SELECT TOP (@Limit) consumer_id, code, message, occurrences, status, first_seen, last_seen, resolved_at
        FROM ops.consumer_issues WHERE consumer_id = @ConsumerId ORDER BY id DESC;
        """;

    public override string StartExecutionIfIdle => """
        INSERT INTO ops.executions (execution_id, consumer_id, location_id, business_date, [trigger], attempt, status, stage,
                                    trace_id, started_at, updated_at)
        SELECT @ExecutionId, @ConsumerId, @LocationId, @BusinessDate, @Trigger, @Attempt, N'running', @Stage, @TraceId, @Now, @Now
        WHERE NOT EXISTS (
            SELECT 1 FROM ops.executions WITH (UPDLOCK, HOLDLOCK)
            WHERE consumer_id = @ConsumerId AND location_id = @LocationId AND business_date = @BusinessDate
              AND status = N'running' AND updated_at > CASE WHEN stage IN (N'queued', N'handover') THEN @QueuedStaleBefore ELSE @StaleBefore END)
          AND NOT EXISTS (SELECT 1 FROM ops.executions WITH (UPDLOCK, HOLDLOCK) WHERE execution_id = @ExecutionId);
        """;
    public override string SupersedeStuckExecutions => """
        UPDATE ops.executions SET status = N'error', error_code = @Code, error_message = @Message, finished_at = @Now, updated_at = @Now
        WHERE consumer_id = @ConsumerId AND location_id = @LocationId AND business_date = @BusinessDate
          AND status = N'running' AND execution_id <> @ExecutionId
          AND updated_at <= CASE WHEN stage IN (N'queued', N'handover') THEN @QueuedStaleBefore ELSE @StaleBefore END;
        """;
    public override string ExecutionsInRange => $"""
        SELECT {ExecutionColumns} FROM ops.executions
        WHERE consumer_id = @ConsumerId AND business_date >= @From AND business_date <= @To
        ORDER BY id;
        """;
    public override string LedgerDaysInRange => $"""
        SELECT {DayColumns} FROM ops.day_ledger
        WHERE consumer_id = @ConsumerId AND business_date >= @From AND business_date <= @To;
        """;
    public override string SaveCatalog => "UPDATE ops.consumers SET catalog_json = @CatalogJson, catalog_at = @Now WHERE consumer_id = @ConsumerId;";
    public override string GetCatalog => "SELECT catalog_json FROM ops.consumers WHERE consumer_id = @ConsumerId;";
    public override string SaveSnapshot => """
        UPDATE ops.day_snapshots WITH (UPDLOCK, SERIALIZABLE)
        SET execution_id = @ExecutionId, day_json = @DayJson, fetched_at = @Now
        WHERE consumer_id = @ConsumerId AND location_id = @LocationId AND business_date = @BusinessDate;
        IF @@ROWCOUNT = 0
            INSERT INTO ops.day_snapshots (consumer_id, location_id, business_date, execution_id, day_json, fetched_at)
            VALUES (@ConsumerId, @LocationId, @BusinessDate, @ExecutionId, @DayJson, @Now);
        """;
    public override string GetSnapshot => """
        SELECT day_json FROM ops.day_snapshots WHERE consumer_id = @ConsumerId AND location_id = @LocationId AND business_date = @BusinessDate;
        """;

    public override string InsertRequest => """
        INSERT INTO ops.requests (consumer_id, execution_id, connector, operation, method, url, status_code, duration_ms, error, at)
        VALUES (@ConsumerId, @ExecutionId, @Connector, @Operation, @Method, @Url, @StatusCode, @DurationMs, @Error, @At);
        """;
    public override string ListRequests => """
        SELECT TOP (@Limit) consumer_id, execution_id, connector, operation, method, url, status_code, duration_ms, error, at
        FROM ops.requests
        WHERE consumer_id = @ConsumerId
          AND (@StatusCode IS NULL OR status_code = @StatusCode)
          AND (@ExecutionId IS NULL OR execution_id = @ExecutionId)
        ORDER BY id DESC;
        """;
}
