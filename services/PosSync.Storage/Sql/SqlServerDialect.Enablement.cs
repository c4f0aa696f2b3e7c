namespace PosSync.Storage.Sql;

public sealed partial class SqlServerDialect
{
    public override string SaveEnablement => """
        UPDATE ops.sync_enablement WITH (UPDLOCK, SERIALIZABLE)
        SET enabled = @Enabled, summary = @Summary, changed_at = @Now
        WHERE consumer_id = @ConsumerId;
        IF @@ROWCOUNT = 0
            INSERT INTO ops.sync_enablement (consumer_id, enabled, summary, changed_at) VALUES (@ConsumerId, @Enabled, @Summary, @Now);
        """;
    public override string SaveConnectionStatus => """
        UPDATE ops.connection_statuses WITH (UPDLOCK, SERIALIZABLE)
        SET connector = @Connector, status = @Status, since = @Now
        WHERE consumer_id = @ConsumerId AND role = @Role;
        IF @@ROWCOUNT = 0
            INSERT INTO ops.connection_statuses (consumer_id, role, connector, status, since) VALUES (@ConsumerId, @Role, @Connector, @Status, @Now);
        """;
}
