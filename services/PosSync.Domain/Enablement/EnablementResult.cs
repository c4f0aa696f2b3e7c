namespace PosSync.Domain.Enablement;

public sealed record EnablementResult(IReadOnlyList<DisabledReason> Reasons)
{
    public bool IsEnabled => Reasons.Count == 0;

    /// <summary>"enabled", or every reason on one line, as support reads it.</summary>
    public string Describe() => IsEnabled ? "enabled" : string.Join("; ", Reasons.Select(r => r.Message));
}
