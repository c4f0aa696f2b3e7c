namespace PosSync.Storage.Sql;

/// <summary>
/// The configuration's history (who changed which field, when, from which file) and the settings
/// each run was judged with, so support can date a tolerance change and judge a past day by it.
/// </summary>
public abstract partial class SqlDialect
{
    public abstract string InsertConfigurationChange { get; }
    /// <summary>A consumer's changes, oldest first.</summary>
    public abstract string ListConfigurationChanges { get; }
    /// <summary>The tolerance, rounding threshold and booking mode a run was judged with, recorded when the reconciliation decides.</summary>
    public abstract string RecordExecutionSettings { get; }
}
