namespace PosSync.Sandbox;

public sealed record Fault(FaultKind Kind, int Status = 500, string? Message = null, TimeSpan Delay = default, int RetryAfterSeconds = 1);
