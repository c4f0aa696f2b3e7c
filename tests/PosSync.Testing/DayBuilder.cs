using PosSync.Contracts;

namespace PosSync.Testing;

/// <summary>Builds canonical days for tests in the words of scenarios.md.</summary>
public sealed class DayBuilder(string businessDate, string locationId = "loc-1")
{
    private readonly List<Order> _orders = [];
    private ClosureStatus _closure = ClosureStatus.Closed;

    public static DayBuilder For(string businessDate, string locationId = "loc-1") => new(businessDate, locationId);

    public DayBuilder Open() { _closure = ClosureStatus.Open; return this; }

    public DayBuilder Order(string id, Action<OrderBuilder> build)
    {
        var order = new OrderBuilder(id, DateOnly.Parse(businessDate));
        build(order);
        _orders.Add(order.Build());
        return this;
    }

    /// <summary>Pays the day's orders in turn, card first then cash, until each amount runs out.</summary>
    public DayBuilder PayInTurn(decimal card, decimal cash)
    {
        for (var i = 0; i < _orders.Count; i++)
        {
            var order = _orders[i];
            var due = order.Total;
            var payments = new List<Payment>();
            var fromCard = Math.Min(due, card);
            if (fromCard > 0)
            {
                payments.Add(OrderBuilder.NewPayment($"{order.Id}-card", "pm-card", "Card", fromCard)); card -= fromCard; due -= fromCard;
            }
            var fromCash = i == _orders.Count - 1 ? cash : Math.Min(due, cash);
            if (fromCash > 0) { payments.Add(OrderBuilder.NewPayment($"{order.Id}-cash", "pm-cash", "Cash", fromCash)); cash -= fromCash; }
            _orders[i] = order with { Payments = payments };
        }
        return this;
    }

    public ServiceDay Build() => new()
    {
        LocationId = locationId,
        BusinessDate = DateOnly.Parse(businessDate),
        Closure = new Closure(_closure),
        Orders = _orders.ToList(),
    };
}

public sealed class OrderBuilder(string id, DateOnly businessDate)
{
    private readonly List<OrderItem> _items = [];
    private readonly List<Payment> _payments = [];
    private OrderStatus _status = OrderStatus.Completed;
    private DateOnly? _serviceDate = businessDate;
    private DateTimeOffset? _closing;
    private DateTimeOffset? _created;
    private decimal? _total;
    private decimal? _tax;
    private decimal _totalDiscount;
    private decimal _totalRefund;
    private decimal _totalTip;
    private decimal _rounding;

    /// <summary>quantity × unit (excl. VAT) at rate %, with the line total and VAT given as the POS sends them.</summary>
    public OrderBuilder Item(decimal quantity, decimal unit, decimal total, decimal tax, decimal rate, string category = "cat-food",
        params ItemDiscount[] discounts)
    {
        _items.Add(new OrderItem
        {
            Id = $"{id}-L{_items.Count + 1}",
            Description = category,
            Quantity = quantity,
            UnitPrice = unit,
            Total = total,
            TaxAmount = tax,
            TaxRate = rate,
            CategoryId = category,
            Discounts = discounts,
        });
        return this;
    }

    /// <summary>
    /// quantity × unit (excl. VAT) with several taxes, e.g. a tax-exclusive location's state and city
    /// taxes; the item's rate and VAT are their sums, as the day reader makes them.
    /// </summary>
    public OrderBuilder ItemWithTaxes(decimal quantity, decimal unit, decimal total, string category, ItemTax[] taxes,
        params ItemDiscount[] discounts)
    {
        _items.Add(new OrderItem
        {
            Id = $"{id}-L{_items.Count + 1}",
            Description = category,
            Quantity = quantity,
            UnitPrice = unit,
            Total = total,
            TaxAmount = taxes.Sum(t => t.Amount),
            TaxRate = taxes.Sum(t => t.Rate),
            CategoryId = category,
            Discounts = discounts,
            Taxes = taxes,
        });
        return this;
    }

    public OrderBuilder Pay(string method, decimal total, decimal tip = 0, PaymentStatus status = PaymentStatus.Completed, string? name = null)
    {
        _payments.Add(NewPayment($"{id}-P{_payments.Count + 1}", method, name ?? DefaultName(method), total, tip, status));
        return this;
    }

    public OrderBuilder Status(OrderStatus status) { _status = status; return this; }
    public OrderBuilder NoServiceDate() { _serviceDate = null; return this; }
    public OrderBuilder ServiceDate(string date) { _serviceDate = DateOnly.Parse(date); return this; }
    public OrderBuilder ClosedAt(string utc) { _closing = DateTimeOffset.Parse(utc); return this; }
    public OrderBuilder CreatedAt(string utc) { _created = DateTimeOffset.Parse(utc); return this; }
    public OrderBuilder Totals(decimal total, decimal tax) { _total = total; _tax = tax; return this; }
    public OrderBuilder TotalDiscount(decimal amount) { _totalDiscount = amount; return this; }
    public OrderBuilder TotalRefund(decimal amount) { _totalRefund = amount; return this; }
    public OrderBuilder TotalTip(decimal amount) { _totalTip = amount; return this; }

    /// <summary>The till's cash rounding: amount paid minus amount payable.</summary>
    public OrderBuilder Rounding(decimal amount) { _rounding = amount; return this; }

    public Order Build() => new()
    {
        Id = id,
        OrderNumber = id.Replace("O-", ""),
        Status = _status,
        ServiceDate = _serviceDate,
        ClosingDate = _closing,
        CreationDate = _created,
        Total = _total ?? _items.Sum(i => i.Total),
        TaxAmount = _tax ?? _items.Sum(i => i.TaxAmount),
        TotalDiscount = _totalDiscount,
        TotalRefund = _totalRefund,
        TotalTip = _totalTip,
        Rounding = _rounding,
        Items = _items.ToList(),
        Payments = _payments.ToList(),
    };

    internal static Payment NewPayment(
        string id, string method, string name, decimal total, decimal tip = 0,
        PaymentStatus status = PaymentStatus.Completed) =>
        new() { Id = id, PaymentMethodId = method, PaymentMethodName = name, Total = total, Tip = tip, Status = status };

    private static string DefaultName(string method) => method switch
    {
        "pm-card" => "Card",
        "pm-cash" => "Cash",
        "pm-tr" => "Ticket Restaurant",
        "pm-gc" => "Gift card",
        _ => method,
    };
}
