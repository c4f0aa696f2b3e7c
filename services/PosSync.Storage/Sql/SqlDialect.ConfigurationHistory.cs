namespace PosSync.Storage.Sql;

/// <summary>
/// The configuration's history (who changed which field, when, from which file) and the settings
/// each run was judged with, so support can date a tolerance change and judge a past day by it.
/// </summary>
public abstract partial class SqlDialect
{
    public string InsertConfigurationChange => field ??= $"""
        INSERT INTO {Schema}configuration_changes (consumer_id, changed_at, field, old_value, new_value, changed_by, source)
        VALUES (@ConsumerId, @ChangedAt, @Field, @OldValue, @NewValue, @ChangedBy, @Source);
        """;
    /// <summary>A consumer's changes, oldest first.</summary>
    public string ListConfigurationChanges => field ??= $"""
        SELECT consumer_id, changed_at, field, old_value, new_value, changed_by, source FROM {Schema}configuration_changes
        WHERE consumer_id = @ConsumerId ORDER BY changed_at, id;
        """;
    /// <summary>The tolerance, rounding threshold and booking mode a run was judged with, recorded when the reconciliation decides.</summary>
    public string RecordExecutionSettings => field ??= $"""
        UPDATE {Schema}executions SET tolerance = @Tolerance, rounding_threshold = @RoundingThreshold, booking_mode = @BookingMode
        WHERE execution_id = @ExecutionId;
        """;
}
