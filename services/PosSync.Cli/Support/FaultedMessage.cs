namespace PosSync.Cli.Support;

/// <summary>A faulted message as an operator reads it.</summary>
public sealed record FaultedMessage(string MessageType, string? Day, string? Exception, string? FaultedAt, int RetryCount);
