namespace PosSync.Storage.Sql;

/// <summary>
/// Every statement the stores run. A statement both engines read alike is written once here, with
/// the few words that are spelt differently (<see cref="Schema"/>, <see cref="Literal"/>, ...) filled
/// in by the engine; only statements whose shape differs (upserts, insert-if-absent, migrations'
/// bookkeeping, batched deletes) are abstract and written per engine. Keeping them as properties of
/// one type lets a test parse every SQL Server statement with Microsoft's T-SQL parser. Each text is
/// rendered once per dialect and kept (field ??=), never again per call; two first calls at once only
/// render the same text twice.
/// </summary>
public abstract partial class SqlDialect
{
    public abstract string MigrationsFolder { get; }

    // What each engine spells its own way.

    /// <summary>Before a table's name: the ops schema on SQL Server, nothing on SQLite.</summary>
    protected abstract string Schema { get; }

    /// <summary>A string constant: N'word' on SQL Server (nvarchar, as the columns), 'word' on SQLite.</summary>
    protected abstract string Literal(string word);

    /// <summary>A column named by a reserved word (trigger): bracketed on SQL Server.</summary>
    protected abstract string Identifier(string name);

    /// <summary>After SELECT: TOP (count) on SQL Server.</summary>
    protected abstract string Top(string count);

    /// <summary>At the end of a SELECT: LIMIT count on SQLite.</summary>
    protected abstract string Limit(string count);

    /// <summary>
    /// After the table of an insert-if-absent's NOT EXISTS: SQL Server holds the key range until the
    /// insert, so two runs never both see it free; SQLite's statement already runs under the write lock.
    /// </summary>
    protected abstract string HeldUntilInsert { get; }

    /// <summary>The text compared case- and accent-blind (search): a collation on SQL Server, PosSync's folding function on SQLite.</summary>
    /// <summary>
    /// <paramref name="statement"/> (one that ends with its WHERE clause and a semicolon) changes
    /// rows only when the statement before it in the same command changed exactly one row.
    /// </summary>
    protected abstract string WhenOneRowChanged(string statement);
    protected abstract string Folded(string column);

    // Schema bookkeeping
    public abstract string PrepareMigrations { get; }
    public abstract string CreateSchemaVersions { get; }
    public string AppliedVersions => field ??= $"SELECT version FROM {Schema}schema_versions ORDER BY version;";
    public string RecordVersion => field ??= $"""
        INSERT INTO {Schema}schema_versions (version, name, applied_at) VALUES (@Version, @Name, @AppliedAt);
        """;

    // Consumers
    protected const string ConsumerColumns = """
        consumer_id, name, created_by_email, pos_connector, pos_status, accounting_connector, accounting_status,
        config_json, created_at, updated_at
        """;

    public abstract string UpsertConsumer { get; }
    public string GetConsumer => field ??= $"SELECT {ConsumerColumns} FROM {Schema}consumers WHERE consumer_id = @ConsumerId;";
    /// <summary>The configuration with the version it was read at (<see cref="EnterStage"/> reads the version alone).</summary>
    public string GetVersionedConsumer => field ??=
        $"SELECT consumer_id, config_version, config_json FROM {Schema}consumers WHERE consumer_id = @ConsumerId;";
    public string ListConsumers => field ??= $"SELECT {ConsumerColumns} FROM {Schema}consumers ORDER BY consumer_id;";
    public string FindConsumers => field ??= $"""
        SELECT {ConsumerColumns} FROM {Schema}consumers
        WHERE {Folded("name")} LIKE @Pattern ESCAPE {Literal("\\")}
           OR {Folded("created_by_email")} LIKE @Pattern ESCAPE {Literal("\\")}
           OR {Folded("consumer_id")} LIKE @Pattern ESCAPE {Literal("\\")}
        ORDER BY name, consumer_id;
        """;
    public string UpdateConnectionStatus => field ??= $"""
        UPDATE {Schema}consumers SET pos_status = @PosStatus, accounting_status = @AccountingStatus,
                                 config_json = @ConfigJson, updated_at = @Now, config_version = config_version + 1
        WHERE consumer_id = @ConsumerId;
        """;

    // Day ledger
    protected const string DayColumns = """
        consumer_id, location_id, business_date, status, entry_number, accounting_id, fingerprint, revision,
        execution_id, claim_owner, claimed_until, booked_at, updated_at
        """;
    protected const string DayKey = "consumer_id = @ConsumerId AND location_id = @LocationId AND business_date = @BusinessDate";

    public string GetDay => field ??= $"SELECT {DayColumns} FROM {Schema}day_ledger WHERE {DayKey};";
    public abstract string InsertDayClaim { get; }
    public string TakeDayClaim => field ??= $"""
        UPDATE {Schema}day_ledger SET claim_owner = @Owner, claimed_until = @Until, updated_at = @Now
        WHERE {DayKey} AND (claim_owner IS NULL OR claim_owner = @Owner OR claimed_until < @Now);
        """;
    /// <summary>
    /// The claim in one round trip: the day's row is created claimed, or an absent, own or lapsed
    /// claim is taken (after a creation the take rewrites the same owner); the row comes back only
    /// when <c>@Owner</c> holds it, nothing when another owner's claim is live.
    /// </summary>
    public string ClaimDay => field ??= $"""
        {InsertDayClaim.TrimEnd().TrimEnd(';')};
        {TakeDayClaim}
        SELECT {DayColumns} FROM {Schema}day_ledger WHERE {DayKey} AND claim_owner = @Owner;
        """;
    public string MarkDayBooked => field ??= $"""
        UPDATE {Schema}day_ledger SET status = {Literal("booked")}, entry_number = @EntryNumber, accounting_id = @AccountingId,
            fingerprint = @Fingerprint, revision = @Revision, execution_id = @ExecutionId, booked_at = @Now,
            claim_owner = NULL, claimed_until = NULL, updated_at = @Now
        WHERE {DayKey} AND claim_owner = @Owner;
        """;
    /// <summary>The booked entry was taken back to be replaced: until the replacement is booked, the day is not booked.</summary>
    public string MarkDayRemoved => field ??= $"""
        UPDATE {Schema}day_ledger SET status = {Literal("unbooked")}, entry_number = NULL, accounting_id = NULL, fingerprint = NULL,
            revision = @Revision, execution_id = @ExecutionId, booked_at = NULL, updated_at = @Now
        WHERE {DayKey} AND claim_owner = @Owner AND status = {Literal("booked")};
        """;
    public abstract string MarkDayNothingToBook { get; }
    public string ReleaseDayClaim => field ??= $"""
        UPDATE {Schema}day_ledger SET claim_owner = NULL, claimed_until = NULL, updated_at = @Now
        WHERE {DayKey} AND claim_owner = @Owner;
        """;

    // Connections (credentials) and consumer issues
    protected const string CredentialColumns =
        "consumer_id, role, connector, access_token, refresh_token, expires_at, refresh_expires_at, scope, version, updated_at";

    public string GetCredentials => field ??= $"""
        SELECT {CredentialColumns} FROM {Schema}connections WHERE consumer_id = @ConsumerId AND role = @Role;
        """;
    public abstract string SaveCredentials { get; }
    public string RotateCredentials => field ??= $"""
        UPDATE {Schema}connections SET access_token = @AccessToken, refresh_token = @RefreshToken, expires_at = @ExpiresAt,
            refresh_expires_at = @RefreshExpiresAt, scope = COALESCE(@Scope, scope), version = version + 1, updated_at = @Now
        WHERE consumer_id = @ConsumerId AND role = @Role AND version = @Version;
        """;
    public string ExpiringCredentials => field ??= $"""
        SELECT consumer_id, role, connector, refresh_expires_at, updated_at FROM {Schema}connections
        WHERE refresh_expires_at IS NOT NULL AND refresh_token IS NOT NULL AND refresh_expires_at <= @Before
        ORDER BY refresh_expires_at;
        """;
    public abstract string OpenIssue { get; }
    public string ResolveIssues => field ??= $"""
        UPDATE {Schema}consumer_issues SET status = {Literal("resolved")}, resolved_at = @Now
        WHERE consumer_id = @ConsumerId AND code = @Code AND status = {Literal("open")};
        """;
    public string ListIssues => field ??= $"""
        SELECT {Top("@Limit")}consumer_id, code, message, occurrences, status, first_seen, last_seen, resolved_at
        FROM {Schema}consumer_issues WHERE consumer_id = @ConsumerId ORDER BY id DESC{Limit("@Limit")};
        """;

    // Requests
    public string InsertRequest => field ??= $"""
        INSERT INTO {Schema}requests (consumer_id, execution_id, connector, operation, method, url, status_code, duration_ms, error, at)
        VALUES (@ConsumerId, @ExecutionId, @Connector, @Operation, @Method, @Url, @StatusCode, @DurationMs, @Error, @At);
        """;
    /// <summary>
    /// Request rows a stage held (<see cref="Stores.HeldRequests"/>), one INSERT each, in the order of the calls: row i's
    /// values are the parameters R{i}ConsumerId, R{i}ExecutionId, ... (one text per row count, built when needed). One
    /// statement a row, not one VALUES list, so each engine numbers the rows' ids in the calls' order.
    /// </summary>
    public string InsertRequests(int rows) => string.Join("\n", Enumerable.Range(0, rows).Select(InsertRequestAt));
    private string InsertRequestAt(int i) => $"""
        INSERT INTO {Schema}requests (consumer_id, execution_id, connector, operation, method, url, status_code, duration_ms, error, at)
        VALUES (@R{i}ConsumerId, @R{i}ExecutionId, @R{i}Connector, @R{i}Operation, @R{i}Method, @R{i}Url, @R{i}StatusCode,
                @R{i}DurationMs, @R{i}Error, @R{i}At);
        """;
    /// <summary>
    /// <paramref name="statement"/> and then the insert of <paramref name="rows"/> held request rows, one command. Last, so
    /// the row counts the statement's own conditions read (<see cref="WhenOneRowChanged"/>) are its own.
    /// </summary>
    public string Carrying(string statement, int rows) =>
        rows == 0 ? statement : statement.Length == 0 ? InsertRequests(rows) : $"{Ended(statement)}\n{InsertRequests(rows)}";
    /// <summary>A statement with its closing semicolon, whether or not its text had one, so another can follow it.</summary>
    protected static string Ended(string statement) => statement.TrimEnd().TrimEnd(';') + ";";
    public string ListRequests => field ??= $"""
        SELECT {Top("@Limit")}consumer_id, execution_id, connector, operation, method, url, status_code, duration_ms, error, at
        FROM {Schema}requests
        WHERE consumer_id = @ConsumerId
          AND (@StatusCode IS NULL OR status_code = @StatusCode)
          AND (@ExecutionId IS NULL OR execution_id = @ExecutionId)
        ORDER BY id DESC{Limit("@Limit")};
        """;
}
