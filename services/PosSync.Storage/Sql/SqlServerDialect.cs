namespace PosSync.Storage.Sql;

/// <summary>
/// T-SQL for the production store, in schema <c>ops</c>; parsed by ScriptDom in the tests. Its own
/// statements are those SQLite writes with ON CONFLICT: an UPDATE under UPDLOCK, SERIALIZABLE then an
/// INSERT when no row changed, or an INSERT ... SELECT whose NOT EXISTS holds the key (UPDLOCK, HOLDLOCK).
/// </summary>
public sealed partial class SqlServerDialect : SqlDialect
{
    public override string MigrationsFolder => "SqlServer";

    protected override string Schema => "ops.";
    protected override string Literal(string word) => $"N'{word.Replace("'", "''", StringComparison.Ordinal)}'";
    protected override string Identifier(string name) => $"[{name}]";
    protected override string Top(string count) => $"TOP ({count}) ";
    protected override string Limit(string count) => "";
    protected override string HeldUntilInsert => " WITH (UPDLOCK, HOLDLOCK)";
    // @@ROWCOUNT is the row count of the statement before, read by the IF before anything resets it. Chained (A; IF B; IF C),
    // a false IF leaves C's test false too: the IF resets @@ROWCOUNT to 0 (Microsoft Q&A, learn.microsoft.com/answers/a/362775;
    // the reference, learn.microsoft.com/sql/t-sql/functions/rowcount-transact-sql, lists statements that reset it), and
    // were it kept, it would still be A's count, not 1.
    protected override string WhenOneRowChanged(string statement) => $"IF @@ROWCOUNT = 1\n{statement.TrimEnd()}";
    protected override string Folded(string column) => $"{column} COLLATE Latin1_General_CI_AI";

    public override string PrepareMigrations => """
        EXEC sp_getapplock @Resource = N'possync:migrations', @LockMode = N'Exclusive', @LockOwner = N'Session', @LockTimeout = 60000;
        """;
    public override string CreateSchemaVersions => """
        IF SCHEMA_ID(N'ops') IS NULL EXEC (N'CREATE SCHEMA ops');
        IF OBJECT_ID(N'ops.schema_versions', N'U') IS NULL
            CREATE TABLE ops.schema_versions (
                version int NOT NULL CONSTRAINT PK_schema_versions PRIMARY KEY,
                name nvarchar(200) NOT NULL,
                applied_at datetime2(3) NOT NULL);
        """;

    public override string UpsertConsumer => """
        UPDATE ops.consumers WITH (UPDLOCK, SERIALIZABLE)
        SET name = @Name, created_by_email = @CreatedByEmail, pos_connector = @PosConnector, pos_status = @PosStatus,
            accounting_connector = @AccountingConnector, accounting_status = @AccountingStatus,
            config_json = @ConfigJson, updated_at = @Now, config_version = config_version + 1
        WHERE consumer_id = @ConsumerId;
        IF @@ROWCOUNT = 0
            INSERT INTO ops.consumers (consumer_id, name, created_by_email, pos_connector, pos_status, accounting_connector,
                                       accounting_status, config_json, created_at, updated_at)
            VALUES (@ConsumerId, @Name, @CreatedByEmail, @PosConnector, @PosStatus, @AccountingConnector,
                    @AccountingStatus, @ConfigJson, @Now, @Now);
        """;

    public override string InsertDayClaim => $"""
        INSERT INTO ops.day_ledger (consumer_id, location_id, business_date, status, revision, execution_id, claim_owner, claimed_until, updated_at)
        SELECT @ConsumerId, @LocationId, @BusinessDate, N'unbooked', 0, @ExecutionId, @Owner, @Until, @Now
        WHERE NOT EXISTS (SELECT 1 FROM ops.day_ledger WITH (UPDLOCK, HOLDLOCK) WHERE {DayKey});
        """;
    public override string MarkDayNothingToBook => $"""
        UPDATE ops.day_ledger WITH (UPDLOCK, SERIALIZABLE)
        SET status = N'nothing_to_book', execution_id = @ExecutionId, updated_at = @Now
        WHERE {DayKey} AND status <> N'booked';
        IF @@ROWCOUNT = 0 AND NOT EXISTS (SELECT 1 FROM ops.day_ledger WHERE {DayKey})
            INSERT INTO ops.day_ledger (consumer_id, location_id, business_date, status, revision, execution_id, updated_at)
            VALUES (@ConsumerId, @LocationId, @BusinessDate, N'nothing_to_book', 0, @ExecutionId, @Now);
        """;

    public override string InsertExecution => """
        INSERT INTO ops.executions (execution_id, consumer_id, location_id, business_date, [trigger], attempt, status, stage,
                                    trace_id, started_at, updated_at)
        SELECT @ExecutionId, @ConsumerId, @LocationId, @BusinessDate, @Trigger, @Attempt, N'running', @Stage, @TraceId, @Now, @Now
        WHERE NOT EXISTS (SELECT 1 FROM ops.executions WITH (UPDLOCK, HOLDLOCK) WHERE execution_id = @ExecutionId);
        """;

    public override string SaveCredentials => """
        UPDATE ops.connections WITH (UPDLOCK, SERIALIZABLE)
        SET connector = @Connector, access_token = @AccessToken, refresh_token = @RefreshToken, expires_at = @ExpiresAt,
            refresh_expires_at = @RefreshExpiresAt, scope = @Scope, version = version + 1, updated_at = @Now
        WHERE consumer_id = @ConsumerId AND role = @Role;
        IF @@ROWCOUNT = 0
            INSERT INTO ops.connections (consumer_id, role, connector, access_token, refresh_token, expires_at, refresh_expires_at, scope,
                                         version, updated_at)
            VALUES (@ConsumerId, @Role, @Connector, @AccessToken, @RefreshToken, @ExpiresAt, @RefreshExpiresAt, @Scope, 1, @Now);
        """;
    public override string OpenIssue => """
        UPDATE ops.consumer_issues WITH (UPDLOCK, SERIALIZABLE)
        SET occurrences = occurrences + 1, message = @Message, last_seen = @Now
        WHERE consumer_id = @ConsumerId AND code = @Code AND status = N'open';
        IF @@ROWCOUNT = 0
            INSERT INTO ops.consumer_issues (consumer_id, code, message, occurrences, status, first_seen, last_seen)
            VALUES (@ConsumerId, @Code, @Message, 1, N'open', @Now, @Now);
        """;

    public override string SaveSnapshot => """
        UPDATE ops.day_snapshots WITH (UPDLOCK, SERIALIZABLE)
        SET execution_id = @ExecutionId, day_json = @DayJson, fetched_at = @Now
        WHERE consumer_id = @ConsumerId AND location_id = @LocationId AND business_date = @BusinessDate;
        IF @@ROWCOUNT = 0
            INSERT INTO ops.day_snapshots (consumer_id, location_id, business_date, execution_id, day_json, fetched_at)
            VALUES (@ConsumerId, @LocationId, @BusinessDate, @ExecutionId, @DayJson, @Now);
        """;
}
