namespace PosSync.Sandbox.Pennylane;

/// <summary>One debit or credit line of a ledger entry, on a ledger account of the company.</summary>
public sealed record PennylaneLine(long Id, decimal Debit, decimal Credit, string? Label, long AccountId, string AccountNumber);
