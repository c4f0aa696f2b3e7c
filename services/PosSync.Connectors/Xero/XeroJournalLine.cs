namespace PosSync.Connectors.Xero;

/// <summary>One line of a manual journal as PosSync sends it: debits positive, credits negative (MJ), with the location's tracking if any.</summary>
public sealed record XeroJournalLine(string AccountCode, decimal LineAmount, string TaxType, string Description, XeroTracking? Tracking = null);
