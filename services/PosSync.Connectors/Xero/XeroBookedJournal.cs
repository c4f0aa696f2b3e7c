namespace PosSync.Connectors.Xero;

/// <summary>A manual journal as Xero answered it: its id, status and the tax it derived per TaxType.</summary>
public sealed record XeroBookedJournal(string Id, string Status, string Narration, IReadOnlyDictionary<string, decimal> TaxByType);
