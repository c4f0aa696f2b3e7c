using System.Globalization;
using System.Text.RegularExpressions;
using PosSync.Contracts;

namespace PosSync.Connectors.Fec;

/// <summary>
/// EcritureLib in French: accounting records in France are kept in French (Code de commerce
/// L123-22). The booking engine writes stable English labels ("Sales {category} {rate}%", "VAT
/// {rate}%", "Tips"...; payment lines carry the POS's method names), so they are translated here,
/// and the POS's names are used where the line carries them (<see cref="JournalLine.Name"/>). A
/// category id is left out: it means nothing to an accountant, and the account tells lines apart.
/// </summary>
public static partial class FecLabels
{
    private const string Suspense = " (compte d'attente)";

    private static readonly Dictionary<string, string> Fixed = new(StringComparer.Ordinal)
    {
        ["Tips"] = "Pourboires",
        ["Discounts"] = "Remises accordées",
        ["Complimentary"] = "Offerts",
        ["Rounding"] = "Écart d'arrondi",
        ["Cash rounding"] = "Arrondi de caisse",
        ["Difference"] = "Écart de caisse",
        ["Cash difference"] = "Écart de caisse",
        ["Unmapped sales"] = "Ventes non affectées",
        ["Unmapped payments"] = "Règlements non affectés",
    };

    public static string For(JournalLine line) => For(line.Label, line.Name);

    public static string For(string label, string? posNames)
    {
        // The engine joins the labels of lines it merged with ", "; a POS name may hold ", " too, so a
        // label is split only when every part is one of the engine's own phrases.
        var parts = label.Split(", ");
        var french = parts.Select(p => Part(p, posNames)).ToList();
        if (french.Any(f => f is null)) return $"Règlements {posNames ?? label}";
        return string.Join(", ", french.Distinct(StringComparer.Ordinal));
    }

    private static string? Part(string part, string? posNames)
    {
        // A consumer whose books are in French already has the engine's French labels.
        if (part.EndsWith(Suspense, StringComparison.Ordinal))
            return Part(part[..^Suspense.Length], null) is { } kept ? kept + Suspense : null;
        if (Fixed.ContainsValue(part) || FrenchSalesLabel().IsMatch(part) || FrenchVatLabel().IsMatch(part)) return part;
        if (part.EndsWith(" (suspense)", StringComparison.Ordinal))
            return Part(part[..^" (suspense)".Length], null) is { } inner ? inner + Suspense : null;
        if (Fixed.TryGetValue(part, out var known)) return known;
        if (SalesLabel().Match(part) is { Success: true } sales)
            return posNames is null ? $"Ventes {Rate(sales.Groups[1].Value)}" : $"Ventes {posNames} {Rate(sales.Groups[1].Value)}";
        if (VatLabel().Match(part) is { Success: true } vat) return $"TVA {Rate(vat.Groups[1].Value)}";
        return null;
    }

    /// <summary>"5.5" → "5,5 %": French decimals and the space before the percent sign.</summary>
    private static string Rate(string rate) =>
        decimal.Parse(rate, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture).ToString("0.###", CultureInfo.GetCultureInfo("fr-FR"))
        + " %";

    [GeneratedRegex(@"^Sales .+ (\d+(?:\.\d+)?)%$")]
    private static partial Regex SalesLabel();

    [GeneratedRegex(@"^VAT (\d+(?:\.\d+)?)%$")]
    private static partial Regex VatLabel();

    [GeneratedRegex(@"^Ventes .+ \d+(?:,\d+)? %$")]
    private static partial Regex FrenchSalesLabel();

    [GeneratedRegex(@"^TVA \d+(?:,\d+)? %$")]
    private static partial Regex FrenchVatLabel();
}
