using PosSync.Sandbox.Square;

namespace PosSync.Cli.Demo;

/// <summary>
/// The Soho Arms' week on Square, repeatable (the same seed always gives the same orders): lunch and
/// evening trade, busier at the weekend, card payments with a tip now and then, bills split between card
/// and cash, a gift card spent, cold food taken away at 0 %, last orders after midnight on Friday and
/// Saturday (still the evening's business day, before the 04:00 cut-off), and on Thursday a meal sent back
/// on Wednesday refunded to its card. London is on GMT in March: Square's times are UTC.
/// </summary>
public static class DemoPubOrders
{
    private const string Vat20 = "vat20";
    private const string Vat0 = "vat0";

    public static IReadOnlyList<SquareOrderBuilder> Week()
    {
        var orders = new List<SquareOrderBuilder>();
        SquareOrderBuilder? sentBack = null;
        foreach (var date in DemoWeek.Week)
        {
            var random = new Random(DemoWeek.Seed(DemoWeek.Pub, DemoSquare.Soho.Id, date));
            var count = date.DayOfWeek switch { DayOfWeek.Friday => 24, DayOfWeek.Saturday => 26, DayOfWeek.Sunday => 16, _ => 14 };
            for (var i = 1; i <= count; i++)
            {
                var evening = i > count / 3;
                var closed = At(date, evening ? random.Next(18, 23) : random.Next(12, 15), random.Next(60));
                orders.Add(Order(random, $"SQ-{date:MMdd}-{i:000}", closed));
            }
            if (date.DayOfWeek is DayOfWeek.Friday or DayOfWeek.Saturday)
            {
                // Last orders: closed after midnight, booked on the evening's day.
                for (var i = 1; i <= 2; i++)
                    orders.Add(Order(random, $"SQ-{date:MMdd}-L{i}", At(date.AddDays(1), 0, random.Next(5, 45)), drinksOnly: true));
            }
            if (date.DayOfWeek == DayOfWeek.Wednesday)
            {
                var meal = new SquareOrderBuilder($"SQ-{date:MMdd}-SB", DemoSquare.Soho, At(date, 20, 5));
                sentBack = Lines(meal, [(Dish("item-fish"), 1), (Dish("item-pride"), 1)]).Tender($"T-{date:MMdd}-SB", "CARD", 1650 + 630);
                orders.Add(sentBack);
            }
            if (date.DayOfWeek == DayOfWeek.Thursday && sentBack is not null)
            {
                // The guest rang on Thursday morning: the fish was cold, the pub refunds it to the card.
                orders.Add(new SquareOrderBuilder($"SQ-{date:MMdd}-RF", DemoSquare.Soho, At(date, 11, 30))
                    .Return(sentBack, "l1", "1").Refund($"R-{date:MMdd}-RF", $"T-{date.AddDays(-1):MMdd}-SB", 1650));
            }
        }
        return orders;
    }

    private static DateTimeOffset At(DateOnly date, int hour, int minute) => new(date.ToDateTime(new TimeOnly(hour, minute)), TimeSpan.Zero);

    private static PubDish Dish(string itemId) => DemoSquare.Menu.Single(d => d.ItemId == itemId);

    private static SquareOrderBuilder Order(Random random, string id, DateTimeOffset closed, bool drinksOnly = false)
    {
        var choices = drinksOnly ? DemoSquare.Menu.Where(d => d.CategoryId == DemoSquare.Drinks).ToArray() : DemoSquare.Menu;
        var lines = Enumerable.Range(0, random.Next(1, 5)).Select(_ => (choices[random.Next(choices.Length)], random.Next(1, 4))).ToList();
        var order = Lines(new SquareOrderBuilder(id, DemoSquare.Soho, closed), lines);
        var total = lines.Sum(l => l.Item1.Pence * l.Item2);
        var roll = random.Next(20);
        if (roll == 0) return order.Tender($"T-{id}-1", "SQUARE_GIFT_CARD", total);
        if (roll < 4 && total > 2000) return order.Tender($"T-{id}-1", "CARD", total - 1000).Tender($"T-{id}-2", "CASH", 1000);
        if (roll < 8) return order.Tender($"T-{id}-1", "CASH", total);
        // A tip on one card payment in three: about a tenth of the bill, to the 50p.
        var tip = random.Next(3) == 0 ? Math.Max(50, total / 10 / 50 * 50) : 0;
        return order.Tender($"T-{id}-1", "CARD", total, tip);
    }

    /// <summary>The lines, each under its catalog tax, declared on the order only when a line uses it.</summary>
    private static SquareOrderBuilder Lines(SquareOrderBuilder order, IReadOnlyList<(PubDish Dish, int Quantity)> lines)
    {
        if (lines.Any(l => l.Dish.TaxId == DemoSquare.StandardRated)) order.Tax(Vat20, "VAT 20%", "20", additive: false, DemoSquare.StandardRated);
        if (lines.Any(l => l.Dish.TaxId == DemoSquare.ZeroRated)) order.Tax(Vat0, "Zero rated", "0", additive: false, DemoSquare.ZeroRated);
        for (var i = 0; i < lines.Count; i++)
        {
            var (dish, quantity) = lines[i];
            order.Item($"l{i + 1}", dish.Name, quantity.ToString(System.Globalization.CultureInfo.InvariantCulture), dish.Pence, dish.VariationId,
                [dish.TaxId == DemoSquare.StandardRated ? Vat20 : Vat0]);
        }
        return order;
    }
}
