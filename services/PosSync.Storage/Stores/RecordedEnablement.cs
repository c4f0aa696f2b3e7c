namespace PosSync.Storage.Stores;

/// <summary>
/// A consumer's enablement summary (null: never recorded) and connection statuses as last recorded, read with the
/// ingest stage's entrance so <see cref="EnablementLog"/> needs no read of its own.
/// </summary>
public sealed record RecordedEnablement(string? Summary, IReadOnlyCollection<ConnectionStatusRecord> Connections);
