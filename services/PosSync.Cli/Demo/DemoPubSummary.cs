using System.Globalization;
using PosSync.Sandbox.Xero;

namespace PosSync.Cli.Demo;

/// <summary>What the pub's Xero books hold after the week, in a line: the tax Xero derived, per tax type, on live journals.</summary>
public static class DemoPubSummary
{
    public static string VatByTaxType(IReadOnlyList<XeroStoredJournal> journals)
    {
        var taxed = journals.Where(j => j.Status is "POSTED" or "DRAFT").SelectMany(j => j.Lines).Where(l => l.TaxType != "NONE")
            .GroupBy(l => l.TaxType).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"{g.Key} £{(-g.Sum(l => l.TaxAmount)).ToString("#,##0.00", CultureInfo.InvariantCulture)}").ToList();
        return taxed.Count == 0 ? "none" : string.Join(", ", taxed);
    }
}
