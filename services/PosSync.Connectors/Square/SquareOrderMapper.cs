using System.Globalization;
using System.Text.Json;
using PosSync.Connectors.Http;
using PosSync.Contracts;

namespace PosSync.Connectors.Square;

/// <summary>
/// One Square order as the canonical order (booking-rules section 2; docs/vendors/square.md "Orders"
/// and "Returns"). Money in the smallest unit becomes decimals by the currency's exponent. A line's
/// total_money is what the customer paid for it, taxes in (inclusive taxes inside the price, additive
/// ones on top); each applied tax becomes one of the item's taxes. A service charge outside the lines
/// becomes an item of its own. Tenders are payments (the tip apart: Square's amount includes it);
/// returned lines and refunds are negative items and payments of this order, on the day the return
/// closed; cash rounding is the order's rounding. Discounts are inside the line totals already.
/// </summary>
public static class SquareOrderMapper
{
    /// <summary>The canonical order, or null with the problems noted in <paramref name="json"/> by field path.</summary>
    public static Order? Map(JsonElement order, string path, SquareOrderContext context, VendorJson json)
    {
        var money = new SquareMoneyReader(json, context.Currency);
        if (money.Exponent is null)
        {
            json.Fail($"{path}.location currency", $"'{context.Currency}' is not an ISO 4217 currency code");
            return null;
        }
        var id = json.Text(order, "id", path) ?? "";
        var taxes = Taxes(json, order, "taxes", path);
        var discounts = Discounts(json, order, path);

        var items = new List<OrderItem>();
        foreach (var (line, linePath) in json.Array(order, "line_items", path, required: false))
            items.Add(Line(json, money, line, linePath, taxes, discounts, context.Catalog, sign: 1));
        foreach (var (charge, chargePath) in json.Array(order, "service_charges", path, required: false))
            if (ServiceCharge(json, money, charge, chargePath, taxes) is { } item) items.Add(item);

        var payments = new List<Payment>();
        foreach (var (tender, tenderPath) in json.Array(order, "tenders", path, required: false))
            if (Tender(json, money, tender, tenderPath) is { } payment) payments.Add(payment);

        var rounding = money.Amount(order, "rounding_adjustment", path, "amount_money");
        var returnedTips = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var (returned, returnPath) in json.Array(order, "returns", path, required: false))
        {
            var returnTaxes = Taxes(json, returned, "return_taxes", returnPath);
            foreach (var (line, linePath) in json.Array(returned, "return_line_items", returnPath, required: false))
                items.Add(Line(json, money, line, linePath, returnTaxes, discounts: null, context.Catalog, sign: -1));
            foreach (var (charge, chargePath) in json.Array(returned, "return_service_charges", returnPath, required: false))
                if (ServiceCharge(json, money, charge, chargePath, returnTaxes) is { } item) items.Add(Negated(item));
            foreach (var (tip, tipPath) in json.Array(returned, "return_tips", returnPath, required: false))
            {
                var tender = json.Text(tip, "source_tender_id", tipPath) ?? "";
                returnedTips[tender] = returnedTips.GetValueOrDefault(tender) + money.Required(tip, "applied_money", tipPath);
            }
            // Rounding of money given back: what the buyer paid (a negative amount) minus what was payable.
            rounding -= money.Amount(returned, "rounding_adjustment", returnPath, "amount_money");
        }
        foreach (var (refund, refundPath) in json.Array(order, "refunds", path, required: false))
            payments.Add(Refund(json, money, refund, refundPath, context.TenderTypes, returnedTips));

        return new Order
        {
            Id = id,
            OrderNumber = json.Text(order, "reference_id", path, required: false) ?? json.Text(order, "ticket_name", path, required: false),
            Status = OrderStatus.Completed,
            CreationDate = json.Timestamp(order, "created_at", path, required: false),
            ClosingDate = json.Timestamp(order, "closed_at", path),
            // The day was read by its window: every order of it belongs to it, returns included.
            ServiceDate = context.BusinessDate,
            Total = items.Sum(i => i.Total),
            TaxAmount = items.Sum(i => i.TaxAmount),
            TotalDiscount = items.Sum(i => i.Discounts.Sum(d => d.Total)),
            TotalRefund = -items.Where(i => i.Total < 0).Sum(i => i.Total),
            TotalTip = payments.Sum(p => p.Tip),
            Rounding = rounding,
            Items = items,
            Payments = payments,
        };
    }

    private sealed record TaxRule(string Name, decimal Rate, bool Additive);

    /// <summary>The order's taxes (or a return's return_taxes) by uid: their rate and whether they come on top of the price.</summary>
    private static Dictionary<string, TaxRule> Taxes(VendorJson json, JsonElement owner, string field, string path)
    {
        var taxes = new Dictionary<string, TaxRule>(StringComparer.Ordinal);
        foreach (var (tax, taxPath) in json.Array(owner, field, path, required: false))
        {
            var uid = json.Text(tax, "uid", taxPath) ?? "";
            var percentage = json.Text(tax, "percentage", taxPath, required: false);
            var rate = 0m;
            if (percentage is not null && !decimal.TryParse(percentage, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out rate))
                json.Fail($"{taxPath}.percentage", $"is not a percentage: {percentage}");
            // UNKNOWN_TAX is "used for reporting only"; its amount is still in the line's total_tax_money.
            taxes[uid] = new TaxRule(json.Text(tax, "name", taxPath, required: false) ?? uid, rate,
                json.Text(tax, "type", taxPath, required: false) == "ADDITIVE");
        }
        return taxes;
    }

    private static Dictionary<string, string> Discounts(VendorJson json, JsonElement order, string path) =>
        json.Array(order, "discounts", path, required: false)
            .Select(d => (Uid: json.Text(d.Item, "uid", d.Path) ?? "", Name: json.Text(d.Item, "name", d.Path, required: false) ?? "Discount"))
            .GroupBy(d => d.Uid).ToDictionary(g => g.Key, g => g.First().Name, StringComparer.Ordinal);

    /// <summary>
    /// A sold line (<paramref name="sign"/> 1) or a returned one (−1): its total and tax as Square
    /// computed them, each applied tax kept. A returned line carries no discount: the booking rules
    /// write discounts as positive amounts of a sale, and the return's total is already net of it.
    /// </summary>
    private static OrderItem Line(VendorJson json, SquareMoneyReader money, JsonElement line, string path, Dictionary<string, TaxRule> taxes,
        Dictionary<string, string>? discounts, SquareCatalogIndex catalog, int sign)
    {
        var uid = json.Text(line, "uid", path, required: false) ?? path;
        var quantityText = json.Text(line, "quantity", path) ?? "0";
        if (!decimal.TryParse(quantityText, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var quantity))
            json.Fail($"{path}.quantity", $"is not a quantity: {quantityText}");
        var total = money.Required(line, "total_money", path);
        var tax = money.Required(line, "total_tax_money", path);
        var applied = AppliedTaxes(json, money, line, path, taxes, tax);

        var discountTotal = 0m;
        var itemDiscounts = new List<ItemDiscount>();
        if (discounts is not null)
        {
            var additiveRate = applied.Where(a => a.Rule.Additive).Sum(a => a.Rule.Rate);
            foreach (var (discount, discountPath) in json.Array(line, "applied_discounts", path, required: false))
            {
                var amount = money.Required(discount, "applied_money", discountPath);
                // Booking rules: a discount's total includes VAT. Square takes a discount off before an
                // additive tax is added, so its tax-included worth is the amount with those taxes on it.
                var withTax = decimal.Round(amount * (1 + additiveRate / 100m), 3, MidpointRounding.AwayFromZero);
                itemDiscounts.Add(new ItemDiscount(discounts.GetValueOrDefault(json.Text(discount, "discount_uid", discountPath) ?? "") ?? "Discount",
                    withTax, DiscountType.Unknown));
                discountTotal += withTax;
            }
        }

        var itemType = json.Text(line, "item_type", path, required: false) ?? "ITEM";
        var variation = json.Text(line, "catalog_object_id", path, required: false);
        var (categoryId, categoryName) = itemType switch
        {
            "CUSTOM_AMOUNT" => (SquareCategories.CustomAmount, "Custom amount"),
            "GIFT_CARD" => (SquareCategories.GiftCard, "Gift cards sold"),
            _ when variation is null => (SquareCategories.CustomAmount, "Custom amount"),
            _ => catalog.CategoryOf(variation) ?? (SquareCategories.Uncategorized, "Items without a category"),
        };
        var name = json.Text(line, "name", path, required: false);
        var variationName = json.Text(line, "variation_name", path, required: false);
        return new OrderItem
        {
            Id = sign < 0 ? $"return-{uid}" : uid,
            Description = name is null ? variationName : variationName is null or "Regular" ? name : $"{name} ({variationName})",
            Quantity = sign * quantity,
            UnitPrice = quantity == 0 ? 0 : decimal.Round((total - tax) / quantity, 3, MidpointRounding.AwayFromZero),
            Total = sign * total,
            TaxAmount = sign * tax,
            TaxRate = applied.Sum(a => a.Rule.Rate),
            Taxes = applied.Count > 1 ? applied.Select(a => new ItemTax(a.Rule.Rate, sign * a.Amount)).ToList() : [],
            CategoryId = categoryId,
            CategoryName = categoryName,
            Discounts = itemDiscounts,
        };
    }

    /// <summary>
    /// A line's (or a service charge's) applied taxes with their rules. Their amounts must add up to
    /// its total_tax_money: when they do not, Square's answer is not what its contract describes.
    /// </summary>
    private static List<(TaxRule Rule, decimal Amount)> AppliedTaxes(VendorJson json, SquareMoneyReader money, JsonElement owner, string path,
        Dictionary<string, TaxRule> taxes, decimal totalTax)
    {
        var applied = new List<(TaxRule Rule, decimal Amount)>();
        foreach (var (tax, taxPath) in json.Array(owner, "applied_taxes", path, required: false))
        {
            var uid = json.Text(tax, "tax_uid", taxPath) ?? "";
            var amount = money.Required(tax, "applied_money", taxPath);
            if (taxes.TryGetValue(uid, out var rule)) applied.Add((rule, amount));
            else json.Fail($"{taxPath}.tax_uid", $"names no tax of the order: {uid}");
        }
        if (applied.Sum(a => a.Amount) != totalTax && !json.HasProblems)
            json.Fail($"{path}.total_tax_money",
                string.Create(CultureInfo.InvariantCulture, $"is {totalTax} but its applied taxes add up to {applied.Sum(a => a.Amount)}"));
        return applied;
    }

    /// <summary>
    /// A service charge the lines do not hold (line-item treatment): an item of its own, its taxes in.
    /// An apportioned one is already spread inside the lines' totals, so it adds nothing.
    /// </summary>
    private static OrderItem? ServiceCharge(
        VendorJson json, SquareMoneyReader money, JsonElement charge, string path, Dictionary<string, TaxRule> taxes)
    {
        if (json.Text(charge, "treatment_type", path, required: false) == "APPORTIONED_TREATMENT") return null;
        var total = money.Required(charge, "total_money", path);
        var tax = money.Amount(charge, "total_tax_money", path);
        var applied = AppliedTaxes(json, money, charge, path, taxes, tax);
        return new OrderItem
        {
            Id = json.Text(charge, "uid", path, required: false) ?? path,
            Description = json.Text(charge, "name", path, required: false) ?? "Service charge",
            Quantity = 1,
            UnitPrice = total - tax,
            Total = total,
            TaxAmount = tax,
            TaxRate = applied.Sum(a => a.Rule.Rate),
            Taxes = applied.Count > 1 ? applied.Select(a => new ItemTax(a.Rule.Rate, a.Amount)).ToList() : [],
            CategoryId = SquareCategories.ServiceCharge,
            CategoryName = "Service charge",
        };
    }

    private static OrderItem Negated(OrderItem item) => item with
    {
        Id = $"return-{item.Id}", Quantity = -item.Quantity, Total = -item.Total, TaxAmount = -item.TaxAmount,
        Taxes = item.Taxes.Select(t => t with { Amount = -t.Amount }).ToList(),
    };

    /// <summary>A tender: its type is the payment method, its amount includes the tip, a card's status says whether it was captured.</summary>
    private static Payment? Tender(VendorJson json, SquareMoneyReader money, JsonElement tender, string path)
    {
        var type = json.Text(tender, "type", path) ?? "";
        if (type == SquareTenderTypes.NoSale) return null;
        var amount = money.Required(tender, "amount_money", path);
        var tip = money.Amount(tender, "tip_money", path);
        var cardStatus = json.Object(tender, "card_details", path, required: false) is { } card
            ? json.Text(card, "status", $"{path}.card_details", required: false)
            : null;
        return new Payment
        {
            Id = json.Text(tender, "id", path) ?? "",
            PaymentMethodId = type,
            PaymentMethodName = SquareTenderTypes.Name(type) ?? type,
            Total = amount - tip,
            Tip = tip,
            // An order is COMPLETED when "fully paid": a tender without card details was taken.
            Status = cardStatus switch
            {
                null or "CAPTURED" => PaymentStatus.Completed,
                "AUTHORIZED" => PaymentStatus.Authorised,
                "VOIDED" => PaymentStatus.Canceled,
                "FAILED" => PaymentStatus.Failed,
                _ => PaymentStatus.Unknown,
            },
        };
    }

    /// <summary>
    /// Money given back on a sale's tender: a negative payment of that tender's type. Its amount is
    /// what the buyer got back, returned tip included (PosSync's reading; docs/vendors/square.md), so
    /// the tip returned from that tender is its tip.
    /// </summary>
    private static Payment Refund(VendorJson json, SquareMoneyReader money, JsonElement refund, string path,
        IReadOnlyDictionary<string, string> tenderTypes,
        Dictionary<string, decimal> returnedTips)
    {
        var tenderId = json.Text(refund, "tender_id", path) ?? "";
        var amount = money.Required(refund, "amount_money", path);
        var tip = returnedTips.GetValueOrDefault(tenderId);
        if (!tenderTypes.TryGetValue(tenderId, out var type))
        {
            json.Fail($"{path}.tender_id", $"names tender {tenderId}, which no order Square returned for the day or the sales being returned holds");
            type = "";
        }
        var status = json.Text(refund, "status", path) ?? "";
        return new Payment
        {
            Id = json.Text(refund, "id", path) ?? "",
            PaymentMethodId = type,
            PaymentMethodName = SquareTenderTypes.Name(type) ?? type,
            Total = -(amount - tip),
            Tip = -tip,
            Status = status switch
            {
                "APPROVED" => PaymentStatus.Completed,
                "PENDING" => PaymentStatus.Pending,
                "REJECTED" or "FAILED" => PaymentStatus.Failed,
                _ => PaymentStatus.Unknown,
            },
        };
    }
}
