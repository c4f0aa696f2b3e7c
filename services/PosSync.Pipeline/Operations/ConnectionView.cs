namespace PosSync.Pipeline.Operations;

/// <summary>
/// A connection as the consumer page shows it: which tool, its status, whether credentials are
/// stored (never the credentials), until when they can be renewed, and, when it is not active, the
/// consent command with what the client must grant.
/// </summary>
public sealed record ConnectionView(string Role, string Connector, string Status, bool CredentialsStored, DateTime? AccessExpiresAt,
    DateTime? RefreshExpiresAt = null, string? Reconnect = null);
