namespace PosSync.Connectors.Square;

/// <summary>
/// What mapping one Square order needs besides the order: the day, the location's currency, the catalog and the tenders
/// refunds point to.
/// </summary>
/// <param name="TenderTypes">The type of every tender a refund may name: the day's own and those of the sales being returned.</param>
public sealed record SquareOrderContext(
    DateOnly BusinessDate,
    string Currency,
    SquareCatalogIndex Catalog,
    IReadOnlyDictionary<string, string> TenderTypes);
