namespace PosSync.Storage.Stores;

/// <summary>A problem support must see on a consumer until it is fixed, counting how often it recurred.</summary>
public sealed class ConsumerIssue
{
    public string ConsumerId { get; set; } = "";
    public string Code { get; set; } = "";
    public string Message { get; set; } = "";
    public int Occurrences { get; set; }
    public string Status { get; set; } = "";
    public DateTime FirstSeen { get; set; }
    public DateTime LastSeen { get; set; }
    public DateTime? ResolvedAt { get; set; }
}
