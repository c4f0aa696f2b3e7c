using PosSync.Contracts;

namespace PosSync.Testing;

/// <summary>
/// Generates plausible, varied days for CFG-A: mixed VAT, items with several taxes, 3-decimal
/// amounts, tips, discounts, refunds, voids, failed payments and payments that do not quite match;
/// with <see cref="CashRounding"/>, tills that round cash to 5 cents. Seeded, so a failing property
/// names a day anyone can regenerate.
/// </summary>
public sealed class RandomDays(int seed)
{
    /// <summary>
    /// Component rates CFG-A maps: 10 + 10 has a mapped combined rate (20), 5.5 + 10 does not (15.5),
    /// so its revenue has no VAT code.
    /// </summary>
    private static readonly (decimal[] Rates, string Category)[] SeveralTaxes =
        [([10m, 10m], "cat-food"), ([5.5m, 10m], "cat-drinks")];
    private static readonly decimal[] CashRoundings = [-0.02m, -0.01m, 0.01m, 0.02m];

    private static readonly (decimal Rate, string Category)[] Lines =
        [(10m, "cat-food"), (20m, "cat-drinks"), (5.5m, "cat-bakery"), (0m, "cat-giftcard"), (10m, "cat-drinks")];
    private static readonly (string Id, string Name)[] Methods =
        [("pm-card", "Card"), ("pm-cash", "Cash"), ("pm-tr", "Ticket Restaurant"), ("pm-gc", "Gift card")];
    private static readonly PaymentStatus[] Statuses =
        [
            PaymentStatus.Completed, PaymentStatus.Completed, PaymentStatus.Completed, PaymentStatus.Completed,
            PaymentStatus.Canceled, PaymentStatus.Failed];

    private readonly Random _random = new(seed);

    /// <summary>Some orders carry the till's cash rounding, and their payments include it.</summary>
    public bool CashRounding { get; init; }

    public ServiceDay Next(string date = "2025-03-14", string location = "loc-1", int? orderCount = null)
    {
        var day = DayBuilder.For(date, location);
        var orders = orderCount ?? _random.Next(0, 40);
        for (var o = 0; o < orders; o++) day.Order($"O-{o + 1}", Order);
        return day.Build();
    }

    private void Order(OrderBuilder order)
    {
        if (_random.Next(30) == 0) order.Status(OrderStatus.Voided);
        var refund = _random.Next(12) == 0 ? -1 : 1;
        var total = 0m;
        for (var i = _random.Next(1, 6); i > 0; i--)
        {
            if (_random.Next(10) == 0)
            {
                total += ItemWithTaxes(order, refund);
                continue;
            }
            var (rate, category) = Lines[_random.Next(Lines.Length)];
            var quantity = refund * _random.Next(1, 4);
            var unit = Amount(0.5m, 60m);
            var gross = Math.Round(quantity * unit * (1 + rate / 100), 3);
            var tax = Math.Round(gross * rate / (100 + rate), 3);
            var discounts = _random.Next(6) == 0
                ? new[] { new ItemDiscount("Remise", Amount(0.5m, 10m), _random.Next(2) == 0 ? DiscountType.Offered : DiscountType.Loss) }
                : [];
            order.Item(quantity, unit, gross, tax, rate, category, discounts);
            total += gross;
        }
        // Mostly exact, sometimes a few cents or euros off, the way real tills drift.
        var paid = _random.Next(80) switch
        {
            < 12 => total + Amount(-0.02m, 0.02m),
            12 => total + Amount(-30m, 30m),
            _ => total,
        };
        if (CashRounding && _random.Next(3) == 0)
        {
            var rounding = CashRoundings[_random.Next(CashRoundings.Length)];
            order.Rounding(rounding);
            paid += rounding;
        }
        var split = _random.Next(3) == 0 ? Math.Round(paid / 2, 2) : paid;
        var (first, firstName) = Methods[_random.Next(Methods.Length)];
        var status = _random.Next(60) == 0 ? PaymentStatus.Authorised : Statuses[_random.Next(Statuses.Length)];
        order.Pay(first, split, tip: _random.Next(5) == 0 ? Amount(0m, 8m) : 0m, status: status, name: firstName);
        // A declined card is usually followed by a payment that goes through.
        if (status is PaymentStatus.Canceled or PaymentStatus.Failed) order.Pay("pm-cash", split, name: "Cash");
        if (split != paid)
        {
            var (second, secondName) = Methods[_random.Next(Methods.Length)];
            order.Pay(second, paid - split, name: secondName);
        }
    }

    /// <summary>An item with several taxes, each amount taken at its own rate from the gross at the combined rate.</summary>
    private decimal ItemWithTaxes(OrderBuilder order, int refund)
    {
        var (rates, category) = SeveralTaxes[_random.Next(SeveralTaxes.Length)];
        var combined = rates.Sum();
        var quantity = refund * _random.Next(1, 4);
        var unit = Amount(0.5m, 60m);
        var gross = Math.Round(quantity * unit * (1 + combined / 100), 3);
        var taxes = rates.Select(r => new ItemTax(r, Math.Round(gross * r / (100 + combined), 3))).ToArray();
        order.ItemWithTaxes(quantity, unit, gross, category, taxes);
        return gross;
    }

    private decimal Amount(decimal min, decimal max) => Math.Round(min + (max - min) * (decimal)_random.NextDouble(), 3);
}
