using PosSync.Contracts;
using PosSync.Domain.Configuration;

namespace PosSync.Cli.Demo;

/// <summary>
/// The demo's clients and their week: on Lightspeed, a two-location brasserie booking into
/// Pennylane (mixed VAT, tips, a refund, a day still open, a tip keyed into a card payment, a
/// location whose POS is down one day), a bakery writing its sales journal as an FEC-format import file (sync started midweek, the
/// till short one day), and a café whose Lightspeed password was changed since it connected; and a London
/// pub on Square booking into Xero in pounds (20 % and zero-rated VAT, tips, split bills, a gift card, a
/// refund, orders after midnight), whose days are Square's orders (<see cref="DemoPubOrders"/>).
/// </summary>
public static class DemoWeek
{
    public static readonly DateOnly Monday = new(2025, 3, 10);
    public static IEnumerable<DateOnly> Week => Enumerable.Range(0, 7).Select(Monday.AddDays);

    public const string Brasserie = "c-brasserie";
    public const string Bakery = "c-boulangerie";
    public const string Cafe = "c-zinc";
    public const string Centre = "1001";
    public const string Gare = "1002";
    public const string Shop = "2001";
    public const string Zinc = "3001";
    public const string Pub = "c-sohoarms";

    /// <summary>Tuesday at the station: Lightspeed answers 503 to every try (a vendor 5xx burst).</summary>
    public static readonly (string BlId, DateOnly Date) PosDown = (Gare, Monday.AddDays(1));

    public static IReadOnlyList<DemoClient> Clients() =>
    [
        new(Parse(BrasserieJson), "acct-brasserie"),
        new(Parse(BakeryJson), "acct-boulangerie"),
        new(Parse(CafeJson), "acct-zinc"),
        new(Parse(PubJson), DemoSquare.Merchant, DemoXero.Login),
    ];

    /// <summary>Every day the demo syncs: the Lightspeed days it seeds, and the pub's seven Square days.</summary>
    public static IReadOnlyList<DemoRunDay> Runs() =>
    [
        .. Days().Select(d => new DemoRunDay(d.ConsumerId, d.LocationId, d.Date)),
        .. Week.Select(date => new DemoRunDay(Pub, DemoSquare.Soho.Id, date)),
    ];

    public static IReadOnlyList<DemoDay> Days()
    {
        var days = new List<DemoDay>();
        foreach (var date in Week)
        {
            foreach (var location in new[] { Centre, Gare })
            {
                var day = new DemoDayGenerator(Seed(Brasserie, location, date)).Day(location, date, Menu.Brasserie, location == Centre ? 40 : 25);
                if (location == Centre && date.DayOfWeek == DayOfWeek.Wednesday) day = WithRefund(day);
                if (location == Centre && date.DayOfWeek == DayOfWeek.Thursday) day = WithUnrecordedTip(day, 80.00m);
                days.Add(new DemoDay(Brasserie, location, date, day, Complete: !(location == Gare && date.DayOfWeek == DayOfWeek.Sunday)));
            }
            var bakery = new DemoDayGenerator(Seed(Bakery, Shop, date)).Day(Shop, date, Menu.Bakery, 60);
            if (date.DayOfWeek == DayOfWeek.Friday) bakery = WithShortCash(bakery, 3.00m);
            days.Add(new DemoDay(Bakery, Shop, date, bakery));
        }
        var sunday = Monday.AddDays(6);
        days.Add(new DemoDay(Cafe, Zinc, sunday, new DemoDayGenerator(Seed(Cafe, Zinc, sunday)).Day(Zinc, sunday, Menu.Brasserie, 15)));
        return days;
    }

    /// <summary>A guest returns a dish paid by card earlier in the week: a negative line and a negative payment.</summary>
    private static ServiceDay WithRefund(ServiceDay day)
    {
        var dish = Menu.Brasserie[1];
        var id = $"{day.LocationId}-{day.BusinessDate:MMdd}-R01";
        var line = DemoDayGenerator.Item($"{id}-L1", dish, -1, -dish.PriceWithVat);
        var refund = new Order
        {
            Id = id, OrderNumber = "R01", ServiceDate = day.BusinessDate, Total = line.Total, TaxAmount = line.TaxAmount,
            TotalRefund = dish.PriceWithVat, Items = [line], Payments = [DemoDayGenerator.Pay(id, 1, DemoCatalog.Card, "Card", line.Total)],
        };
        return day with { Orders = [.. day.Orders, refund] };
    }

    /// <summary>A waiter keyed the tip into the card amount instead of the tip field.</summary>
    private static ServiceDay WithUnrecordedTip(ServiceDay day, decimal tip)
    {
        var orders = day.Orders.ToList();
        var order = orders[3];
        orders[3] = order with { Payments = [DemoDayGenerator.Pay(order.Id, 1, DemoCatalog.Card, "Card", order.Total + tip)] };
        return day with { Orders = orders };
    }

    /// <summary>The till came up short: the last cash sale was under-collected.</summary>
    private static ServiceDay WithShortCash(ServiceDay day, decimal missing)
    {
        var orders = day.Orders.ToList();
        var index = orders.FindLastIndex(o => o.Total > missing);
        var order = orders[index];
        orders[index] = order with { Payments = [DemoDayGenerator.Pay(order.Id, 1, DemoCatalog.Cash, "Cash", order.Total - missing)] };
        return day with { Orders = orders };
    }

    /// <summary>A stable seed (string.GetHashCode changes from one process to the next).</summary>
    internal static int Seed(string consumer, string location, DateOnly date)
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

    public static readonly string[] PennylaneAccounts = ["511200", "530000", "511300", "706100", "706200", "445711", "445712", "467100",
        "658100", "758100", "658000", "758000"];

    private const string BrasserieJson = """
        {
          "consumer_id": "c-brasserie", "name": "Brasserie Centrale", "created_by_email": "owner@brasserie.example",
          "pos": { "connector": "lightspeed", "status": "active" },
          "accounting": { "connector": "pennylane", "status": "active" },
          "locations": [
            { "id": "1001", "name": "Centre", "timezone": "Europe/Paris", "day_cutoff": "04:00" },
            { "id": "1002", "name": "Gare", "timezone": "Europe/Paris", "day_cutoff": "04:00" }
          ],
          "settings": { "journal": "CA", "currency": "EUR", "start_date": "2025-03-01", "tolerance": 50.00,
                        "rounding_threshold": 0.05, "revenue_mode": "net", "count_authorised_payments": false, "country": "FR" },
          "mappings": {
            "payment_methods": { "141948669132824": "511200", "141948669132825": "530000", "141948669132826": "511300" },
            "categories": { "141948669132845": "706100", "141948669132846": "706200" },
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
          "pos": { "connector": "lightspeed", "status": "active" },
          "accounting": { "connector": "fec", "status": "active", "options": { "siren": "812345678", "fiscal_year_end": "12-31", "journal_label": "Ventes boutique" } },
          "locations": [ { "id": "2001", "name": "Boutique", "timezone": "Europe/Paris", "day_cutoff": "00:00" } ],
          "settings": { "journal": "VE", "currency": "EUR", "start_date": "2025-03-12", "tolerance": 5.00,
                        "rounding_threshold": 0.05, "revenue_mode": "net", "count_authorised_payments": false, "country": "FR" },
          "mappings": {
            "payment_methods": { "141948669132824": "511200", "141948669132825": "530000", "141948669132826": "511300" },
            "categories": { "141948669132847": "701100", "141948669132848": "701200", "141948669132849": "701300", "141948669132850": "706000" },
            "vat_rates": { "5.5": { "code": "FR55", "account": "445713" }, "10": { "code": "FR10", "account": "445712" } },
            "tips": "467100",
            "rounding": { "debit": "658100", "credit": "758100" }, "difference": { "debit": "658000", "credit": "758000" },
            "suspense": null
          }
        }
        """;

    private const string CafeJson = """
        {
          "consumer_id": "c-zinc", "name": "Café Le Zinc", "created_by_email": "patron@lezinc.example",
          "pos": { "connector": "lightspeed", "status": "active" },
          "accounting": { "connector": "pennylane", "status": "active" },
          "locations": [ { "id": "3001", "name": "Le Zinc", "timezone": "Europe/Paris", "day_cutoff": "04:00" } ],
          "settings": { "journal": "CA", "currency": "EUR", "start_date": "2025-03-16", "tolerance": 20.00,
                        "rounding_threshold": 0.05, "revenue_mode": "net", "count_authorised_payments": false, "country": "FR" },
          "mappings": {
            "payment_methods": { "141948669132824": "511200", "141948669132825": "530000", "141948669132826": "511300" },
            "categories": { "141948669132845": "706100", "141948669132846": "706200" },
            "vat_rates": { "20": { "code": "FR20", "account": "445711" }, "10": { "code": "FR10", "account": "445712" } },
            "tips": "467100",
            "rounding": { "debit": "658100", "credit": "758100" }, "difference": { "debit": "658000", "credit": "758000" },
            "suspense": null
          }
        }
        """;
    /// <summary>
    /// The pub: Square tender types and catalog categories mapped to its Xero account codes (clearing
    /// accounts for takings: Xero takes no manual journal line on a bank account), VAT rates to Xero UK
    /// tax types, the organisation named among those its Xero login reaches.
    /// </summary>
    private const string PubJson = """
        {
          "consumer_id": "c-sohoarms", "name": "The Soho Arms", "created_by_email": "landlord@sohoarms.example",
          "pos": { "connector": "square", "status": "active" },
          "accounting": { "connector": "xero", "status": "active", "options": { "tenant": "The Soho Arms Ltd" } },
          "locations": [ { "id": "LSQSOHO01", "name": "Soho", "timezone": "Europe/London", "day_cutoff": "04:00" } ],
          "settings": { "journal": "POS", "currency": "GBP", "start_date": "2025-03-01", "tolerance": 5.00, "rounding_threshold": 0.05,
                        "revenue_mode": "net", "count_authorised_payments": false, "country": "GB", "close_after": "02:00" },
          "mappings": {
            "payment_methods": { "CARD": "611", "CASH": "612", "SQUARE_GIFT_CARD": "835", "THIRD_PARTY_CARD": "611", "WALLET": "611",
                                 "BANK_ACCOUNT": "611", "BUY_NOW_PAY_LATER": "611", "SQUARE_ACCOUNT": "611", "OTHER": "611" },
            "categories": { "cat-food": "201", "cat-drinks": "202", "cat-takeaway": "203", "custom-amount": "200", "uncategorized": "200",
                            "service-charge": "200", "gift-card": "835" },
            "vat_rates": { "20": { "code": "OUTPUT2", "account": "820" }, "0": { "code": "ZERORATEDOUTPUT", "account": null } },
            "tips": "825",
            "rounding": { "debit": "861", "credit": "862" }, "difference": { "debit": "861", "credit": "862" },
            "suspense": null
          }
        }
        """;
}
