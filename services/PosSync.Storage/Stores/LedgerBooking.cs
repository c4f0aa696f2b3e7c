namespace PosSync.Storage.Stores;

/// <summary>What the ledger records of a day booked by the run that holds its claim.</summary>
public sealed record LedgerBooking(string Owner, Guid ExecutionId, string EntryNumber, string AccountingId, string Fingerprint, int Revision);
