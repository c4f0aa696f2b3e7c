using PosSync.Sandbox;
using PosSync.Sandbox.Square;

namespace PosSync.Cli.Demo;

/// <summary>
/// The Soho Arms, a London pub on Square (GBP, VAT inside prices): its seller, its Soho location on
/// London time, its catalog (20 % standard-rated food and drinks, zero-rated cold food to take away)
/// and the demo week's orders (<see cref="DemoPubOrders"/>). The demo books that week into Xero;
/// possync sandbox serves the same seller to try the Square connector by hand.
/// </summary>
public static class DemoSquare
{
    public const string Merchant = "MLSQSOHOARMS";
    public const string Seller = "The Soho Arms Ltd";
    public const string Food = "cat-food";
    public const string Drinks = "cat-drinks";
    public const string Takeaway = "cat-takeaway";
    public const string StandardRated = "tax-vat20";
    public const string ZeroRated = "tax-vat0";
    public static readonly SquareLocation Soho = new("LSQSOHO01", "Soho", "Europe/London", "GB", "GBP");

    /// <summary>
    /// The chalkboard. Its standard-rated prices happen to be in steps of 30p (each line's VAT, a sixth of it, is
    /// whole pence), which once kept the week bookable in Xero; it is no longer needed: when Square's VAT, rounded
    /// line by line, drifts by pennies from what one Xero line per account derives (three £16.95 meals make £8.49
    /// at Square, one line of net £42.36 gives Xero £8.47), the Xero target splits the sales line into as many
    /// journal lines as Xero's own rounding needs (docs/vendors/xero.md). The prices stay so the demo's figures do.
    /// </summary>
    public static readonly PubDish[] Menu =
    [
        new("item-fish", "var-fish", "Fish and chips", 1650, Food, StandardRated),
        new("item-pie", "var-pie", "Steak and ale pie", 1590, Food, StandardRated),
        new("item-burger", "var-burger", "Burger", 1440, Food, StandardRated),
        new("item-chips", "var-chips", "Chips", 450, Food, StandardRated),
        new("item-pride", "var-pride-pint", "London Pride (pint)", 630, Drinks, StandardRated),
        new("item-lager", "var-lager-pint", "Lager (pint)", 660, Drinks, StandardRated),
        new("item-red", "var-red-175", "House red (175 ml)", 720, Drinks, StandardRated),
        new("item-soft", "var-soft", "Soft drink", 330, Drinks, StandardRated),
        // Cold food to take away is zero-rated in the UK; eaten in, or hot, it is standard-rated.
        new("item-sandwich", "var-sandwich", "Sandwich to take away", 545, Takeaway, ZeroRated),
        new("item-porkpie", "var-porkpie", "Pork pie to take away", 395, Takeaway, ZeroRated),
    ];

    public static void Seed(SandboxHost sandbox)
    {
        var square = sandbox.Square;
        square.AddMerchant(Merchant, Seller, "GBP");
        square.AddLocation(Merchant, Soho);
        var catalog = square.Catalog(Merchant);
        catalog.AddTax(StandardRated, "VAT 20%", "20", additive: false);
        catalog.AddTax(ZeroRated, "Zero rated", "0", additive: false);
        catalog.AddCategory(Food, "Food");
        catalog.AddCategory(Drinks, "Drinks");
        catalog.AddCategory(Takeaway, "Cold food to take away");
        foreach (var dish in Menu)
            catalog.AddItem(dish.ItemId, dish.Name, [dish.CategoryId], dish.CategoryId, (dish.VariationId, "Regular", dish.Pence));
        foreach (var order in DemoPubOrders.Week()) square.AddOrder(order);
    }
}
