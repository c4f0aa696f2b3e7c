using System.Text.Json.Serialization;

namespace PosSync.Contracts;

/// <summary>One balanced entry per location and business day (booking-rules section 4).</summary>
public sealed record JournalEntry
{
    public required string Number { get; init; }
    public required DateOnly Date { get; init; }
    public required string Journal { get; init; }
    public required string Currency { get; init; }
    public required IReadOnlyList<JournalLine> Lines { get; init; }

    [JsonIgnore]
    public decimal TotalDebit => Lines.Sum(l => l.Debit);
    [JsonIgnore]
    public decimal TotalCredit => Lines.Sum(l => l.Credit);
}

/// <summary>A line carries a debit or a credit, never both, never negative.</summary>
public sealed record JournalLine(string Account, decimal Debit, decimal Credit, string? VatCode, string Label)
{
    /// <summary>
    /// The POS's own names for what the line sums (its categories for a sales line, its payment
    /// methods for a payment line, joined by ", "), when the engine has them: the label holds ids
    /// and English words, and a French file (the FEC) wants the names the business knows. Optional
    /// and additive: null means "use the label".
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Name { get; init; }
}
