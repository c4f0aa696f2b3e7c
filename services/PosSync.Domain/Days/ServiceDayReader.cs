using System.Buffers;
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
        if (utf8.Length > InputDocument.MaxBytes) return Parsed<ServiceDay>.Reject(InputDocument.ParseJson(utf8).Problems);
        try
        {
            return Read(utf8.Span, amountDecimals);
        }
        catch (JsonException)
        {
            // Broken JSON is said the one way every input says it, whatever was read before the break.
            return Parsed<ServiceDay>.Reject(InputDocument.ParseJson(utf8).Problems);
        }
    }

    /// <summary>
    /// Reads the day order by order: each order is parsed on its own and let go once read, so a day's
    /// cost per order stays the same from 100 orders to 50,000 and the whole text is never a tree.
    /// The fields around the orders are checked, and named, before the orders' problems.
    /// </summary>
    private static Parsed<ServiceDay> Read(ReadOnlySpan<byte> utf8, int amountDecimals, bool trustedTexts = false)
    {
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = InputDocument.MaxDepth });
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            using var notAnObject = JsonDocument.ParseValue(ref reader);
            EndOfDocument(ref reader);
            var head = new FieldReader();
            head.IsObject(notAnObject.RootElement, "day");
            return Parsed<ServiceDay>.Reject(head.Problems);
        }
        var parsed = ReadObject(ref reader, new FieldReader { AmountDecimals = amountDecimals, TrustedTexts = trustedTexts },
            new FieldReader { AmountDecimals = amountDecimals, Pool = new TextPool(), TrustedTexts = trustedTexts });
        EndOfDocument(ref reader);
        return parsed;
    }

    /// <summary>
    /// A day PosSync wrote itself into a message (<see cref="ServiceDayJsonConverter"/>): read as the
    /// connector built it, so the input limits on texts (length, empty, control characters) and the
    /// check for repeated orders, which are for what people and POS exports hand in, never refuse a
    /// day on its way between two stages. Broken JSON throws, as any message's would.
    /// </summary>
    public static Parsed<ServiceDay> ReadOwn(ReadOnlySpan<byte> utf8) => Read(utf8, ArchivedDecimals, trustedTexts: true);

    /// <summary>The day's object, the reader on its opening brace; on return the reader is on its closing one.</summary>
    private static Parsed<ServiceDay> ReadObject(ref Utf8JsonReader reader, FieldReader head, FieldReader body)
    {
        // The few fields around the orders are gathered into a small object of their own, read as before.
        var headText = new ArrayBufferWriter<byte>();
        List<Order>? orders = null;
        using (var writer = new Utf8JsonWriter(headText))
        {
            writer.WriteStartObject();
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString()!;
                reader.Read();
                if (name == "orders" && reader.TokenType == JsonTokenType.StartArray)
                {
                    orders = ReadOrders(ref reader, body);
                    continue;
                }
                // A field given twice counts the last time, as in a JSON tree.
                if (name == "orders") orders = null;
                using var value = JsonDocument.ParseValue(ref reader);
                writer.WritePropertyName(name);
                value.RootElement.WriteTo(writer);
            }
            writer.WriteEndObject();
        }

        using var headDocument = JsonDocument.Parse(headText.WrittenMemory);
        var root = headDocument.RootElement;
        var locationId = head.Identifier(head.Required(root, "", "location_id"), "location_id");
        var businessDate = head.Date(head.Required(root, "", "business_date"), "business_date");
        ClosureStatus? closure = null;
        if (head.Required(root, "", "closure") is { } closureElement && head.IsObject(closureElement, "closure"))
            closure = head.Choice(head.Required(closureElement, "closure", "status"), "closure.status", ClosureStatuses);
        if (orders is null && head.Required(root, "", "orders") is { } notAnArray) head.IsArray(notAnArray, "orders");

        head.Add(body.Problems);
        if (head.HasProblems) return Parsed<ServiceDay>.Reject(head.Problems);
        return Parsed<ServiceDay>.Accept(new ServiceDay
        {
            LocationId = locationId!,
            BusinessDate = businessDate!.Value,
            Closure = new Closure(closure!.Value),
            Orders = orders!,
        });
    }

    private static List<Order> ReadOrders(ref Utf8JsonReader reader, FieldReader r)
    {
        var orders = new List<Order>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var index = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var path = FieldReader.Index("orders", index++);
            using var element = JsonDocument.ParseValue(ref reader);
            var order = ReadOrder(r, element.RootElement, path);
            if (order is null) continue;
            if (!r.TrustedTexts && !ids.Add(order.Id)) r.Fail(new FieldPath(path, "id"), $"repeats order {FieldReader.Quote(order.Id)}");
            else orders.Add(order);
        }
        return orders;
    }

    /// <summary>Nothing may follow the day but white space, as for any JSON input.</summary>
    private static void EndOfDocument(ref Utf8JsonReader reader)
    {
        if (reader.Read()) throw new JsonException("The day is followed by more JSON.");
    }

    private static Order? ReadOrder(FieldReader r, JsonElement element, string path)
    {
        if (!r.IsObject(element, path)) return null;
        FieldPath P(string name) => new(path, name);

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
                if (ReadItem(r, item, FieldReader.Index(FieldReader.Join(path, "items"), index++)) is { } read) items.Add(read);
            }
        }

        var payments = new List<Payment>();
        if (r.Required(element, path, "payments") is { } paymentsElement && r.IsArray(paymentsElement, P("payments")))
        {
            var index = 0;
            foreach (var payment in paymentsElement.EnumerateArray())
            {
                var paymentPath = FieldReader.Index(FieldReader.Join(path, "payments"), index++);
                if (ReadPayment(r, payment, paymentPath, id, index) is { } read) payments.Add(read);
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
        FieldPath P(string name) => new(path, name);

        var id = r.Text(r.Required(element, path, "id"), P("id"));
        var description = r.SharedText(FieldReader.Optional(element, "description"), P("description"), 500);
        var quantity = r.Amount(r.Required(element, path, "quantity"), P("quantity"));
        var unitPrice = r.Amount(r.Required(element, path, "unit_price"), P("unit_price"));
        var total = r.Amount(r.Required(element, path, "total"), P("total"));
        var (rate, tax, taxes) = ReadTaxes(r, element, path);
        var category = r.SharedText(r.Required(element, path, "category_id"), P("category_id"));
        var categoryName = r.SharedText(FieldReader.Optional(element, "category_name"), P("category_name"), 200);

        // Most items have no discount: no list is kept for them.
        List<ItemDiscount>? discounts = null;
        if (FieldReader.Optional(element, "discounts") is { } discountsElement && r.IsArray(discountsElement, P("discounts")))
        {
            var index = 0;
            foreach (var d in discountsElement.EnumerateArray())
            {
                var dPath = FieldReader.Index(FieldReader.Join(path, "discounts"), index++);
                if (!r.IsObject(d, dPath)) continue;
                var name = r.SharedText(FieldReader.Optional(d, "name"), new FieldPath(dPath, "name")) ?? "";
                var amount = r.Amount(r.Required(d, dPath, "total"), new FieldPath(dPath, "total"));
                var type = r.Choice(FieldReader.Optional(d, "type"), new FieldPath(dPath, "type"), DiscountTypes) ?? DiscountType.Unknown;
                if (amount is { } a) (discounts ??= []).Add(new ItemDiscount(name, a, type));
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
            Discounts = discounts ?? [],
            Taxes = taxes,
        };
    }

    /// <summary>
    /// An item's tax: <c>tax_rate</c> and <c>tax_amount</c>, or a <c>taxes</c> list of several
    /// (booking-rules section 2), never both. For a list the item's rate and amount are its sums.
    /// </summary>
    private static (decimal? Rate, decimal? Amount, IReadOnlyList<ItemTax> Taxes) ReadTaxes(FieldReader r, JsonElement element, string path)
    {
        FieldPath P(string name) => new(path, name);

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
            var tPath = FieldReader.Index(FieldReader.Join(path, "taxes"), index++);
            if (!r.IsObject(t, tPath)) { valid = false; continue; }
            var rate = Percentage(r, r.Required(t, tPath, "rate"), new FieldPath(tPath, "rate"));
            var amount = r.Amount(r.Required(t, tPath, "amount"), new FieldPath(tPath, "amount"));
            if (rate is null || amount is null) { valid = false; continue; }
            taxes.Add(new ItemTax(rate.Value, amount.Value));
        }
        if (!valid) return (null, null, []);
        return (taxes.Sum(t => t.Rate), taxes.Sum(t => t.Amount), taxes);
    }

    private static decimal? Percentage(FieldReader r, JsonElement? element, FieldPath path)
    {
        var rate = r.Amount(element, path);
        if (rate is < 0 or > 100)
        {
            r.Fail(path, "must be a percentage between 0 and 100");
            return null;
        }
        return rate;
    }

    /// <param name="number">The payment's place in its order from 1: a payment without an id is "{order id}-P{number}".</param>
    private static Payment? ReadPayment(FieldReader r, JsonElement element, string path, string? orderId, int number)
    {
        if (!r.IsObject(element, path)) return null;
        FieldPath P(string name) => new(path, name);

        var id = r.Text(FieldReader.Optional(element, "id"), P("id")) ?? $"{orderId}-P{number}";
        var method = r.SharedText(r.Required(element, path, "payment_method_id"), P("payment_method_id"));
        var methodName = r.SharedText(FieldReader.Optional(element, "payment_method_name"), P("payment_method_name"));
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
