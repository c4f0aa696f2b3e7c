namespace PosSync.Storage.Sql;

public sealed partial class SqliteDialect : SqlDialect
{
    public override string MigrationsFolder => "Sqlite";

    public override string PrepareMigrations => "PRAGMA journal_mode = WAL;";
    public override string CreateSchemaVersions => """
        CREATE TABLE IF NOT EXISTS schema_versions (
            version INTEGER NOT NULL PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)
        """;
    public override string AppliedVersions => "SELECT version FROM schema_versions ORDER BY version";
    public override string RecordVersion => "INSERT INTO schema_versions (version, name, applied_at) VALUES (@Version, @Name, @AppliedAt)";

    private const string ConsumerColumns = """
        consumer_id, name, created_by_email, pos_connector, pos_status, accounting_connector, accounting_status,
        config_json, created_at, updated_at
        """;

    public override string UpsertConsumer => """
        INSERT INTO consumers (consumer_id, name, created_by_email, pos_connector, pos_status, accounting_connector,
                               accounting_status, config_json, created_at, updated_at)
        VALUES (@ConsumerId, @Name, @CreatedByEmail, @PosConnector, @PosStatus, @AccountingConnector,
                @AccountingStatus, @ConfigJson, @Now, @Now)
        ON CONFLICT (consumer_id) DO UPDATE SET
            name = excluded.name, created_by_email = excluded.created_by_email,
            pos_connector = excluded.pos_connector, pos_status = excluded.pos_status,
            accounting_connector = excluded.accounting_connector, accounting_status = excluded.accounting_status,
            config_json = excluded.config_json, updated_at = excluded.updated_at
        """;
    public override string GetConsumer => $"SELECT {ConsumerColumns} FROM consumers WHERE consumer_id = @ConsumerId";
    public override string ListConsumers => $"SELECT {ConsumerColumns} FROM consumers ORDER BY consumer_id";
    public override string FindConsumers => $"""
        SELECT {ConsumerColumns} FROM consumers
        WHERE {SearchText.SqliteFunction}(name) LIKE @Pattern ESCAPE '\' OR {SearchText.SqliteFunction}(created_by_email) LIKE @Pattern ESCAPE '\'
           OR {SearchText.SqliteFunction}(consumer_id) LIKE @Pattern ESCAPE '\'
        ORDER BY name, consumer_id
        """;
    public override string UpdateConnectionStatus => """
        UPDATE consumers SET pos_status = @PosStatus, accounting_status = @AccountingStatus,
                             config_json = @ConfigJson, updated_at = @Now
        WHERE consumer_id = @ConsumerId
        """;

    private const string DayColumns = """
        consumer_id, location_id, business_date, status, entry_number, accounting_id, fingerprint, revision,
        execution_id, claim_owner, claimed_until, booked_at, updated_at
        """;
    private const string DayKey = "consumer_id = @ConsumerId AND location_id = @LocationId AND business_date = @BusinessDate";

    public override string GetDay => $"SELECT {DayColumns} FROM day_ledger WHERE {DayKey}";
    public override string InsertDayClaim => """
        INSERT INTO day_ledger (consumer_id, location_id, business_date, status, revision, execution_id, claim_owner, claimed_until, updated_at)
        VALUES (@ConsumerId, @LocationId, @BusinessDate, 'unbooked', 0, @ExecutionId, @Owner, @Until, @Now)
        ON CONFLICT (consumer_id, location_id, business_date) DO NOTHING
        """;
    public override string TakeDayClaim => $"""
        UPDATE day_ledger SET claim_owner = @Owner, claimed_until = @Until, updated_at = @Now
        WHERE {DayKey} AND (claim_owner IS NULL OR claim_owner = @Owner OR claimed_until < @Now)
        """;
    public override string MarkDayBooked => $"""
        UPDATE day_ledger SET status = 'booked', entry_number = @EntryNumber, accounting_id = @AccountingId,
            fingerprint = @Fingerprint, revision = @Revision, execution_id = @ExecutionId, booked_at = @Now,
            claim_owner = NULL, claimed_until = NULL, updated_at = @Now
        WHERE {DayKey} AND claim_owner = @Owner
        """;
    public override string MarkDayRemoved => $"""
        UPDATE day_ledger SET status = 'unbooked', entry_number = NULL, accounting_id = NULL, fingerprint = NULL,
            revision = @Revision, execution_id = @ExecutionId, booked_at = NULL, updated_at = @Now
        WHERE {DayKey} AND claim_owner = @Owner AND status = 'booked'
        """;
    public override string MarkDayNothingToBook => """
        INSERT INTO day_ledger (consumer_id, location_id, business_date, status, revision, execution_id, updated_at)
        VALUES (@ConsumerId, @LocationId, @BusinessDate, 'nothing_to_book', 0, @ExecutionId, @Now)
        ON CONFLICT (consumer_id, location_id, business_date) DO UPDATE SET
            status = 'nothing_to_book', execution_id = excluded.execution_id, updated_at = excluded.updated_at
        WHERE day_ledger.status <> 'booked'
        """;
    public override string ReleaseDayClaim => $"""
        UPDATE day_ledger SET claim_owner = NULL, claimed_until = NULL, updated_at = @Now
        WHERE {DayKey} AND claim_owner = @Owner
        """;
    private const string ExecutionColumns = """
        execution_id, consumer_id, location_id, business_date, trigger, attempt, status, stage, error_code,
        error_message, entry_number, trace_id, started_at, updated_at, finished_at, tolerance, rounding_threshold, booking_mode
        """;

    public override string InsertExecution => """
        INSERT INTO executions (execution_id, consumer_id, location_id, business_date, trigger, attempt, status, stage,
                                trace_id, started_at, updated_at)
        VALUES (@ExecutionId, @ConsumerId, @LocationId, @BusinessDate, @Trigger, @Attempt, 'running', @Stage,
                @TraceId, @Now, @Now)
        ON CONFLICT (execution_id) DO NOTHING
        """;
    public override string GetExecution => $"SELECT {ExecutionColumns} FROM executions WHERE execution_id = @ExecutionId";
    public override string SetExecutionStage => """
        UPDATE executions SET stage = @Stage, updated_at = @Now WHERE execution_id = @ExecutionId AND status = 'running'
        """;
    public override string FinishExecution => """
        UPDATE executions SET status = @Status, stage = @Stage, error_code = @ErrorCode, error_message = @ErrorMessage,
            entry_number = COALESCE(@EntryNumber, entry_number), finished_at = @Now, updated_at = @Now
        WHERE execution_id = @ExecutionId AND status = 'running'
        """;
    public override string ReopenExecution => """
        UPDATE executions SET status = 'running', error_code = NULL, error_message = NULL, finished_at = NULL, updated_at = @Now
        WHERE execution_id = @ExecutionId AND status = 'error' AND error_code = 'STAGE_FAILED'
        """;
    public override string WithdrawQueuedExecution => """
        DELETE FROM executions WHERE execution_id = @ExecutionId AND status = 'running' AND stage = 'queued'
        """;
    public override string ListExecutions => $"""
        SELECT {ExecutionColumns} FROM executions
        WHERE consumer_id = @ConsumerId
          AND (@Status IS NULL OR status = @Status)
          AND (@From IS NULL OR business_date >= @From)
          AND (@To IS NULL OR business_date <= @To)
        ORDER BY id DESC
        LIMIT @Limit
        """;
    public override string ExecutionsOfDay => $"""
        SELECT {ExecutionColumns} FROM executions
        WHERE consumer_id = @ConsumerId AND location_id = @LocationId AND business_date = @BusinessDate
        ORDER BY id DESC
        """;
    public override string LatestExecution => $"""
        SELECT {ExecutionColumns} FROM executions
        WHERE consumer_id = @ConsumerId
          AND (@LocationId IS NULL OR location_id = @LocationId)
          AND (@BusinessDate IS NULL OR business_date = @BusinessDate)
        ORDER BY id DESC
        LIMIT 1
        """;
    public override string InsertEvent => """
        INSERT INTO execution_events (execution_id, at, stage, level, code, message, details_json)
        VALUES (@ExecutionId, @At, @Stage, @Level, @Code, @Message, @DetailsJson)
        """;
    public override string ListEvents => """
        SELECT execution_id, at, stage, level, code, message, details_json FROM execution_events
        WHERE execution_id = @ExecutionId ORDER BY id
        """;

    private const string CredentialColumns = "consumer_id, role, connector, access_token, refresh_token, expires_at, refresh_expires_at, scope, version, updated_at";

    public override string GetCredentials => $"SELECT {CredentialColumns} FROM connections WHERE consumer_id = @ConsumerId AND role = @Role";
    public override string SaveCredentials => """
        INSERT INTO connections (consumer_id, role, connector, access_token, refresh_token, expires_at, refresh_expires_at, scope, version, updated_at)
        VALUES (@ConsumerId, @Role, @Connector, @AccessToken, @RefreshToken, @ExpiresAt, @RefreshExpiresAt, @Scope, 1, @Now)
        ON CONFLICT (consumer_id, role) DO UPDATE SET
            connector = excluded.connector, access_token = excluded.access_token, refresh_token = excluded.refresh_token,
            expires_at = excluded.expires_at, refresh_expires_at = excluded.refresh_expires_at, scope = excluded.scope,
            version = connections.version + 1, updated_at = excluded.updated_at
        """;
    public override string RotateCredentials => """
        UPDATE connections SET access_token = @AccessToken, refresh_token = @RefreshToken, expires_at = @ExpiresAt,
            refresh_expires_at = @RefreshExpiresAt, scope = COALESCE(@Scope, scope), version = version + 1, updated_at = @Now
        WHERE consumer_id = @ConsumerId AND role = @Role AND version = @Version
        """;
    public override string ExpiringCredentials => """
        SELECT consumer_id, role, connector, refresh_expires_at, updated_at FROM connections
        WHERE refresh_expires_at IS NOT NULL AND refresh_token IS NOT NULL AND refresh_expires_at <= @Before
        ORDER BY refresh_expires_at
        """;
    public override string OpenIssue => """
        INSERT INTO consumer_issues (consumer_id, code, message, occurrences, status, first_seen, last_seen)
        VALUES (@ConsumerId, @Code, @Message, 1, 'open', @Now, @Now)
        ON CONFLICT (consumer_id, code) WHERE status = 'open' DO UPDATE SET
            occurrences = consumer_issues.occurrences + 1, message = excluded.message, last_seen = excluded.last_seen
        """;
    public override string ResolveIssues => """
        UPDATE consumer_issues SET status = 'resolved', resolved_at = @Now
        WHERE consumer_id = @ConsumerId AND code = @Code AND status = 'open'
        """;
    public override string ListIssues => """
        SELECT consumer_id, code, message, occurrences, status, first_seen, last_seen, resolved_at FROM consumer_issues
        WHERE consumer_id = @ConsumerId ORDER BY id DESC LIMIT @Limit
        """;

    public override string StartExecutionIfIdle => """
        INSERT INTO executions (execution_id, consumer_id, location_id, business_date, trigger, attempt, status, stage,
                                trace_id, started_at, updated_at)
        SELECT @ExecutionId, @ConsumerId, @LocationId, @BusinessDate, @Trigger, @Attempt, 'running', @Stage, @TraceId, @Now, @Now
        WHERE NOT EXISTS (
            SELECT 1 FROM executions
            WHERE consumer_id = @ConsumerId AND location_id = @LocationId AND business_date = @BusinessDate
              AND status = 'running' AND updated_at > CASE WHEN stage IN ('queued', 'handover') THEN @QueuedStaleBefore ELSE @StaleBefore END)
          AND NOT EXISTS (SELECT 1 FROM executions WHERE execution_id = @ExecutionId)
        """;
    public override string SupersedeStuckExecutions => """
        UPDATE executions SET status = 'error', error_code = @Code, error_message = @Message, finished_at = @Now, updated_at = @Now
        WHERE consumer_id = @ConsumerId AND location_id = @LocationId AND business_date = @BusinessDate
          AND status = 'running' AND execution_id <> @ExecutionId
          AND updated_at <= CASE WHEN stage IN ('queued', 'handover') THEN @QueuedStaleBefore ELSE @StaleBefore END
        """;
    public override string ExecutionsInRange => $"""
        SELECT {ExecutionColumns} FROM executions
        WHERE consumer_id = @ConsumerId AND business_date >= @From AND business_date <= @To
        ORDER BY id
        """;
    public override string LedgerDaysInRange => $"""
        SELECT {DayColumns} FROM day_ledger
        WHERE consumer_id = @ConsumerId AND business_date >= @From AND business_date <= @To
        """;
    public override string SaveCatalog => "UPDATE consumers SET catalog_json = @CatalogJson, catalog_at = @Now WHERE consumer_id = @ConsumerId";
    public override string GetCatalog => "SELECT catalog_json FROM consumers WHERE consumer_id = @ConsumerId";
    public override string SaveSnapshot => """
        INSERT INTO day_snapshots (consumer_id, location_id, business_date, execution_id, day_json, fetched_at)
        VALUES (@ConsumerId, @LocationId, @BusinessDate, @ExecutionId, @DayJson, @Now)
        ON CONFLICT (consumer_id, location_id, business_date) DO UPDATE SET
            execution_id = excluded.execution_id, day_json = excluded.day_json, fetched_at = excluded.fetched_at
        """;
    public override string GetSnapshot => """
        SELECT day_json FROM day_snapshots WHERE consumer_id = @ConsumerId AND location_id = @LocationId AND business_date = @BusinessDate
        """;

    public override string InsertRequest => """
        INSERT INTO requests (consumer_id, execution_id, connector, operation, method, url, status_code, duration_ms, error, at)
        VALUES (@ConsumerId, @ExecutionId, @Connector, @Operation, @Method, @Url, @StatusCode, @DurationMs, @Error, @At)
        """;
    public override string ListRequests => """
        SELECT consumer_id, execution_id, connector, operation, method, url, status_code, duration_ms, error, at FROM requests
        WHERE consumer_id = @ConsumerId
          AND (@StatusCode IS NULL OR status_code = @StatusCode)
          AND (@ExecutionId IS NULL OR execution_id = @ExecutionId)
        ORDER BY id DESC
        LIMIT @Limit
        """;
}
