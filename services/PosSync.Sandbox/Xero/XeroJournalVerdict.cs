namespace PosSync.Sandbox.Xero;

/// <summary>What Xero makes of one manual journal sent to it: the journal to store, or why not, and the warnings.</summary>
public sealed record XeroJournalVerdict(XeroStoredJournal? Journal, IReadOnlyList<string> Errors, IReadOnlyList<string> Warnings);
