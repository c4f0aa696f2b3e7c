namespace PosSync.Storage.Sql;

/// <summary>
/// SQLite's spelling of the shared statements, and the statements it writes its own way: upserts
/// and insert-if-absent as INSERT ... ON CONFLICT (every statement runs under the write lock).
/// </summary>
public sealed partial class SqliteDialect : SqlDialect
{
    public override string MigrationsFolder => "Sqlite";

    protected override string Schema => "";
    protected override string Literal(string word) => $"'{word.Replace("'", "''", StringComparison.Ordinal)}'";
    protected override string Identifier(string name) => name;
    protected override string Top(string count) => "";
    protected override string Limit(string count) => $"\nLIMIT {count}";
    protected override string HeldUntilInsert => "";
    // changes() is the row count of the last statement completed on the connection: the one before.
    protected override string WhenOneRowChanged(string statement) => $"{statement.TrimEnd().TrimEnd(';')}\n  AND changes() = 1;";
    protected override string Folded(string column) => $"{SearchText.SqliteFunction}({column})";

    public override string PrepareMigrations => "PRAGMA journal_mode = WAL;";
    public override string CreateSchemaVersions => """
        CREATE TABLE IF NOT EXISTS schema_versions (
            version INTEGER NOT NULL PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)
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
            config_json = excluded.config_json, updated_at = excluded.updated_at, config_version = config_version + 1
        """;

    public override string InsertDayClaim => """
        INSERT INTO day_ledger (consumer_id, location_id, business_date, status, revision, execution_id, claim_owner, claimed_until, updated_at)
        VALUES (@ConsumerId, @LocationId, @BusinessDate, 'unbooked', 0, @ExecutionId, @Owner, @Until, @Now)
        ON CONFLICT (consumer_id, location_id, business_date) DO NOTHING
        """;
    public override string MarkDayNothingToBook => """
        INSERT INTO day_ledger (consumer_id, location_id, business_date, status, revision, execution_id, updated_at)
        VALUES (@ConsumerId, @LocationId, @BusinessDate, 'nothing_to_book', 0, @ExecutionId, @Now)
        ON CONFLICT (consumer_id, location_id, business_date) DO UPDATE SET
            status = 'nothing_to_book', execution_id = excluded.execution_id, updated_at = excluded.updated_at
        WHERE day_ledger.status <> 'booked'
        """;

    public override string InsertExecution => """
        INSERT INTO executions (execution_id, consumer_id, location_id, business_date, trigger, attempt, status, stage,
                                trace_id, started_at, updated_at)
        VALUES (@ExecutionId, @ConsumerId, @LocationId, @BusinessDate, @Trigger, @Attempt, 'running', @Stage,
                @TraceId, @Now, @Now)
        ON CONFLICT (execution_id) DO NOTHING
        """;

    public override string SaveCredentials => """
        INSERT INTO connections (consumer_id, role, connector, access_token, refresh_token, expires_at, refresh_expires_at, scope,
                                 version, updated_at)
        VALUES (@ConsumerId, @Role, @Connector, @AccessToken, @RefreshToken, @ExpiresAt, @RefreshExpiresAt, @Scope, 1, @Now)
        ON CONFLICT (consumer_id, role) DO UPDATE SET
            connector = excluded.connector, access_token = excluded.access_token, refresh_token = excluded.refresh_token,
            expires_at = excluded.expires_at, refresh_expires_at = excluded.refresh_expires_at, scope = excluded.scope,
            version = connections.version + 1, updated_at = excluded.updated_at
        """;
    public override string OpenIssue => """
        INSERT INTO consumer_issues (consumer_id, code, message, occurrences, status, first_seen, last_seen)
        VALUES (@ConsumerId, @Code, @Message, 1, 'open', @Now, @Now)
        ON CONFLICT (consumer_id, code) WHERE status = 'open' DO UPDATE SET
            occurrences = consumer_issues.occurrences + 1, message = excluded.message, last_seen = excluded.last_seen
        """;

    public override string SaveSnapshot => """
        INSERT INTO day_snapshots (consumer_id, location_id, business_date, execution_id, day_json, fetched_at)
        VALUES (@ConsumerId, @LocationId, @BusinessDate, @ExecutionId, CAST(@DayJson AS TEXT), @Now)
        ON CONFLICT (consumer_id, location_id, business_date) DO UPDATE SET
            execution_id = excluded.execution_id, day_json = excluded.day_json, fetched_at = excluded.fetched_at
        """;
}
