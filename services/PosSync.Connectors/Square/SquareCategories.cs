using PosSync.Domain.Enablement;

namespace PosSync.Connectors.Square;

/// <summary>
/// The categories PosSync gives lines Square files under no catalog category, so every line has a
/// revenue account to map: an amount keyed in by hand, an item without a category, a service charge,
/// a gift card sold (money owed to the holder, not revenue: the client maps it to a liability).
/// </summary>
public static class SquareCategories
{
    public const string CustomAmount = "custom-amount";
    public const string Uncategorized = "uncategorized";
    public const string ServiceCharge = "service-charge";
    public const string GiftCard = "gift-card";

    public static readonly IReadOnlyList<CatalogEntry> Own =
    [
        new(CustomAmount, "Custom amount"),
        new(Uncategorized, "Items without a category"),
        new(ServiceCharge, "Service charge"),
        new(GiftCard, "Gift cards sold"),
    ];
}
