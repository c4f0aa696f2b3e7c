using System.Text.Json;
using PosSync.Contracts;
using PosSync.Domain.Input;

namespace PosSync.Domain.Days;

/// <summary>
/// Reads a canonical day (booking-rules section 2) from JSON. Fields the model does not use are
/// ignored (POS exports carry many); a missing or malformed field the rules need is a problem
/// naming its path, e.g. <c>orders[3].items[0].total must have at most 3 decimals</c>.
/// </summary>
public static class ServiceDayReader
{
    private static readonly Dictionary<string, ClosureStatus> ClosureStatuses = new()
    {
        ["closed"] = ClosureStatus.Closed,
        ["open"] = ClosureStatus.Open,
    };

    private static readonly Dictionary<string, OrderStatus> OrderStatuses = new()
    {
        ["completed"] = OrderStatus.Completed,
        ["voided"] = OrderStatus.Voided,
        ["cancelled"] = OrderStatus.Cancelled,
    };

    private static readonly Dictionary<string, PaymentStatus> PaymentStatuses = new()
    {
        ["Completed"] = PaymentStatus.Completed,
        ["Authorised"] = PaymentStatus.Authorised,
        ["Pending"] = PaymentStatus.Pending,
        ["Canceled"] = PaymentStatus.Canceled,
        ["Failed"] = PaymentStatus.Failed,
        ["Unknown"] = PaymentStatus.Unknown,
    };

    private static readonly Dictionary<string, DiscountType> DiscountTypes = new()
    {
        ["OFFERED"] = DiscountType.Offered,
        ["LOSS"] = DiscountType.Loss,
        ["UNKNOWN"] = DiscountType.Unknown,
    };

    /// <summary>Amounts of a day someone hands PosSync (a POS export, a preview): booking-rules section 2.</summary>
    public const int InputDecimals = 3;

    /// <summary>
    /// A day PosSync fetched and kept itself keeps the vendor's precision (Lightspeed lines carry
    /// up to 6 decimals; the booking rules round once), so reading it back never refuses its decimals.
    /// </summary>
    private const int ArchivedDecimals = 28;

    public static Parsed<ServiceDay> ReadJson(ReadOnlyMemory<byte> utf8) => ReadJson(utf8, InputDecimals);

    /// <summary>A day as the ingest stage archived it (<see cref="ServiceDayWriter"/>), for support's commands.</summary>
    public static Parsed<ServiceDay> ReadArchived(string json) => ReadJson(System.Text.Encoding.UTF8.GetBytes(json), ArchivedDecimals);

    private static Parsed<ServiceDay> ReadJson(ReadOnlyMemory<byte> utf8, int amountDecimals)
    {
        var document = InputDocument.ParseJson(utf8);
        if (!document.IsValid) return Parsed<ServiceDay>.Reject(document.Problems);
        using var json = document.Value!;
        return Read(json.RootElement, amountDecimals);
    }

    private static Parsed<ServiceDay> Read(JsonElement root, int amountDecimals)
    {
        var r = new FieldReader { AmountDecimals = amountDecimals };
        if (!r.IsObject(root, "day")) return Parsed<ServiceDay>.Reject(r.Problems);

        var locationId = r.Identifier(r.Required(root, "", "location_id"), "location_id");
        var businessDate = r.Date(r.Required(root, "", "business_date"), "business_date");
        ClosureStatus? closure = null;
        if (r.Required(root, "", "closure") is { } closureElement && r.IsObject(closureElement, "closure"))
            closure = r.Choice(r.Required(closureElement, "closure", "status"), "closure.status", ClosureStatuses);

        var orders = new List<Order>();
        if (r.Required(root, "", "orders") is { } ordersElement && r.IsArray(ordersElement, "orders"))
        {
            var ids = new HashSet<string>(StringComparer.Ordinal);
            var index = 0;
            foreach (var element in ordersElement.EnumerateArray())
            {
                var path = FieldReader.Index("orders", index++);
                var order = ReadOrder(r, element, path);
                if (order is null) continue;
                if (!ids.Add(order.Id)) r.Fail(FieldReader.Join(path, "id"), $"repeats order {FieldReader.Quote(order.Id)}");
                else orders.Add(order);
            }
        }

        if (r.HasProblems) return Parsed<ServiceDay>.Reject(r.Problems);
        return Parsed<ServiceDay>.Accept(new ServiceDay
        {
            LocationId = locationId!,
            BusinessDate = businessDate!.Value,
            Closure = new Closure(closure!.Value),
            Orders = orders,
        });
    }

    private static Order? ReadOrder(FieldReader r, JsonElement element, string path)
    {
        if (!r.IsObject(element, path)) return null;
        string P(string name) => FieldReader.Join(path, name);

        var id = r.Text(r.Required(element, path, "id"), P("id"));
        var number = r.Text(FieldReader.Optional(element, "order_number"), P("order_number"));
        var status = r.Choice(FieldReader.Optional(element, "status"), P("status"), OrderStatuses) ?? OrderStatus.Completed;
        var created = r.Timestamp(FieldReader.Optional(element, "creation_date"), P("creation_date"));
        var closed = r.Timestamp(FieldReader.Optional(element, "closing_date"), P("closing_date"));
        var serviceDate = r.Date(FieldReader.Optional(element, "service_date"), P("service_date"));
        var total = r.Amount(r.Required(element, path, "total"), P("total"));
        var tax = r.Amount(r.Required(element, path, "tax_amount"), P("tax_amount"));
        var discount = r.Amount(FieldReader.Optional(element, "total_discount"), P("total_discount")) ?? 0;
        var refund = r.Amount(FieldReader.Optional(element, "total_refund"), P("total_refund")) ?? 0;
        var tip = r.Amount(FieldReader.Optional(element, "total_tip"), P("total_tip")) ?? 0;
        var rounding = r.Amount(FieldReader.Optional(element, "rounding"), P("rounding")) ?? 0;

        var items = new List<OrderItem>();
        if (r.Required(element, path, "items") is { } itemsElement && r.IsArray(itemsElement, P("items")))
        {
            var index = 0;
            foreach (var item in itemsElement.EnumerateArray())
            {
                if (ReadItem(r, item, FieldReader.Index(P("items"), index++)) is { } read) items.Add(read);
            }
        }

        var payments = new List<Payment>();
        if (r.Required(element, path, "payments") is { } paymentsElement && r.IsArray(paymentsElement, P("payments")))
        {
            var index = 0;
            foreach (var payment in paymentsElement.EnumerateArray())
            {
                var paymentPath = FieldReader.Index(P("payments"), index++);
                if (ReadPayment(r, payment, paymentPath, $"{id}-P{index}") is { } read) payments.Add(read);
            }
        }

        if (id is null || total is null || tax is null) return null;
        return new Order
        {
            Id = id,
            OrderNumber = number,
            Status = status,
            CreationDate = created,
            ClosingDate = closed,
            ServiceDate = serviceDate,
            Total = total.Value,
            TaxAmount = tax.Value,
            TotalDiscount = discount,
            TotalRefund = refund,
            TotalTip = tip,
            Rounding = rounding,
            Items = items,
            Payments = payments,
        };
    }

    private static OrderItem? ReadItem(FieldReader r, JsonElement element, string path)
    {
        if (!r.IsObject(element, path)) return null;
        string P(string name) => FieldReader.Join(path, name);

        var id = r.Text(r.Required(element, path, "id"), P("id"));
        var description = r.Text(FieldReader.Optional(element, "description"), P("description"), 500);
        var quantity = r.Amount(r.Required(element, path, "quantity"), P("quantity"));
        var unitPrice = r.Amount(r.Required(element, path, "unit_price"), P("unit_price"));
        var total = r.Amount(r.Required(element, path, "total"), P("total"));
        var (rate, tax, taxes) = ReadTaxes(r, element, path);
        var category = r.Text(r.Required(element, path, "category_id"), P("category_id"));
        var categoryName = r.Text(FieldReader.Optional(element, "category_name"), P("category_name"), 200);

        var discounts = new List<ItemDiscount>();
        if (FieldReader.Optional(element, "discounts") is { } discountsElement && r.IsArray(discountsElement, P("discounts")))
        {
            var index = 0;
            foreach (var d in discountsElement.EnumerateArray())
            {
                var dPath = FieldReader.Index(P("discounts"), index++);
                if (!r.IsObject(d, dPath)) continue;
                var name = r.Text(FieldReader.Optional(d, "name"), FieldReader.Join(dPath, "name")) ?? "";
                var amount = r.Amount(r.Required(d, dPath, "total"), FieldReader.Join(dPath, "total"));
                var type = r.Choice(FieldReader.Optional(d, "type"), FieldReader.Join(dPath, "type"), DiscountTypes) ?? DiscountType.Unknown;
                if (amount is { } a) discounts.Add(new ItemDiscount(name, a, type));
            }
        }

        if (id is null || quantity is null || unitPrice is null || total is null || tax is null || rate is null || category is null)
            return null;
        return new OrderItem
        {
            Id = id,
            Description = description,
            Quantity = quantity.Value,
            UnitPrice = unitPrice.Value,
            Total = total.Value,
            TaxAmount = tax.Value,
            TaxRate = rate.Value,
            CategoryId = category,
            CategoryName = categoryName,
            Discounts = discounts,
            Taxes = taxes,
        };
    }

    /// <summary>
    /// An item's tax: <c>tax_rate</c> and <c>tax_amount</c>, or a <c>taxes</c> list of several
    /// (booking-rules section 2), never both. For a list the item's rate and amount are its sums.
    /// </summary>
    private static (decimal? Rate, decimal? Amount, IReadOnlyList<ItemTax> Taxes) ReadTaxes(FieldReader r, JsonElement element, string path)
    {
        string P(string name) => FieldReader.Join(path, name);

        if (FieldReader.Optional(element, "taxes") is not { } taxesElement)
        {
            var tax = r.Amount(r.Required(element, path, "tax_amount"), P("tax_amount"));
            var rate = Percentage(r, r.Required(element, path, "tax_rate"), P("tax_rate"));
            return (rate, tax, []);
        }

        // Both would say the item's tax twice, and nothing says which one the POS meant.
        foreach (var single in (string[])["tax_rate", "tax_amount"])
        {
            if (FieldReader.Optional(element, single) is not null)
                r.Fail(P(single), "must not be given with taxes: give either tax_rate and tax_amount, or taxes");
        }
        if (!r.IsArray(taxesElement, P("taxes"))) return (null, null, []);
        if (taxesElement.GetArrayLength() == 0)
        {
            r.Fail(P("taxes"), "must list at least one tax");
            return (null, null, []);
        }

        var taxes = new List<ItemTax>();
        var valid = true;
        var index = 0;
        foreach (var t in taxesElement.EnumerateArray())
        {
            var tPath = FieldReader.Index(P("taxes"), index++);
            if (!r.IsObject(t, tPath)) { valid = false; continue; }
            var rate = Percentage(r, r.Required(t, tPath, "rate"), FieldReader.Join(tPath, "rate"));
            var amount = r.Amount(r.Required(t, tPath, "amount"), FieldReader.Join(tPath, "amount"));
            if (rate is null || amount is null) { valid = false; continue; }
            taxes.Add(new ItemTax(rate.Value, amount.Value));
        }
        if (!valid) return (null, null, []);
        return (taxes.Sum(t => t.Rate), taxes.Sum(t => t.Amount), taxes);
    }

    private static decimal? Percentage(FieldReader r, JsonElement? element, string path)
    {
        var rate = r.Amount(element, path);
        if (rate is < 0 or > 100)
        {
            r.Fail(path, "must be a percentage between 0 and 100");
            return null;
        }
        return rate;
    }

    private static Payment? ReadPayment(FieldReader r, JsonElement element, string path, string defaultId)
    {
        if (!r.IsObject(element, path)) return null;
        string P(string name) => FieldReader.Join(path, name);

        var id = r.Text(FieldReader.Optional(element, "id"), P("id")) ?? defaultId;
        var method = r.Text(r.Required(element, path, "payment_method_id"), P("payment_method_id"));
        var methodName = r.Text(FieldReader.Optional(element, "payment_method_name"), P("payment_method_name"));
        var total = r.Amount(r.Required(element, path, "total"), P("total"));
        var tip = r.Amount(FieldReader.Optional(element, "tip"), P("tip")) ?? 0;
        // A payment without a status is taken as completed, as the POS model's default order status is.
        var status = r.Choice(FieldReader.Optional(element, "status"), P("status"), PaymentStatuses) ?? PaymentStatus.Completed;

        if (method is null || total is null) return null;
        return new Payment
        {
            Id = id,
            PaymentMethodId = method,
            PaymentMethodName = methodName,
            Total = total.Value,
            Tip = tip,
            Status = status,
        };
    }
}
