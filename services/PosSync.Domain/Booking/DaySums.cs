using PosSync.Contracts;
using PosSync.Domain.Configuration;
using PosSync.Domain.Days;

namespace PosSync.Domain.Booking;

/// <summary>
/// The day's unrounded sums: per (category, VAT rate) group, per payment method, tips and cash
/// rounding. Nothing is rounded here: rounding happens once per line (booking-rules 4.1).
/// </summary>
internal sealed class DaySums
{
    public sealed class GroupSums
    {
        /// <summary>The POS's name of the group's category, when a day gives one.</summary>
        public string? CategoryName;
        public decimal Gross;
        /// <summary>All the group's VAT, whatever its rates: revenue is gross minus this.</summary>
        public decimal Vat;
        /// <summary>LOSS and UNKNOWN discounts without VAT (gross mode).</summary>
        public decimal LossExVat;
        /// <summary>OFFERED discounts without VAT (gross mode).</summary>
        public decimal OfferedExVat;
        /// <summary>
        /// The VAT per component rate of a group of items with several taxes; null for a group of
        /// one-tax items, whose VAT is all at the group's rate.
        /// </summary>
        public Dictionary<decimal, decimal>? ComponentVat;

        /// <summary>The group's VAT per rate: each VAT line of 4.1 takes the amount of its own rate.</summary>
        public IEnumerable<KeyValuePair<decimal, decimal>> VatByRate(decimal groupRate) =>
            ComponentVat ?? (IEnumerable<KeyValuePair<decimal, decimal>>)[new(groupRate, Vat)];
    }

    public sealed class MethodSums
    {
        public string? Name;
        public decimal TotalWithTips;
    }

    /// <summary>
    /// Revenue groups by category and (combined) rate; <c>Components</c> ("2+6") is null for
    /// one-tax items and tells apart items with several taxes, since their VAT splits differently.
    /// </summary>
    public Dictionary<(string CategoryId, decimal Rate, string? Components), GroupSums> Groups { get; } = [];
    public Dictionary<string, MethodSums> PaymentMethods { get; } = new(StringComparer.Ordinal);
    public decimal Tips { get; private set; }

    /// <summary>Σ of the cash rounding the POS recorded on the day's orders (paid minus payable).</summary>
    public decimal CashRounding { get; private set; }

    public static DaySums Collect(IReadOnlyList<Order> orders, Settings settings)
    {
        var sums = new DaySums();
        var gross = settings.RevenueMode == RevenueMode.Gross;
        foreach (var order in orders)
        {
            foreach (var item in order.Items)
            {
                // One tax, by far the usual item, reads its two fields and nothing else.
                var oneTax = item.Taxes.Count == 0;
                var several = !oneTax && ItemTaxes.AreSeveral(item);
                var rate = oneTax ? item.TaxRate : ItemTaxes.CombinedRate(item);
                var key = (item.CategoryId, rate, several ? ItemTaxes.ComponentsKey(item) : null);
                if (!sums.Groups.TryGetValue(key, out var group))
                {
                    group = new GroupSums();
                    sums.Groups.Add(key, group);
                }
                group.CategoryName ??= item.CategoryName;
                group.Gross += item.Total;
                group.Vat += oneTax ? item.TaxAmount : ItemTaxes.Vat(item);
                if (several)
                {
                    group.ComponentVat ??= [];
                    foreach (var tax in item.Taxes)
                        group.ComponentVat[tax.Rate] = group.ComponentVat.GetValueOrDefault(tax.Rate) + tax.Amount;
                }
                if (gross && item.Discounts.Count > 0)
                {
                    // A discount's amount without VAT is taken at the item's combined rate: all its taxes were charged on it.
                    var divisor = 1m + rate / 100m;
                    foreach (var discount in item.Discounts)
                    {
                        var exVat = discount.Total / divisor;
                        if (discount.Type == DiscountType.Offered) group.OfferedExVat += exVat;
                        else group.LossExVat += exVat;
                    }
                }
            }
            sums.CashRounding += order.Rounding;
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
