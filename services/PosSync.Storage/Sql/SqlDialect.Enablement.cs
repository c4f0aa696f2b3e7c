namespace PosSync.Storage.Sql;

/// <summary>
/// The consumer's enablement and connection statuses as PosSync last computed them (<see cref="Stores.EnablementLog"/>),
/// kept so the support views can show them: read first, written only when they changed.
/// </summary>
public abstract partial class SqlDialect
{
    public abstract string GetEnablementSummary { get; }
    public abstract string GetConnectionStatuses { get; }
    /// <summary>Upserts the consumer's row; on SQL Server it also holds the consumer's key, so two writers of its reasons take turns.</summary>
    public abstract string SaveEnablement { get; }
    public abstract string ClearEnablementReasons { get; }
    public abstract string InsertEnablementReason { get; }
    public abstract string SaveConnectionStatus { get; }
}
