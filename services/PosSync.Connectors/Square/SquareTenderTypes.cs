using PosSync.Domain.Enablement;

namespace PosSync.Connectors.Square;

/// <summary>
/// Square has no list of payment methods: a payment is known by its tender type (SPEC TenderType).
/// PosSync maps each type that carries money to an account; NO_SALE is the register opened without a
/// sale and never a payment.
/// </summary>
public static class SquareTenderTypes
{
    public const string NoSale = "NO_SALE";

    /// <summary>Every tender type that carries money, with the name the client sees when mapping it.</summary>
    public static readonly IReadOnlyList<CatalogEntry> PaymentMethods =
    [
        new("CARD", "Card"),
        new("CASH", "Cash"),
        new("SQUARE_GIFT_CARD", "Square gift card"),
        new("THIRD_PARTY_CARD", "Card (other processor)"),
        new("WALLET", "Digital wallet"),
        new("BANK_ACCOUNT", "Bank account"),
        new("BUY_NOW_PAY_LATER", "Buy now pay later"),
        new("SQUARE_ACCOUNT", "Square house account"),
        new("OTHER", "Other"),
    ];

    public static string? Name(string type) => PaymentMethods.FirstOrDefault(p => p.Id == type)?.Name;
}
