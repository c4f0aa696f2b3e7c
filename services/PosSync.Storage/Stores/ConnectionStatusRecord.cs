using PosSync.Domain.Configuration;

namespace PosSync.Storage.Stores;

/// <summary>A connection's status as PosSync computed it (active, pending, needs_reconnect), by role: what support's views show.</summary>
public sealed record ConnectionStatusRecord(string Role, string Connector, string Status)
{
    /// <summary>The consumer's configured connections with their statuses; a role with no tool has no record.</summary>
    public static IReadOnlyList<ConnectionStatusRecord> Of(ConsumerConfiguration config) =>
        new[] { (Role: ConnectionStore.Pos, Connection: config.Pos), (Role: ConnectionStore.Accounting, Connection: config.Accounting) }
            .Where(c => c.Connection is not null)
            .Select(c => new ConnectionStatusRecord(c.Role, c.Connection!.Connector, ConsumerConfigurationWriter.StatusWord(c.Connection.Status)))
            .ToList();
}
