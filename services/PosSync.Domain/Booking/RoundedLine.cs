using PosSync.Contracts;

namespace PosSync.Domain.Booking;

/// <summary>A rounded line before it is given its side: a negative amount goes to the other side.</summary>
internal sealed record RoundedLine(LineRole Role, string Account, string? VatCode, decimal Amount, string Label, string? Name = null)
{
    /// <summary>Debit minus credit once placed.</summary>
    public decimal SignedDebit => EntryLines.IsDebitRole(Role) ? Amount : -Amount;

    public JournalLine ToJournalLine()
    {
        var signed = SignedDebit;
        return signed > 0
            ? new JournalLine(Account, signed, 0m, VatCode, Label) { Name = Name }
            : new JournalLine(Account, 0m, -signed, VatCode, Label) { Name = Name };
    }
}
