namespace PosSync.Storage.Stores;

/// <summary>One recorded change of a consumer's configuration: which field, from what to what, when, by whom, from which file.</summary>
public sealed class ConfigurationHistoryEntry
{
    public string ConsumerId { get; set; } = "";
    public DateTime ChangedAt { get; set; }
    public string Field { get; set; } = "";
    public string? OldValue { get; set; }
    public string? NewValue { get; set; }
    /// <summary>Who applied it: the operating-system user, or what <c>consumers apply --by</c> said.</summary>
    public string ChangedBy { get; set; } = "";
    /// <summary>The configuration file applied, or <c>api</c>.</summary>
    public string Source { get; set; } = "";
}
