using System.Globalization;
using System.Text.Json;
using PosSync.Contracts;

namespace PosSync.Testing;

/// <summary>A line as scenarios.md writes it: D or C, account, amount, and the VAT code when it matters.</summary>
public sealed record BookedLine(char Side, string Account, decimal Amount, string? VatCode)
{
    public override string ToString() => $"{Side} {Account} {Amount:0.00}{(VatCode is null ? "" : " " + VatCode)}";
}

public static class ExpectedLines
{
    /// <summary>Parses "D 511200 33.00; C 706100 50.00 FR10".</summary>
    public static IReadOnlyList<BookedLine> Parse(string text) => text
        .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Select(part =>
        {
            var words = part.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return new BookedLine(words[0][0], words[1], decimal.Parse(words[2].Replace(",", ""), CultureInfo.InvariantCulture),
                words.Length > 3 ? words[3] : null);
        })
        .ToList();

    public static IReadOnlyList<BookedLine> Of(JournalEntry entry) => entry.Lines
        .Select(l => new BookedLine(l.Debit > 0 ? 'D' : 'C', l.Account, l.Debit > 0 ? l.Debit : l.Credit, l.VatCode))
        .ToList();

    /// <summary>The lines of an entry written as JSON by preview or by the file target.</summary>
    public static IReadOnlyList<BookedLine> Of(JsonElement entry) => entry.GetProperty("lines").EnumerateArray()
        .Select(l =>
        {
            var debit = l.GetProperty("debit").GetDecimal();
            var credit = l.GetProperty("credit").GetDecimal();
            var code = l.GetProperty("vat_code").ValueKind == JsonValueKind.Null ? null : l.GetProperty("vat_code").GetString();
            return new BookedLine(debit > 0 ? 'D' : 'C', l.GetProperty("account").GetString()!, debit > 0 ? debit : credit, code);
        })
        .ToList();

    /// <summary>
    /// Asserts the booked lines are exactly the expected ones (any order). A VAT code is compared
    /// only where the expectation names one, as scenarios.md does.
    /// </summary>
    public static void AssertSame(IReadOnlyList<BookedLine> actual, string expected)
    {
        var wanted = Parse(expected);
        var remaining = actual.ToList();
        var missing = new List<BookedLine>();
        foreach (var line in wanted)
        {
            var match = remaining.FirstOrDefault(a => a.Side == line.Side && a.Account == line.Account && a.Amount == line.Amount
                                                       && (line.VatCode is null || a.VatCode == line.VatCode));
            if (match is null) missing.Add(line);
            else remaining.Remove(match);
        }
        Assert.That(missing.Count + remaining.Count, Is.Zero,
            $"expected: {expected}{Environment.NewLine}booked:   {string.Join("; ", actual)}{Environment.NewLine}" +
            $"missing:  {string.Join("; ", missing)}{Environment.NewLine}extra:    {string.Join("; ", remaining)}");
        var debit = actual.Where(l => l.Side == 'D').Sum(l => l.Amount);
        var credit = actual.Where(l => l.Side == 'C').Sum(l => l.Amount);
        Assert.That(debit, Is.EqualTo(credit), "the entry must balance");
    }
}
