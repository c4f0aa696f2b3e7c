using PosSync.Contracts;
using PosSync.Domain.Configuration;

namespace PosSync.Cli.Demo;

/// <summary>One day the demo runs, and what it shows.</summary>
public sealed record DemoDay(string ConsumerId, ServiceDay? Day, string LocationId, DateOnly Date);

/// <summary>
/// The demo's clients and their week: a two-location brasserie (mixed VAT, tips, a refund, a day
/// still open, a day whose card payments exceed its sales) and a bakery whose sync started midweek
/// and whose till came up a little short one day.
/// </summary>
public static class DemoWeek
{
    public static readonly DateOnly Monday = new(2025, 3, 10);
    public static IEnumerable<DateOnly> Week => Enumerable.Range(0, 7).Select(Monday.AddDays);

    public const string Brasserie = "c-brasserie";
    public const string Bakery = "c-boulangerie";

    public static IReadOnlyList<ConsumerConfiguration> Consumers() => [Parse(BrasserieJson), Parse(BakeryJson)];

    public static IReadOnlyList<DemoDay> Days()
    {
        var days = new List<DemoDay>();
        foreach (var date in Week)
        {
            foreach (var location in new[] { "loc-1", "loc-2" })
            {
                var generator = new DemoDayGenerator(Seed(Brasserie, location, date));
                var closure = location == "loc-2" && date.DayOfWeek == DayOfWeek.Sunday ? ClosureStatus.Open : ClosureStatus.Closed;
                var day = generator.Day(location, date, Menu.Brasserie, location == "loc-1" ? 40 : 25, closure);
                if (location == "loc-1" && date.DayOfWeek == DayOfWeek.Wednesday) day = WithRefund(day);
                if (location == "loc-1" && date.DayOfWeek == DayOfWeek.Thursday) day = WithUnrecordedTip(day, 80.00m);
                days.Add(new DemoDay(Brasserie, day, location, date));
            }
            var bakery = new DemoDayGenerator(Seed(Bakery, "shop", date)).Day("shop", date, Menu.Bakery, 60);
            if (date.DayOfWeek == DayOfWeek.Friday) bakery = WithShortCash(bakery, 3.00m);
            days.Add(new DemoDay(Bakery, bakery, "shop", date));
        }
        return days;
    }

    /// <summary>A guest returns a dish paid by card earlier in the week: a negative line and a negative payment.</summary>
    private static ServiceDay WithRefund(ServiceDay day)
    {
        var dish = Menu.Brasserie[1];
        var id = $"LOC-1-{day.BusinessDate:MMdd}-R01";
        var line = DemoDayGenerator.Item($"{id}-L1", dish, -1, -dish.PriceWithVat);
        var refund = new Order
        {
            Id = id, OrderNumber = "R01", ServiceDate = day.BusinessDate, Total = line.Total, TaxAmount = line.TaxAmount,
            TotalRefund = dish.PriceWithVat, Items = [line], Payments = [DemoDayGenerator.Pay(id, 1, "pm-card", "Card", line.Total)],
        };
        return day with { Orders = [.. day.Orders, refund] };
    }

    /// <summary>A waiter keyed the tip into the card amount instead of the tip field.</summary>
    private static ServiceDay WithUnrecordedTip(ServiceDay day, decimal tip)
    {
        var orders = day.Orders.ToList();
        var order = orders[3];
        orders[3] = order with { Payments = [DemoDayGenerator.Pay(order.Id, 1, "pm-card", "Card", order.Total + tip)] };
        return day with { Orders = orders };
    }

    /// <summary>The till came up short: the last cash sale was under-collected.</summary>
    private static ServiceDay WithShortCash(ServiceDay day, decimal missing)
    {
        var orders = day.Orders.ToList();
        var index = orders.FindLastIndex(o => o.Total > missing);
        var order = orders[index];
        orders[index] = order with { Payments = [DemoDayGenerator.Pay(order.Id, 1, "pm-cash", "Cash", order.Total - missing)] };
        return day with { Orders = orders };
    }

    /// <summary>A stable seed (string.GetHashCode changes from one process to the next).</summary>
    private static int Seed(string consumer, string location, DateOnly date)
    {
        var hash = 2166136261u;
        foreach (var c in $"{consumer}/{location}/{date:yyyy-MM-dd}") hash = (hash ^ c) * 16777619u;
        return (int)(hash & 0x7fffffff);
    }

    private static ConsumerConfiguration Parse(string json)
    {
        var parsed = ConsumerConfigurationReader.ReadJson(json);
        return parsed.IsValid ? parsed.Value! : throw new InvalidOperationException("demo configuration: " + parsed.Describe());
    }

    private const string BrasserieJson = """
        {
          "consumer_id": "c-brasserie", "name": "Brasserie Centrale", "created_by_email": "owner@brasserie.example",
          "pos": { "connector": "folder", "status": "active" },
          "accounting": { "connector": "json-file", "status": "active" },
          "locations": [
            { "id": "loc-1", "name": "Centre", "timezone": "Europe/Paris", "day_cutoff": "04:00" },
            { "id": "loc-2", "name": "Gare", "timezone": "Europe/Paris", "day_cutoff": "04:00" }
          ],
          "settings": { "journal": "jrn-ca", "currency": "EUR", "start_date": "2025-03-01", "tolerance": 50.00,
                        "rounding_threshold": 0.05, "revenue_mode": "net", "count_authorised_payments": false },
          "mappings": {
            "payment_methods": { "pm-card": "511200", "pm-cash": "530000", "pm-tr": "511300" },
            "categories": { "cat-food": "706100", "cat-drinks": "706200" },
            "vat_rates": { "20": { "code": "FR20", "account": "445711" }, "10": { "code": "FR10", "account": "445712" } },
            "tips": "467100", "discounts": "709700", "complimentary": "623400",
            "rounding": { "debit": "658100", "credit": "758100" }, "difference": { "debit": "658000", "credit": "758000" },
            "suspense": null
          }
        }
        """;

    private const string BakeryJson = """
        {
          "consumer_id": "c-boulangerie", "name": "Boulangerie Martin", "created_by_email": "martin@boulangerie.example",
          "pos": { "connector": "folder", "status": "active" },
          "accounting": { "connector": "json-file", "status": "active" },
          "locations": [ { "id": "shop", "name": "Boutique", "timezone": "Europe/Paris", "day_cutoff": "00:00" } ],
          "settings": { "journal": "VE", "currency": "EUR", "start_date": "2025-03-12", "tolerance": 5.00,
                        "rounding_threshold": 0.05, "revenue_mode": "net", "count_authorised_payments": false },
          "mappings": {
            "payment_methods": { "pm-card": "511200", "pm-cash": "530000", "pm-tr": "511300" },
            "categories": { "cat-bread": "701100", "cat-viennoiserie": "701200", "cat-patisserie": "701300", "cat-snacking": "706000" },
            "vat_rates": { "5.5": { "code": "FR55", "account": "445713" }, "10": { "code": "FR10", "account": "445712" } },
            "tips": "467100",
            "rounding": { "debit": "658100", "credit": "758100" }, "difference": { "debit": "658000", "credit": "758000" },
            "suspense": null
          }
        }
        """;
}
