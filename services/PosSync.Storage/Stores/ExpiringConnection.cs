namespace PosSync.Storage.Stores;

/// <summary>A connection whose refresh token is about to die unused.</summary>
public sealed class ExpiringConnection
{
    public string ConsumerId { get; set; } = "";
    public string Role { get; set; } = "";
    public string Connector { get; set; } = "";
    public DateTime RefreshExpiresAt { get; set; }

    /// <summary>When the credentials were last written (a refresh, a consent).</summary>
    public DateTime UpdatedAt { get; set; }
}
