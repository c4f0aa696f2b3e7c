using PosSync.Contracts;
using PosSync.Domain.Configuration;
using PosSync.Domain.Days;

namespace PosSync.Domain.Booking;

/// <summary>
/// Finds the orders that explain a sum mismatch: for each order, items against its total and
/// payments against its total, with the hints support uses most (an unrecorded tip, a discount
/// not configured in the POS). Payments are held against the total plus the order's cash rounding,
/// so an order the till rounded is no suspect.
/// </summary>
public static class MismatchDiagnostics
{
    public const string UnrecordedTip = "possible unrecorded tip";
    public const string DiscountNotConfigured = "possible discount not configured in the POS";
    public const string PaymentMissing = "payments below the order total: a payment is missing or not completed";
    public const string ItemMissing = "items below the order total: an item is missing from the order";

    private const int MaxListed = 100;

    public static IReadOnlyList<ExplainingOrder> ExplainingOrders(IReadOnlyList<Order> orders, Settings settings)
    {
        var explaining = new List<ExplainingOrder>();
        foreach (var order in orders)
        {
            var items = order.Items.Sum(i => i.Total);
            var counted = order.Payments.Where(p => BusinessDayRules.IsCounted(p, settings)).ToList();
            var payments = counted.Sum(p => p.Total);
            var tips = counted.Sum(p => p.Tip);
            var payable = order.Total + order.Rounding;
            if (items == order.Total && payments == payable) continue;

            // "Above" and "below" follow the order's direction, so a refund (negative total) reads the same way.
            var direction = order.Total < 0 ? -1 : 1;
            var paymentsOver = direction * (payments - payable);
            var itemsOver = direction * (items - order.Total);
            var hints = new List<string>();
            if (paymentsOver > 0 && tips == 0 && order.TotalTip == 0) hints.Add(UnrecordedTip);
            if (paymentsOver < 0) hints.Add(PaymentMissing);
            if (itemsOver > 0 && order.TotalDiscount == 0 && order.Items.All(i => i.Discounts.Count == 0)) hints.Add(DiscountNotConfigured);
            if (itemsOver < 0) hints.Add(ItemMissing);
            explaining.Add(new ExplainingOrder(order.Id, order.OrderNumber, order.Total, items, payments, tips, hints) { Rounding = order.Rounding });
        }
        return explaining
            .OrderByDescending(o => Math.Abs(o.PaymentsTotal - o.Payable) + Math.Abs(o.ItemsTotal - o.Total))
            .ThenBy(o => o.Id, StringComparer.Ordinal)
            .Take(MaxListed)
            .ToList();
    }

    public static string Summarise(IReadOnlyList<ExplainingOrder> orders)
    {
        if (orders.Count == 0)
            return "No single order explains it: every order's items and payments match its total, so look for payments recorded outside orders.";
        var shown = orders.Take(5).Select(o =>
            $"{o.Id} (total {Money.Format(o.Total)}, items {Money.Format(o.ItemsTotal)}, payments {Money.Format(o.PaymentsTotal)}"
            + (o.Rounding != 0 ? $", cash rounding {Money.FormatSigned(o.Rounding)}" : "")
            + (o.Hints.Count > 0 ? ": " + string.Join("; ", o.Hints) : "") + ")");
        var more = orders.Count > 5 ? $" and {orders.Count - 5} more" : "";
        return $"Orders that explain it: {string.Join(", ", shown)}{more}.";
    }
}
