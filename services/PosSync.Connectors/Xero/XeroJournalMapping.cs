using System.Globalization;
using PosSync.Contracts;

namespace PosSync.Connectors.Xero;

/// <summary>
/// PosSync's journal entry → Xero manual journal (docs/vendors/xero.md "How PosSync's entry becomes a Xero
/// manual journal"). Xero books VAT itself from each line's TaxType, so the entry's VAT lines (those on the
/// organisation's GST system account) are not sent: each rate's VAT is folded into the sales lines of that
/// rate, sent tax-inclusive, and Xero derives it back per line as round(amount × r/(1+r), 2). The cents of
/// each line's VAT are chosen, and a sales line split into as few journal lines as it takes
/// (<see cref="XeroVatSplit"/>), so that Xero derives exactly PosSync's net per account and PosSync's VAT per
/// rate; when no split does, the entry is refused with the amounts, never booked with a different VAT.
/// </summary>
public static class XeroJournalMapping
{
    public const string LineAmountTypes = "Inclusive";
    public const string NoTax = "NONE";

    /// <param name="tracking">The location's tracking, every line carrying it; null when the consumer does not track locations.</param>
    public static XeroMapping Map(JournalEntry entry, XeroChart chart, string status, XeroTracking? tracking = null)
    {
        if (tracking is { } wanted)
        {
            (tracking, var untrackable) = chart.Track(wanted);
            if (untrackable is not null) return Refuse(untrackable);
        }
        foreach (var line in entry.Lines)
        {
            if (!chart.Accounts.TryGetValue(line.Account, out var account) || account.Status != "ACTIVE")
                return Refuse(
                    $"Xero has no active account with code {line.Account} (line \"{line.Label}\"); " +
                        "add it to the organisation's chart of accounts or change the mapping.");
            if (chart.IsTaxAccount(line.Account))
            {
                if (line.VatCode is null)
                    return Refuse(
                        $"The line \"{line.Label}\" goes to Xero's VAT account {line.Account} without a tax type; " +
                            "map the VAT rate's code to a Xero TaxType.");
                continue;
            }
            if (account.Type == "BANK" || account.SystemAccount.Length > 0)
                return Refuse(
                    $"Xero does not take manual journal lines on {(account.Type == "BANK" ? "the bank" : "the system")} account " +
                        $"{line.Account} (line \"{line.Label}\"); map it to an ordinary account, such as a clearing account.");
            if (line.VatCode is { } code)
            {
                if (!chart.TaxRates.TryGetValue(code, out var rate) || rate.Status != "ACTIVE")
                    return Refuse(
                        $"Xero has no active tax rate with TaxType {code} (line \"{line.Label}\"); " +
                            "map the VAT rate to one of the organisation's tax types.");
                if (account.Class == "REVENUE" && !rate.CanApplyToRevenue)
                    return Refuse($"Xero's tax type {code} cannot be used on revenue account {line.Account} (line \"{line.Label}\").");
            }
        }

        var vatByCode = entry.Lines.Where(l => chart.IsTaxAccount(l.Account)).GroupBy(l => l.VatCode!)
            .ToDictionary(g => g.Key, g => g.Sum(Signed), StringComparer.Ordinal);
        var taxed = entry.Lines.Where(l => !chart.IsTaxAccount(l.Account) && l.VatCode is not null).GroupBy(l => l.VatCode!).ToList();
        if (vatByCode.Keys.Except(taxed.Select(g => g.Key)).FirstOrDefault() is { } orphan)
            return Refuse($"The entry books VAT with tax type {orphan} on no sales line; Xero derives VAT only from the lines it is charged on.");

        var sharesOfLine = new Dictionary<JournalLine, IReadOnlyList<XeroShare>>(ReferenceEqualityComparer.Instance);
        var expected = new Dictionary<string, decimal>(StringComparer.Ordinal);
        var added = 0;
        foreach (var group in taxed)
        {
            var rate = chart.TaxRates[group.Key].EffectiveRate;
            var vat = vatByCode.GetValueOrDefault(group.Key);
            var shares = XeroVatSplit.Split(group.Select(Signed).ToList(), rate, vat, XeroVatSplit.MaxAddedLines - added);
            if (shares is null)
                return Refuse(Disagreement(group.Key, rate, group.Sum(Signed), vat));
            foreach (var (line, share) in group.Zip(shares)) sharesOfLine[line] = share;
            added += shares.Sum(s => s.Count - 1);
            expected[group.Key] = vat;
        }

        var lines = entry.Lines.Where(l => !chart.IsTaxAccount(l.Account)).SelectMany(l => sharesOfLine.TryGetValue(l, out var shares)
            ? shares.Select((s, i) => new XeroJournalLine(l.Account, s.Net + s.Vat, l.VatCode!, Part(l.Label, i, shares.Count), tracking))
            : [new XeroJournalLine(l.Account, Signed(l), NoTax, l.Label, tracking)]).ToList();
        var narration = $"POS takings {entry.Number} ({entry.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)})";
        return new XeroMapping(new XeroManualJournal(narration, entry.Date, status, LineAmountTypes, lines) { ExpectedTax = expected }, null);
    }

    /// <summary>
    /// The tax Xero derives from a tax-inclusive line amount at a rate in percent (docs/vendors/xero.md "Tax":
    /// per line, two decimals, midpoint away from zero).
    /// </summary>
    public static decimal DerivedTax(decimal lineAmount, decimal ratePercent)
    {
        var r = ratePercent / 100m;
        return Math.Round(lineAmount * r / (1 + r), 2, MidpointRounding.AwayFromZero);
    }

    /// <summary>A sales line sent as several journal lines keeps its label, numbered: "Sales 20 % (2/3)".</summary>
    private static string Part(string label, int index, int count) => count == 1 ? label : $"{label} ({index + 1}/{count})";

    private static string Disagreement(string taxType, decimal rate, decimal net, decimal vat) =>
        $"Xero derives VAT line by line from each amount and its tax type; for {taxType} ({rate.ToString("0.####", CultureInfo.InvariantCulture)} %) "
        + $"no split of the entry's sales lines (net {Money(net)}) into at most {XeroVatSplit.MaxAddedLines} more journal lines lets Xero derive "
        + $"the entry's VAT of {Money(vat)} to the cent "
        + $"(it would derive about {Money(Math.Round(net * rate / 100m, 2, MidpointRounding.AwayFromZero))}). "
        + "The day was not sent; book it by hand or check the POS's VAT amounts for this rate.";

    /// <summary>Xero's sign: debits positive, credits negative.</summary>
    private static decimal Signed(JournalLine line) => line.Debit - line.Credit;

    private static string Money(decimal amount) => Math.Abs(amount).ToString("0.00", CultureInfo.InvariantCulture);

    private static XeroMapping Refuse(string reason) => new(null, reason);
}
