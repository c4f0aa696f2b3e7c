namespace PosSync.Pipeline.Operations;

/// <summary>A consumer the scheduler left alone, and why.</summary>
public sealed record PassedConsumer(string ConsumerId, string Why);
