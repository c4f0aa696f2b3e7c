namespace PosSync.Storage.Sql;

/// <summary>
/// The consumer's enablement and connection statuses as PosSync last computed them (<see cref="Stores.EnablementLog"/>),
/// kept so the support views can show them: read first, written only when they changed.
/// </summary>
public abstract partial class SqlDialect
{
    public string GetEnablementSummary => field ??= $"SELECT summary FROM {Schema}sync_enablement WHERE consumer_id = @ConsumerId;";
    public string GetConnectionStatuses => field ??= $"""
        SELECT role, connector, status FROM {Schema}connection_statuses WHERE consumer_id = @ConsumerId;
        """;
    /// <summary>The recorded enablement summary and connection statuses, in one round trip.</summary>
    public string GetRecordedEnablement => field ??= $"""
        {GetEnablementSummary}
        {GetConnectionStatuses}
        """;
    /// <summary>Upserts the consumer's row; on SQL Server it also holds the consumer's key, so two writers of its reasons take turns.</summary>
    public abstract string SaveEnablement { get; }
    public string ClearEnablementReasons => field ??= $"DELETE FROM {Schema}sync_enablement_reasons WHERE consumer_id = @ConsumerId;";
    public string InsertEnablementReason => field ??= $"""
        INSERT INTO {Schema}sync_enablement_reasons (consumer_id, position, code, message) VALUES (@ConsumerId, @Position, @Code, @Message);
        """;
    public abstract string SaveConnectionStatus { get; }
}
