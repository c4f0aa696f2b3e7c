namespace PosSync.Storage.Sql;

public sealed partial class SqliteDialect
{
    public override string SaveEnablement => """
        INSERT INTO sync_enablement (consumer_id, enabled, summary, changed_at) VALUES (@ConsumerId, @Enabled, @Summary, @Now)
        ON CONFLICT (consumer_id) DO UPDATE SET enabled = excluded.enabled, summary = excluded.summary, changed_at = excluded.changed_at
        """;
    public override string SaveConnectionStatus => """
        INSERT INTO connection_statuses (consumer_id, role, connector, status, since) VALUES (@ConsumerId, @Role, @Connector, @Status, @Now)
        ON CONFLICT (consumer_id, role) DO UPDATE SET connector = excluded.connector, status = excluded.status, since = excluded.since
        """;
}
