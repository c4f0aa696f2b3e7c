namespace PosSync.Connectors.Xero;

/// <summary>The manual journal for an entry, or why the entry cannot be booked in Xero as PosSync computed it.</summary>
public sealed record XeroMapping(XeroManualJournal? Journal, string? Refusal);
