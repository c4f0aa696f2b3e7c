namespace PosSync.Connectors.Xero;

/// <summary>One line of a manual journal as PosSync sends it: debits positive, credits negative (MJ).</summary>
public sealed record XeroJournalLine(string AccountCode, decimal LineAmount, string TaxType, string Description);

/// <summary>
/// A manual journal as PosSync sends it to PUT /ManualJournals: always with its Date, Status and
/// LineAmountTypes, since Xero's defaults for them disagree between its own sources (docs/vendors/xero.md).
/// </summary>
public sealed record XeroManualJournal(string Narration, DateOnly Date, string Status, string LineAmountTypes, IReadOnlyList<XeroJournalLine> Lines)
{
    /// <summary>The tax Xero is expected to derive per TaxType, which the booked journal must show.</summary>
    public IReadOnlyDictionary<string, decimal> ExpectedTax { get; init; } = new Dictionary<string, decimal>();

    /// <summary>The request body: the ManualJournals wrapper holding this one journal.</summary>
    public object Body() => new
    {
        ManualJournals = new[]
        {
            new
            {
                Narration,
                Date = Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                Status,
                LineAmountTypes,
                JournalLines = Lines.Select(l => new { l.Description, l.LineAmount, l.AccountCode, l.TaxType }).ToList(),
            },
        },
    };
}
