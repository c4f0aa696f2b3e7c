using System.Globalization;
using PosSync.Contracts;
using PosSync.Domain.Booking;

namespace PosSync.Connectors.Fec;

/// <summary>
/// Debit and Credit of a FEC are euros (Code de commerce L123-22); a day booked in another currency
/// keeps its own amount in Montantdevise and its code in Idevise (A47 VII 1°). Each line is converted
/// on its own (amount ÷ rate, <see cref="Money.Round"/>), so the rounded euro lines may miss balance
/// by a few cents: those go on the largest line of the lighter side. That is conversion rounding, not
/// an exchange gain or loss (no money moved at another rate), and it keeps every entry balanced in
/// euros while Montantdevise keeps the exact foreign amounts (docs/vendors/fec.md, Currency).
/// </summary>
public static class FecConversion
{
    public static IReadOnlyList<FecAmounts> InEuros(JournalEntry entry) => [.. entry.Lines.Select(l => new FecAmounts(l.Debit, l.Credit))];

    public static (IReadOnlyList<FecAmounts>? Amounts, string? Problem) Convert(JournalEntry entry, EurRate rate)
    {
        // The cents put right below are the rounding of a balanced entry; they must never hide an entry that does not balance.
        if (entry.TotalDebit != entry.TotalCredit)
            return (null, $"Entry {entry.Number} does not balance in {entry.Currency} ({Amount(entry.TotalDebit)} debit, " +
                $"{Amount(entry.TotalCredit)} credit); it is not converted.");
        var debits = entry.Lines.Select(l => Money.Round(l.Debit / rate.Rate)).ToArray();
        var credits = entry.Lines.Select(l => Money.Round(l.Credit / rate.Rate)).ToArray();
        var gap = debits.Sum() - credits.Sum();
        if (gap > 0) credits[Largest(credits)] += gap;
        else if (gap < 0) debits[Largest(debits)] -= gap;

        var amounts = new List<FecAmounts>();
        for (var i = 0; i < entry.Lines.Count; i++)
        {
            var line = entry.Lines[i];
            var foreign = line.Debit != 0 ? line.Debit : line.Credit;
            // A line of 0,00 on both sides is not a line a FEC may hold, and dropping it would lose the foreign amount.
            if (foreign != 0 && debits[i] == 0 && credits[i] == 0)
                return (null, $"The {entry.Currency} amount {Amount(foreign)} on account {line.Account} is worth less than half a euro cent at " +
                              $"{rate.Rate.ToString(CultureInfo.InvariantCulture)} {entry.Currency} per euro, so its FEC line would be " +
                                  "0,00 on both sides.");
            amounts.Add(new FecAmounts(debits[i], credits[i], foreign, entry.Currency));
        }
        return (amounts, null);
    }

    /// <summary>The largest amount of a side; the first of equals, so the same entry always gets the same cents.</summary>
    private static int Largest(decimal[] side)
    {
        var index = 0;
        for (var i = 1; i < side.Length; i++)
        {
            if (side[i] > side[index]) index = i;
        }
        return index;
    }

    private static string Amount(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);
}
