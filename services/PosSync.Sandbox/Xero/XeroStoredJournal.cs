namespace PosSync.Sandbox.Xero;

/// <summary>A manual journal as stored by the sandbox.</summary>
public sealed record XeroStoredJournal(Guid Id, DateOnly Date, string Narration, string Status, string LineAmountTypes,
    IReadOnlyList<XeroStoredLine> Lines,
    DateTimeOffset UpdatedAt, bool ShowOnCashBasisReports = true);
