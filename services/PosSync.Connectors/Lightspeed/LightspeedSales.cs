using System.Text.Json;
using PosSync.Connectors.Http;
using PosSync.Domain.Days;
using PosSync.Contracts;

namespace PosSync.Connectors.Lightspeed;

/// <summary>
/// Maps Lightspeed K-Series business-day sales (Financial API V1 <c>dailyFinancials</c> or V2
/// <c>sales-daily</c>, which differ in their time fields) to the canonical day. Amounts are decimal strings and kept at full precision (the
/// booking rules round
/// once); tax rates become percentages; refunds keep their negative amounts; voids and cancelled
/// sales are voided orders; transactions that are not sales (floats, transfers, splits...) are left out.
/// </summary>
public static class LightspeedSales
{
    /// <summary>Sale types that are customer sales; VOID and CANCEL become voided orders; the rest is not revenue.</summary>
    private static readonly HashSet<string> Counted = ["SALE", "REFUND"];
    private static readonly HashSet<string> Voided = ["VOID", "CANCEL"];

    public const string ServiceChargeCategory = "service-charge";
    public const string SurchargeCategory = "surcharge";

    private sealed record TimeFields(string Opened, string Closed);

    private static TimeFields Times(LightspeedFinancialApi api) =>
        api == LightspeedFinancialApi.V1 ? new("timeofOpening", "timeofCloseAndPaid") : new("timeOfOpening", "timeClosed");

    public static (ServiceDay? Day, string? Problem) Map(string body, string locationId, DateOnly businessDate, LightspeedFinancialApi api)
    {
        var (day, problem, tooLarge) = Read(body, locationId, businessDate, api);
        return (day, problem ?? tooLarge);
    }

    /// <summary>
    /// The day, or what in the answer is not usable, or (<paramref name="TooLarge"/>) why the day is
    /// past the largest PosSync books: its sales are counted before any is mapped.
    /// </summary>
    public static (ServiceDay? Day, string? Problem, string? TooLarge) Read(
        string body,
        string locationId,
        DateOnly businessDate,
        LightspeedFinancialApi api)
    {
        using var document = VendorJson.Parse(body, out var parseProblem);
        if (document is null) return (null, parseProblem, null);
        var json = new VendorJson();
        var root = document.RootElement;
        var complete = json.Boolean(root, "dataComplete", "response");
        var orders = new List<Order>();
        var sales = json.Array(root, "sales", "response").ToList();
        if (DayLimits.TooManyOrders($"Lightspeed's day {businessDate:yyyy-MM-dd} of location {locationId}", sales.Count) is { } tooMany)
            return (null, null, tooMany);
        foreach (var (sale, path) in sales)
        {
            var order = MapSale(json, sale, path, businessDate, Times(api));
            if (order is not null) orders.Add(order);
        }
        if (json.HasProblems) return (null, json.Describe(), null);
        // A cancellation answered as a CANCEL transaction of the same day names the sale it takes back.
        var takenBack = sales.Where(s => s.Item.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String && t.GetString() == "CANCEL")
            .Select(s => s.Item.TryGetProperty("source", out var source) && source.ValueKind == JsonValueKind.Object
                         && source.TryGetProperty("initialAccountId", out var initial) && initial.ValueKind == JsonValueKind.String
                             ? initial.GetString() : null)
            .OfType<string>().ToHashSet(StringComparer.Ordinal);
        if (takenBack.Count > 0) orders = orders.Select(o => takenBack.Contains(o.Id) ? o with { Status = OrderStatus.Voided } : o).ToList();
        return (new ServiceDay
        {
            LocationId = locationId,
            BusinessDate = businessDate,
            // dataComplete=false: the day is still open or devices have not synced everything yet.
            Closure = new Closure(complete ? ClosureStatus.Closed : ClosureStatus.Open),
            Orders = orders,
        }, null, null);
    }

    private static Order? MapSale(VendorJson json, JsonElement sale, string path, DateOnly businessDate, TimeFields times)
    {
        var type = json.Text(sale, "type", path, required: false) ?? "SALE";
        var cancelled = sale.TryGetProperty("cancelled", out var c) && c.ValueKind == JsonValueKind.True;
        if (!Counted.Contains(type) && !Voided.Contains(type)) return null;
        // Only V2 promises closed transactions; a V1 sale not yet closed and paid (its time null) is no
        // sale yet. A sale without the field at all is not what the docs describe: it is refused, not dropped.
        if (times.Closed == "timeofCloseAndPaid" && !sale.TryGetProperty(times.Closed, out _))
            json.Fail($"{path}.{times.Closed}", "is missing");
        var closed = json.Timestamp(sale, times.Closed, path, required: false);
        if (closed is null && times.Closed == "timeofCloseAndPaid") return null;

        var id = json.Text(sale, "accountFiscId", path, required: false) ?? json.Text(sale, "receiptId", path) ?? "";
        var items = new List<OrderItem>();
        foreach (var (line, linePath) in json.Array(sale, "salesLines", path))
            items.AddRange(MapLine(json, line, linePath));
        var payments = new List<Payment>();
        var surcharges = 0m;
        var rounding = 0m;
        var index = 0;
        foreach (var (payment, paymentPath) in json.Array(sale, "payments", path, required: false))
        {
            index++;
            var surcharge = json.Decimal(payment, "surcharge", paymentPath, required: false);
            surcharges += surcharge;
            // Legal cash rounding: what was paid (netAmountWithTax) minus what was payable; negative when rounded down.
            rounding += json.Decimal(payment, "roundingAmount", paymentPath, required: false);
            payments.Add(new Payment
            {
                Id = json.Text(payment, "uuid", paymentPath, required: false) ?? $"{id}-P{index}",
                PaymentMethodId = json.Text(payment, "paymentMethodId", paymentPath) ?? "",
                PaymentMethodName = json.Text(payment, "description", paymentPath, required: false),
                // The customer paid the amount and its surcharge; the surcharge becomes its own item below.
                Total = json.Decimal(payment, "netAmountWithTax", paymentPath) + surcharge,
                Tip = json.Decimal(payment, "tip", paymentPath, required: false),
                Status = PaymentStatus.Completed,
            });
        }
        if (surcharges != 0)
        {
            items.Add(new OrderItem
            {
                Id = $"{id}-surcharge", Description = "Card surcharge", Quantity = 1, UnitPrice = surcharges, Total = surcharges,
                TaxAmount = 0, TaxRate = 0, CategoryId = SurchargeCategory,
            });
        }
        return new Order
        {
            Id = id,
            OrderNumber = json.Text(sale, "receiptId", path, required: false),
            Status = cancelled || Voided.Contains(type) ? OrderStatus.Voided : OrderStatus.Completed,
            CreationDate = json.Timestamp(sale, times.Opened, path, required: false),
            ClosingDate = closed,
            // sales-daily answers by business day: every sale it returns belongs to that day.
            ServiceDate = businessDate,
            Total = items.Sum(i => i.Total),
            TaxAmount = items.Sum(i => i.TaxAmount),
            TotalDiscount = items.Sum(i => i.Discounts.Sum(d => d.Total)),
            TotalRefund = type == "REFUND" ? -items.Sum(i => i.Total) : 0,
            TotalTip = payments.Sum(p => p.Tip),
            Rounding = rounding,
            Items = items,
            Payments = payments,
        };
    }

    private static IEnumerable<OrderItem> MapLine(VendorJson json, JsonElement line, string path)
    {
        var id = json.Text(line, "id", path) ?? "";
        var quantity = json.Decimal(line, "quantity", path);
        var withoutTax = json.Decimal(line, "totalNetAmountWithoutTax", path);
        var (total, taxAmount, taxRate, taxes) = Taxes(json, line, path, withoutTax);
        var group = json.Object(line, "accountingGroup", path);
        var category = group is { } g ? json.Text(g, "accountingGroupId", $"{path}.accountingGroup") : null;
        var categoryName = group is { } named ? json.Text(named, "name", $"{path}.accountingGroup", required: false) : null;
        var discount = json.Decimal(line, "discountAmount", path, required: false);
        var discounts = discount == 0 ? [] : new[]
        {
            new ItemDiscount(json.Text(line, "discountName", path, required: false) ?? "Discount", Math.Abs(discount),
                DiscountKind(json.Text(line, "discountType", path, required: false))),
        };
        yield return new OrderItem
        {
            Id = id,
            Description = json.Text(line, "nameOverride", path, required: false) ?? json.Text(line, "name", path, required: false),
            Quantity = quantity,
            // Lightspeed sends the line's amount, not a unit price: the one derived here is for people
            // (support's export), so it is kept to the canonical 3 decimals instead of 28 digits of 10 / 3.
            UnitPrice = quantity == 0 ? 0 : Math.Round(withoutTax / quantity, 3, MidpointRounding.AwayFromZero),
            Total = total,
            TaxAmount = taxAmount,
            TaxRate = taxRate,
            Taxes = taxes,
            CategoryId = category ?? "",
            CategoryName = categoryName,
            Discounts = discounts,
        };
        // An untaxed service charge is money the customer paid outside the line; apportioned ones are inside it.
        var serviceCharge = json.Decimal(line, "serviceCharge", path, required: false);
        if (serviceCharge != 0 && json.Text(line, "serviceChargeType", path, required: false) == "UNTAXED")
        {
            yield return new OrderItem
            {
                Id = $"{id}-service", Description = "Service charge", Quantity = 1, UnitPrice = serviceCharge, Total = serviceCharge,
                TaxAmount = 0, TaxRate = 0, CategoryId = ServiceChargeCategory,
            };
        }
    }

    /// <summary>
    /// A line's amount with tax and its taxes. taxLines (rate as a multiplier, 1.2 is 20 %) say
    /// whether the business is tax-inclusive; totalNetAmountWithTax is documented for tax-inclusive
    /// businesses only, so a tax-exclusive line is its amount before tax plus its taxes. A line
    /// with several taxes keeps each, the canonical item's taxes[].
    /// </summary>
    private static (decimal Total, decimal TaxAmount, decimal TaxRate, IReadOnlyList<ItemTax> Taxes) Taxes(VendorJson json,
        JsonElement line, string path, decimal withoutTax)
    {
        var taxLines = json.Array(line, "taxLines", path, required: false).ToList();
        if (taxLines.Count == 0)
            return (json.Decimal(line, "totalNetAmountWithTax", path), json.Decimal(line, "taxAmount", path),
                json.Decimal(line, "taxRatePercentage", path), []);

        var taxes = new List<ItemTax>();
        var exclusive = false;
        foreach (var (tax, taxPath) in taxLines)
        {
            taxes.Add(new ItemTax(decimal.Round((json.Decimal(tax, "taxRate", taxPath) - 1) * 100, 3), json.Decimal(tax, "taxAmount", taxPath)));
            exclusive |= tax.TryGetProperty("taxIncluded", out var included) && included.ValueKind == JsonValueKind.False;
        }
        var vat = taxes.Sum(t => t.Amount);
        var total = exclusive ? withoutTax + vat : json.Decimal(line, "totalNetAmountWithTax", path);
        return (total, vat, taxes.Sum(t => t.Rate), taxes.Count > 1 ? taxes : []);
    }

    /// <summary>Lightspeed names discount types freely; staff meals and comps are "offered", the rest a loss.</summary>
    private static DiscountType DiscountKind(string? type) => type?.ToUpperInvariant() switch
    {
        null => DiscountType.Unknown,
        var t when t.Contains("OFFER") || t.Contains("COMP") || t.Contains("STAFF") || t.Contains("FREE") => DiscountType.Offered,
        _ => DiscountType.Loss,
    };
}
