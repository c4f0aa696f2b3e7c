namespace PosSync.Connectors.Xero;

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
                JournalLines = Lines.Select(Line).ToList(),
            },
        },
    };

    /// <summary>A line of the body; Tracking is sent only when there is one (SPEC: TrackingCategory, Name and Option).</summary>
    private static Dictionary<string, object> Line(XeroJournalLine line)
    {
        var body = new Dictionary<string, object>
        {
            ["Description"] = line.Description, ["LineAmount"] = line.LineAmount, ["AccountCode"] = line.AccountCode, ["TaxType"] = line.TaxType,
        };
        if (line.Tracking is { } tracking) body["Tracking"] = new[] { new { Name = tracking.Category, tracking.Option } };
        return body;
    }
}
