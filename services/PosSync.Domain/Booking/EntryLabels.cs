using System.Globalization;
using PosSync.Domain.Configuration;

namespace PosSync.Domain.Booking;

/// <summary>
/// The labels of an entry's lines in the consumer's language (French where the books are kept in
/// French, Code de commerce L123-22), with the POS's own names for categories and payment methods.
/// </summary>
public sealed class EntryLabels
{
    private static readonly CultureInfo FrenchNumbers = CultureInfo.GetCultureInfo("fr-FR");
    private readonly bool _french;

    private EntryLabels(EntryLanguage language) => _french = language == EntryLanguage.French;

    public static readonly EntryLabels English = new(EntryLanguage.English);
    public static readonly EntryLabels French = new(EntryLanguage.French);

    public static EntryLabels For(EntryLanguage language) => language == EntryLanguage.French ? French : English;

    public string Revenue(string category, decimal rate) => _french ? $"Ventes {category} {Rate(rate)}" : $"Sales {category} {Rate(rate)}";
    public string Vat(decimal rate) => _french ? $"TVA {Rate(rate)}" : $"VAT {Rate(rate)}";
    public string Tips => _french ? "Pourboires" : "Tips";
    public string Discounts => _french ? "Remises accordées" : "Discounts";
    public string Complimentary => _french ? "Offerts" : "Complimentary";
    public string CashRounding => _french ? "Arrondi de caisse" : "Cash rounding";
    public string Rounding => _french ? "Écart d'arrondi" : "Rounding";
    public string Difference => _french ? "Écart de caisse" : "Cash difference";
    public string UnmappedSales => Suspense(_french ? "Ventes non affectées" : "Unmapped sales");
    public string UnmappedPayments => Suspense(_french ? "Règlements non affectés" : "Unmapped payments");
    public string Suspense(string label) => _french ? $"{label} (compte d'attente)" : $"{label} (suspense)";

    /// <summary>"5.5%" in English, "5,5 %" in French.</summary>
    private string Rate(decimal rate) => _french
        ? $"{rate.ToString("0.###", FrenchNumbers)} %"
        : $"{rate.ToString("0.###", CultureInfo.InvariantCulture)}%";
}
