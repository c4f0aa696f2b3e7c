using PosSync.Contracts;
using PosSync.Domain.Configuration;
using PosSync.Domain.Days;

namespace PosSync.Domain.Booking;

/// <summary>
/// The day's unrounded sums: per (category, VAT rate) group, per payment method, and tips.
/// Nothing is rounded here: rounding happens once per line (booking-rules 4.1).
/// </summary>
internal sealed class DaySums
{
    public sealed class GroupSums
    {
        public decimal Gross;
        public decimal Vat;
        /// <summary>LOSS and UNKNOWN discounts without VAT (gross mode).</summary>
        public decimal LossExVat;
        /// <summary>OFFERED discounts without VAT (gross mode).</summary>
        public decimal OfferedExVat;
    }

    public sealed class MethodSums
    {
        public string? Name;
        public decimal TotalWithTips;
    }

    public Dictionary<(string CategoryId, decimal Rate), GroupSums> Groups { get; } = [];
    public Dictionary<string, MethodSums> PaymentMethods { get; } = new(StringComparer.Ordinal);
    public decimal Tips { get; private set; }

    public static DaySums Collect(IReadOnlyList<Order> orders, Settings settings)
    {
        var sums = new DaySums();
        var gross = settings.RevenueMode == RevenueMode.Gross;
        foreach (var order in orders)
        {
            foreach (var item in order.Items)
            {
                var key = (item.CategoryId, item.TaxRate);
                if (!sums.Groups.TryGetValue(key, out var group))
                {
                    group = new GroupSums();
                    sums.Groups.Add(key, group);
                }
                group.Gross += item.Total;
                group.Vat += item.TaxAmount;
                if (gross && item.Discounts.Count > 0)
                {
                    var divisor = 1m + item.TaxRate / 100m;
                    foreach (var discount in item.Discounts)
                    {
                        var exVat = discount.Total / divisor;
                        if (discount.Type == DiscountType.Offered) group.OfferedExVat += exVat;
                        else group.LossExVat += exVat;
                    }
                }
            }
            foreach (var payment in order.Payments)
            {
                if (!BusinessDayRules.IsCounted(payment, settings)) continue;
                if (!sums.PaymentMethods.TryGetValue(payment.PaymentMethodId, out var method))
                {
                    method = new MethodSums { Name = payment.PaymentMethodName };
                    sums.PaymentMethods.Add(payment.PaymentMethodId, method);
                }
                method.TotalWithTips += payment.Total + payment.Tip;
                sums.Tips += payment.Tip;
            }
        }
        return sums;
    }
}
