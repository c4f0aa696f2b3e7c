namespace PosSync.Domain.Enablement;

/// <summary>One reason a sync is not enabled, with the setting or mapping to fix.</summary>
public sealed record DisabledReason(EnablementCode Code, string Message);
