using PosSync.Contracts;

namespace PosSync.Cli.Demo;

/// <summary>
/// Realistic, repeatable days: lunch and dinner services, several items per order, card, cash and
/// meal vouchers, tips on some card payments. The same seed always gives the same day.
/// </summary>
public sealed class DemoDayGenerator(int seed)
{
    private readonly Random _random = new(seed);

    public ServiceDay Day(string locationId, DateOnly date, MenuItem[] menu, int orders, ClosureStatus closure = ClosureStatus.Closed)
    {
        var list = new List<Order>(orders);
        for (var i = 1; i <= orders; i++) list.Add(Order($"{locationId.ToUpperInvariant()}-{date:MMdd}-{i:000}", date, menu));
        return new ServiceDay { LocationId = locationId, BusinessDate = date, Closure = new Closure(closure), Orders = list };
    }

    public Order Order(string id, DateOnly date, MenuItem[] menu)
    {
        var items = new List<OrderItem>();
        for (var line = _random.Next(1, 5); line > 0; line--)
        {
            var dish = menu[_random.Next(menu.Length)];
            items.Add(Item($"{id}-L{items.Count + 1}", dish, _random.Next(1, 4)));
        }
        var total = items.Sum(i => i.Total);
        var closedAt = new DateTimeOffset(date.ToDateTime(new TimeOnly(_random.Next(2) == 0 ? 12 : 19, _random.Next(60))), TimeSpan.Zero);
        return new Order
        {
            Id = id,
            OrderNumber = id[^3..],
            CreationDate = closedAt.AddMinutes(-_random.Next(20, 90)),
            ClosingDate = closedAt,
            ServiceDate = date,
            Total = total,
            TaxAmount = items.Sum(i => i.TaxAmount),
            Items = items,
            Payments = Payments(id, total),
        };
    }

    public static OrderItem Item(string id, MenuItem dish, int quantity, decimal? lineTotal = null)
    {
        var total = lineTotal ?? dish.PriceWithVat * quantity;
        return new OrderItem
        {
            Id = id,
            Description = dish.Name,
            Quantity = quantity,
            UnitPrice = Math.Round(dish.PriceWithVat / (1 + dish.Rate / 100), 3),
            Total = total,
            TaxAmount = Math.Round(total * dish.Rate / (100 + dish.Rate), 3),
            TaxRate = dish.Rate,
            CategoryId = dish.Category.Id,
            CategoryName = dish.Category.Name,
        };
    }

    private List<Payment> Payments(string orderId, decimal total)
    {
        var roll = _random.Next(10);
        if (roll < 6)
        {
            var tip = _random.Next(5) == 0 ? _random.Next(1, 6) : 0m;
            return [Pay(orderId, 1, DemoCatalog.Card, "Card", total, tip)];
        }
        if (roll < 8) return [Pay(orderId, 1, DemoCatalog.Cash, "Cash", total)];
        var voucher = Math.Min(total, 12.00m);
        var rest = total - voucher;
        return rest > 0
            ? [Pay(orderId, 1, DemoCatalog.MealVoucher, "Ticket Restaurant", voucher), Pay(orderId, 2, DemoCatalog.Card, "Card", rest)]
            : [Pay(orderId, 1, DemoCatalog.MealVoucher, "Ticket Restaurant", voucher)];
    }

    public static Payment Pay(string orderId, int n, string method, string name, decimal total, decimal tip = 0) => new()
    {
        Id = $"{orderId}-P{n}", PaymentMethodId = method, PaymentMethodName = name, Total = total, Tip = tip, Status = PaymentStatus.Completed,
    };
}
