using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using PosSync.Connectors.Http;
using PosSync.Connectors.Square;
using PosSync.Contracts;
using PosSync.Sandbox.Square;
using PosSync.Testing;

namespace PosSync.Connectors.Tests;

/// <summary>
/// The mapping of one Square order to the canonical order, as a table: each row is what happened at
/// the till (written with the sandbox's order builder, which computes Square's fields as Square does)
/// and the canonical order it must become, written as support reads it.
/// </summary>
public class SquareOrderMappingTests
{
    private static readonly DateOnly Day = new(2025, 6, 2);
    private static readonly DateTimeOffset Evening = new(2025, 6, 2, 19, 0, 0, TimeSpan.Zero);

    private static SquareOrderBuilder Pub(string id = "O-1") =>
        new SquareOrderBuilder(id, VendorWorld.SohoPub, Evening).Tax("vat", "VAT 20%", "20", additive: false, catalogId: "tax-vat20");

    private static SquareOrderBuilder Deli(string id = "O-1") =>
        new SquareOrderBuilder(id, VendorWorld.BrooklynDeli, Evening).Tax(
            "state",
            "NY State",
            "4",
            additive: true).Tax("city", "NYC", "4.875", additive: true);

    /// <summary>The sale a return below gives back: two burgers and a tip, paid by card.</summary>
    private static readonly SquareOrderBuilder EarlierSale = Pub("O-SALE").Item(
        "l1", "Burger", "2", 1250, "var-burger", ["vat"]).Tender("T-SALE", "CARD", 2500, tip: 300);

    private static IEnumerable<TestCaseData> Rows()
    {
        yield return Row("a tip rides on the card tender: the payment is the sale, the tip apart",
            Pub().Item("l1", "Burger", "1", 1250, "var-burger", ["vat"]).Tender("T-1", "CARD", 1250, tip: 200),
            "items: cat-food Burger 1×12.50 tax 2.08@20 | payments: CARD 12.50 tip 2.00 Completed | tips 2.00");
        yield return Row("a split tender is one payment per tender",
            Pub().Item("l1", "Pale ale (Pint)", "2", 550, "var-ale-pint", ["vat"]).Tender("T-1", "CARD", 600).Tender("T-2", "CASH", 500),
            "items: cat-drinks Pale ale (Pint) 2×11.00 tax 1.83@20 | payments: CARD 6.00 Completed; CASH 5.00 Completed");
        yield return Row("paying with a Square gift card is a payment of its own method; selling one is a gift-card line",
            Pub().Item("l1", "Soup of the day", "1", 650, "var-soup", ["vat"]).Item("l2", "Gift card", "1", 2000, itemType: "GIFT_CARD")
                .Tender("T-1", "SQUARE_GIFT_CARD", 650).Tender("T-2", "CARD", 2000),
            "items: cat-food Soup of the day 1×6.50 tax 1.08@20; gift-card Gift card 1×20.00 tax 0.00@0 | payments: " +
                "SQUARE_GIFT_CARD 6.50 Completed; CARD 20.00 Completed");
        yield return Row("two additive taxes on one line are two taxes of the item, its total with both on top",
            Deli().Item("l1", "Bagel", "2", 450, "var-bagel", ["state", "city"]).Tender("T-1", "CARD", 980),
            "items: cat-food Bagel 2×9.80 tax 0.80@8.875 [4:0.36 4.875:0.44] | payments: CARD 9.80 Completed");
        yield return Row("cash rounding is the order's rounding: paid minus payable",
            Pub().Item("l1", "Burger", "1", 1253, "var-burger", ["vat"]).Tender("T-1", "CASH", 1255).Rounding(2),
            "items: cat-food Burger 1×12.53 tax 2.09@20 | payments: CASH 12.55 Completed | rounding 0.02");
        yield return Row("a return of an earlier sale is negative lines and a negative payment on the sale's tender type, the returned tip apart",
            Pub("O-RET").Return(EarlierSale, "l1", "1").ReturnTip("T-SALE", 150).Refund("R-1", "T-SALE", 1400),
            "items: cat-food Burger -1×-12.50 tax -2.08@20 | payments: CARD -12.50 tip -1.50 Completed | tips -1.50 | refund 12.50");
        yield return Row("the cash rounding of a refund counts against the buyer: the till gave back less than was owed",
            Pub("O-RET").Return(EarlierSale, "l1", "1").ReturnRounding(-2).Refund("R-1", "T-SALE", 1248),
            "items: cat-food Burger -1×-12.50 tax -2.08@20 | payments: CARD -12.48 Completed | rounding 0.02 | refund 12.50");
        yield return Row("an exchange holds the return and the new sale in one order",
            Pub("O-EXC").Return(EarlierSale, "l1", "1").Item("l9", "Soup of the day", "1", 650, "var-soup", ["vat"]).Refund("R-1", "T-SALE", 600),
            "items: cat-food Soup of the day 1×6.50 tax 1.08@20; cat-food Burger -1×-12.50 tax -2.08@20 | payments: " +
                "CARD -6.00 Completed | refund 12.50");
        yield return Row("a discount is inside the line's total; the item keeps it with its tax, as the booking rules write discounts",
            Deli().Item("l1", "Bagel", "2", 450, "var-bagel", ["state", "city"], discount: 100, discountName: "Regulars").Tender("T-1", "CARD", 871),
            "items: cat-food Bagel 2×8.71 tax 0.71@8.875 [4:0.32 4.875:0.39] discount Regulars 1.089 | payments: " +
                "CARD 8.71 Completed | discount 1.089");
        yield return Row("a service charge outside the lines is an item of its own, taxed as Square taxed it",
            Pub().Item("l1", "Burger", "1", 1250, "var-burger", ["vat"]).ServiceCharge("sc", "Service 12.5%", 156, "vat").Tender("T-1", "CARD", 1406),
            "items: cat-food Burger 1×12.50 tax 2.08@20; service-charge Service 12.5% 1×1.56 tax 0.26@20 | payments: CARD 14.06 Completed");
        yield return Row("an amount keyed in by hand has no catalog entry: it is a custom amount",
            Pub().Item("l1", "Misc", "1", 300, taxes: ["vat"], itemType: "CUSTOM_AMOUNT").Tender("T-1", "CASH", 300),
            "items: custom-amount Misc 1×3.00 tax 0.50@20 | payments: CASH 3.00 Completed");
        yield return Row("an item whose category the catalog does not give is uncategorized; an untaxed line has rate 0",
            Pub().Item("l1", "Crisps", "3", 120, "var-unknown").Tender("T-1", "CASH", 360),
            "items: uncategorized Crisps 3×3.60 tax 0.00@0 | payments: CASH 3.60 Completed");
        yield return Row("a card only authorised is an authorised payment, a voided one cancelled, and opening the drawer is no payment",
            Pub().Item("l1", "Burger", "1", 1250, "var-burger", ["vat"]).Tender("T-1", "CARD", 1250, cardStatus: "AUTHORIZED")
                .Tender("T-2", "CARD", 1250, cardStatus: "VOIDED").Tender("T-3", "NO_SALE", 0),
            "items: cat-food Burger 1×12.50 tax 2.08@20 | payments: CARD 12.50 Authorised; CARD 12.50 Canceled");
        yield return Row("a fractional quantity sold by weight keeps its decimals",
            Pub().Item("l1", "Cheese (kg)", "0.355", 2400, taxes: ["vat"], itemType: "CUSTOM_AMOUNT").Tender("T-1", "CARD", 852),
            "items: custom-amount Cheese (kg) 0.355×8.52 tax 1.42@20 | payments: CARD 8.52 Completed");
    }

    private static TestCaseData Row(string name, SquareOrderBuilder order, string expected) => new TestCaseData(order, expected).SetName(name);

    [TestCaseSource(nameof(Rows))]
    public void A_Square_order_becomes_the_canonical_order(SquareOrderBuilder till, string expected)
    {
        var order = Map(till.Build(), out var problems);

        Assert.That(problems, Is.Empty);
        Assert.That(Describe(order!), Is.EqualTo(expected));
        Assert.That((order!.Id, order.ServiceDate, order.ClosingDate), Is.EqualTo((till.Id, (DateOnly?)Day, (DateTimeOffset?)Evening)));
    }

    private static IEnumerable<TestCaseData> Garbage()
    {
        var good = Pub().Item("l1", "Burger", "1", 1250, "var-burger", ["vat"]).Tender("T-1", "CARD", 1250);
        yield return Bad("an amount written as a string", good, o => o["line_items"]![0]!["total_money"]!["amount"] = "1250",
            "orders[0].line_items[0].total_money.amount is not an integer amount of the currency's smallest unit: \"1250\"");
        yield return Bad("an amount with decimals", good, o => o["tenders"]![0]!["amount_money"]!["amount"] = 12.5,
            "orders[0].tenders[0].amount_money.amount is not an integer amount of the currency's smallest unit: 12.5");
        yield return Bad("money in another currency than the location's", good, o => o["line_items"]![0]!["total_money"]!["currency"] = "EUR",
            "orders[0].line_items[0].total_money.currency is EUR, not the location's GBP");
        yield return Bad("a line without its total", good, o => o["line_items"]![0]!.AsObject().Remove("total_money"),
            "orders[0].line_items[0].total_money is missing or not an object");
        yield return Bad("an applied tax naming no tax of the order", good, o => o["line_items"]![0]!["applied_taxes"]![0]!["tax_uid"] = "ghost",
            "orders[0].line_items[0].applied_taxes[0].tax_uid names no tax of the order: ghost");
        yield return Bad("applied taxes that do not add up to the line's tax", good, o => o["line_items"]![0]!["total_tax_money"]!["amount"] = 300,
            "orders[0].line_items[0].total_tax_money is 3.00 but its applied taxes add up to 2.08");
        yield return Bad("a quantity that is no number", good, o => o["line_items"]![0]!["quantity"] = "two",
            "orders[0].line_items[0].quantity is not a quantity: two");
        yield return Bad("a refund on a tender nobody knows", Pub("O-RET").Return(EarlierSale, "l1", "1").Refund("R-1", "T-GONE", 1250), _ => { },
            "orders[0].refunds[0].tender_id names tender T-GONE, which no order Square returned for the day or the sales being returned holds");
    }

    private static TestCaseData Bad(string name, SquareOrderBuilder order, Action<JsonObject> spoil, string problem) =>
        new TestCaseData(order, spoil, problem).SetName($"An order with {name} is refused, naming the field");

    [TestCaseSource(nameof(Garbage))]
    public void Garbage_is_refused_by_its_path(SquareOrderBuilder till, Action<JsonObject> spoil, string problem)
    {
        var order = till.Build();
        spoil(order);

        Map(order, out var problems);

        Assert.That(problems, Does.Contain(problem));
    }

    private static Order? Map(JsonObject built, out IReadOnlyList<string> problems)
    {
        var catalog = new SquareCatalogIndex();
        using (var objects = JsonDocument.Parse(CatalogJson)) catalog.Add(objects.RootElement);
        var currency = built["location_id"]!.GetValue<string>() == VendorWorld.Brooklyn ? "USD" : "GBP";
        var context = new SquareOrderContext(Day, currency, catalog, new Dictionary<string, string> { ["T-SALE"] = "CARD" });
        using var document = JsonDocument.Parse(built.ToJsonString());
        var json = new VendorJson();
        var order = SquareOrderMapper.Map(document.RootElement, "orders[0]", context, json);
        problems = json.Problems;
        return order;
    }

    /// <summary>
    /// The seeded catalogs' items and categories, as SearchCatalogObjects answers them (a menu category listed first,
    /// never chosen).
    /// </summary>
    private static readonly string CatalogJson = new JsonArray(
        new JsonObject
        {
            ["type"] = "CATEGORY",
            ["id"] = "menu-lunch",
            ["category_data"] = new JsonObject { ["name"] = "Lunch menu", ["category_type"] = "MENU_CATEGORY" }
        },
        new JsonObject
        {
            ["type"] = "CATEGORY",
            ["id"] = "cat-food",
            ["category_data"] = new JsonObject { ["name"] = "Food", ["category_type"] = "REGULAR_CATEGORY" }
        },
        new JsonObject { ["type"] = "CATEGORY", ["id"] = "cat-drinks", ["category_data"] = new JsonObject { ["name"] = "Drinks" } },
        Item("item-burger", ["menu-lunch", "cat-food"], "cat-food", "var-burger"),
        Item("item-soup", ["menu-lunch", "cat-food"], null, "var-soup"),
        Item("item-ale", ["cat-drinks"], "cat-drinks", "var-ale-pint"),
        Item("item-bagel", ["cat-food"], null, "var-bagel"),
        Item("item-crisps", [], null, "var-unknown")).ToJsonString();

    private static JsonObject Item(string id, string[] categories, string? reporting, string variation)
    {
        var data = new JsonObject
        {
            ["categories"] = new JsonArray(categories.Select(c => (JsonNode)new JsonObject { ["id"] = c }).ToArray()),
            ["variations"] = new JsonArray(
                new JsonObject { ["type"] = "ITEM_VARIATION", ["id"] = variation, ["item_variation_data"] = new JsonObject { ["item_id"] = id } }),
        };
        if (reporting is not null) data["reporting_category"] = new JsonObject { ["id"] = reporting };
        return new JsonObject { ["type"] = "ITEM", ["id"] = id, ["item_data"] = data };
    }

    /// <summary>The canonical order in one line, as support reads it.</summary>
    private static string Describe(Order order)
    {
        static string A(decimal amount) => amount.ToString(CultureInfo.InvariantCulture);
        var items = string.Join("; ", order.Items.Select(i =>
            $"{i.CategoryId} {i.Description} {A(i.Quantity)}×{A(i.Total)} tax {A(i.TaxAmount)}@{A(i.TaxRate)}"
            + (i.Taxes.Count > 0 ? $" [{string.Join(' ', i.Taxes.Select(t => $"{A(t.Rate)}:{A(t.Amount)}"))}]" : "")
            + string.Concat(i.Discounts.Select(d => $" discount {d.Name} {A(d.Total)}"))));
        var payments = string.Join(
            "; ",
            order.Payments.Select(p => $"{p.PaymentMethodId} {A(p.Total)}{(p.Tip != 0 ? $" tip {A(p.Tip)}" : "")} {p.Status}"));
        var text = $"items: {items} | payments: {payments}";
        if (order.TotalTip != 0) text += $" | tips {A(order.TotalTip)}";
        if (order.Rounding != 0) text += $" | rounding {A(order.Rounding)}";
        if (order.TotalRefund != 0) text += $" | refund {A(order.TotalRefund)}";
        if (order.TotalDiscount != 0) text += $" | discount {A(order.TotalDiscount)}";
        return text;
    }
}
