namespace PosSync.Sandbox;

/// <summary>One request a sandbox answered, for tests that count calls or check headers.</summary>
public sealed record SandboxRequest(
    DateTimeOffset At, string Vendor, string Method, string Path, int Status, string? AccessToken,
    IReadOnlyDictionary<string, string> Headers);
