namespace PosSync.Connectors;

/// <summary>Where an entry landed in the accounting tool.</summary>
public sealed record PostedEntry(string AccountingId, bool AlreadyExisted);
