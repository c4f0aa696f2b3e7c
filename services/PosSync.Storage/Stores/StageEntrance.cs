namespace PosSync.Storage.Stores;

/// <summary>
/// What a stage reads as it enters a day, in the one round trip that moves the run to the stage:
/// the execution (null: not started yet), the consumer's configuration version (null: no such
/// consumer) and the day's ledger row (null: never claimed nor booked); the ingest stage also
/// reads the consumer's enablement as last recorded (null at the other stages).
/// </summary>
public sealed record StageEntrance(ExecutionRecord? Execution, long? ConfigVersion, LedgerDay? Ledger, RecordedEnablement? Enablement = null);
