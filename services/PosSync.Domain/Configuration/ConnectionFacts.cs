namespace PosSync.Domain.Configuration;

/// <summary>
/// A connection's status is a fact PosSync records, never something a configuration file says: a
/// tool that needs credentials is active only once credentials are stored and the vendor has not
/// refused them since; a file connector needs none and is active as configured.
/// </summary>
public static class ConnectionFacts
{
    public static ConnectionStatus Status(bool needsCredentials, bool hasCredentials, ConnectionStatus? recorded) =>
        !needsCredentials ? ConnectionStatus.Active
        : !hasCredentials ? ConnectionStatus.Pending
        : recorded == ConnectionStatus.NeedsReconnect ? ConnectionStatus.NeedsReconnect
        : ConnectionStatus.Active;

    /// <summary>The configuration with each connection's status replaced by the recorded fact.</summary>
    public static ConsumerConfiguration WithStatuses(ConsumerConfiguration config, ConnectionStatus? pos, ConnectionStatus? accounting) => config with
    {
        Pos = config.Pos is null ? null : config.Pos with { Status = pos },
        Accounting = config.Accounting is null ? null : config.Accounting with { Status = accounting },
    };
}
