using PosSync.Sandbox;
using PosSync.Sandbox.Square;

namespace PosSync.Cli.Demo;

/// <summary>
/// A Square seller for the standalone sandbox: a London pub (GBP, 20 % VAT inside prices) with its
/// catalog and the demo week's orders — tips on cards, a split bill, cash rounded, a pint after
/// midnight — to try the Square connector by hand.
/// </summary>
public static class DemoSquare
{
    public const string Merchant = "MLSQSOHOARMS";
    public static readonly SquareLocation Soho = new("LSQSOHO01", "Soho", "Europe/London", "GB", "GBP");

    public static void Seed(SandboxHost sandbox)
    {
        var square = sandbox.Square;
        square.AddMerchant(Merchant, "The Soho Arms Ltd", "GBP");
        square.AddLocation(Merchant, Soho);
        var catalog = square.Catalog(Merchant);
        catalog.AddTax("tax-vat20", "VAT 20%", "20", additive: false);
        catalog.AddTax("tax-vat0", "Zero rated", "0", additive: false);
        catalog.AddCategory("cat-food", "Food");
        catalog.AddCategory("cat-drinks", "Drinks");
        catalog.AddItem("item-burger", "Burger", ["cat-food"], "cat-food", ("var-burger", "Regular", 1250));
        catalog.AddItem("item-ale", "Pale ale", ["cat-drinks"], "cat-drinks", ("var-ale-pint", "Pint", 550));

        foreach (var (date, index) in DemoWeek.Week.Select((d, i) => (d, i)))
        {
            // British Summer Time does not apply in March: London is on UTC.
            DateTimeOffset At(int hour, int minute = 0) => new(date.ToDateTime(new TimeOnly(0, 0)).AddHours(hour).AddMinutes(minute), TimeSpan.Zero);
            SquareOrderBuilder Order(string id, DateTimeOffset closed) => new SquareOrderBuilder($"{id}-{date:MMdd}", Soho, closed).Tax("vat", "VAT 20%", "20", false, "tax-vat20");
            square.AddOrder(Order("LUNCH", At(12, 40)).Item("l1", "Burger", "2", 1250, "var-burger", ["vat"]).Tender($"T-L-{date:MMdd}", "CARD", 2500, tip: 250));
            square.AddOrder(Order("SPLIT", At(19, 15)).Item("l1", "Burger", "1", 1250, "var-burger", ["vat"]).Item("l2", "Pale ale", "2", 550, "var-ale-pint", ["vat"])
                .Tender($"T-S1-{date:MMdd}", "CARD", 1200).Tender($"T-S2-{date:MMdd}", "CASH", 1150));
            square.AddOrder(Order("LATE", At(24 + 1, 10)).Item("l1", "Pale ale", "1", 553 + index, "var-ale-pint", ["vat"])
                .Tender($"T-N-{date:MMdd}", "CASH", 555 + index).Rounding(2));
        }
    }
}
