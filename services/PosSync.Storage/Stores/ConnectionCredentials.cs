namespace PosSync.Storage.Stores;

/// <summary>
/// The credentials of one connection (a consumer's POS or accounting tool). These are secrets:
/// the type never prints them, and nothing logs or stores them anywhere else.
/// </summary>
public sealed class ConnectionCredentials
{
    public string ConsumerId { get; set; } = "";
    public string Role { get; set; } = "";
    public string Connector { get; set; } = "";
    public string AccessToken { get; set; } = "";
    public string? RefreshToken { get; set; }
    public DateTime? ExpiresAt { get; set; }

    /// <summary>When the refresh token dies if unused; null when the vendor says it does not.</summary>
    public DateTime? RefreshExpiresAt { get; set; }
    public string? Scope { get; set; }
    public int Version { get; set; }
    public DateTime UpdatedAt { get; set; }

    public override string ToString() => $"credentials of {ConsumerId}/{Role} ({Connector}, version {Version})";
}
