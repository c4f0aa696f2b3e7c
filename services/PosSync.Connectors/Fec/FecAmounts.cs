namespace PosSync.Connectors.Fec;

/// <summary>
/// What one journal line puts in the FEC's amount columns: euros in Debit/Credit, and for a day in
/// another currency its own amount (unsigned, on the euro amount's side) and ISO 4217 code.
/// </summary>
public sealed record FecAmounts(decimal Debit, decimal Credit, decimal? Montantdevise = null, string? Idevise = null);
