namespace PosSync.Storage.Sql;

public sealed partial class SqliteDialect
{
    public override string InsertConfigurationChange => """
        INSERT INTO configuration_changes (consumer_id, changed_at, field, old_value, new_value, changed_by, source)
        VALUES (@ConsumerId, @ChangedAt, @Field, @OldValue, @NewValue, @ChangedBy, @Source)
        """;
    public override string ListConfigurationChanges => """
        SELECT consumer_id, changed_at, field, old_value, new_value, changed_by, source FROM configuration_changes
        WHERE consumer_id = @ConsumerId ORDER BY changed_at, id
        """;
    public override string RecordExecutionSettings => """
        UPDATE executions SET tolerance = @Tolerance, rounding_threshold = @RoundingThreshold, booking_mode = @BookingMode
        WHERE execution_id = @ExecutionId
        """;
}
