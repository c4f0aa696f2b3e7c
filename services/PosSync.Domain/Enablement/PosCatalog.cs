namespace PosSync.Domain.Enablement;

/// <summary>What the POS says exists: every payment method, category and VAT rate a mapping must cover.</summary>
public sealed record PosCatalog(
    IReadOnlyList<CatalogEntry> PaymentMethods,
    IReadOnlyList<CatalogEntry> Categories,
    IReadOnlyList<decimal> VatRates)
{
    public static readonly PosCatalog Unknown = new([], [], []);
}
