using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using PosSync.Contracts;

namespace PosSync.Domain.Booking;

/// <summary>
/// A digest of what an entry books (date, journal, currency, accounts, amounts, VAT codes), not of
/// its number or labels: a re-import compares it to decide "unchanged, post nothing" or "replace".
/// </summary>
public static class EntryFingerprint
{
    public static string Compute(JournalEntry entry)
    {
        var text = new StringBuilder();
        text.Append(entry.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append('|')
            .Append(entry.Journal).Append('|').Append(entry.Currency);
        foreach (var line in entry.Lines
                     .OrderBy(l => l.Account, StringComparer.Ordinal)
                     .ThenBy(l => l.VatCode, StringComparer.Ordinal)
                     .ThenBy(l => l.Debit)
                     .ThenBy(l => l.Credit))
        {
            text.Append('\n').Append(line.Account).Append('|')
                .Append(line.Debit.ToString("0.00", CultureInfo.InvariantCulture)).Append('|')
                .Append(line.Credit.ToString("0.00", CultureInfo.InvariantCulture)).Append('|')
                .Append(line.VatCode);
        }
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
