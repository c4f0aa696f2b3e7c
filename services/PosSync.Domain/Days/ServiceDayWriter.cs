using System.Text.Json;
using PosSync.Domain.Input;
using PosSync.Contracts;

namespace PosSync.Domain.Days;

/// <summary>Writes a day in the canonical file shape that <see cref="ServiceDayReader"/> reads.</summary>
public static class ServiceDayWriter
{
    public static string Write(ServiceDay day, bool indented = false) => JsonText.Write(w => WriteDay(w, day), indented);

    /// <summary>
    /// The day's canonical UTF-8 bytes, written once into pooled buffers and copied once to their
    /// exact size: what the ingest stage archives, without the UTF-16 string (twice the bytes) of <see cref="Write"/>.
    /// </summary>
    public static byte[] WriteUtf8(ServiceDay day)
    {
        // About 1 KB an order: a large day is written into one rented buffer instead of doubling its way there.
        using var buffer = new PooledBufferWriter((int)Math.Clamp(day.Orders.Count * 1024L, 64 * 1024, DayLimits.MaxJsonBytes));
        using (var writer = new Utf8JsonWriter(buffer, JsonText.Writer(indented: false))) WriteDay(writer, day);
        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteDay(Utf8JsonWriter w, ServiceDay day)
        {
            w.WriteStartObject();
            w.WriteString("location_id", day.LocationId);
            w.WriteString("business_date", Date(day.BusinessDate));
            w.WriteStartObject("closure");
            w.WriteString("status", day.Closure.Status == ClosureStatus.Open ? "open" : "closed");
            w.WriteEndObject();
            w.WriteStartArray("orders");
            foreach (var order in day.Orders) WriteOrder(w, order);
            w.WriteEndArray();
            w.WriteEndObject();
        }

    private static void WriteOrder(Utf8JsonWriter w, Order order)
    {
        w.WriteStartObject();
        w.WriteString("id", order.Id);
        if (order.OrderNumber is not null) w.WriteString("order_number", order.OrderNumber);
        w.WriteString("status", order.Status switch
        {
            OrderStatus.Voided => "voided",
            OrderStatus.Cancelled => "cancelled",
            _ => "completed",
        });
        if (order.CreationDate is { } created) w.WriteString("creation_date", Timestamp(created));
        if (order.ClosingDate is { } closed) w.WriteString("closing_date", Timestamp(closed));
        if (order.ServiceDate is { } service) w.WriteString("service_date", Date(service));
        w.WriteNumber("total", order.Total);
        w.WriteNumber("tax_amount", order.TaxAmount);
        w.WriteNumber("total_discount", order.TotalDiscount);
        w.WriteNumber("total_refund", order.TotalRefund);
        w.WriteNumber("total_tip", order.TotalTip);
        // Written only when there is some, so a day without cash rounding reads as it always did.
        if (order.Rounding != 0) w.WriteNumber("rounding", order.Rounding);
        w.WriteStartArray("items");
        foreach (var item in order.Items)
        {
            w.WriteStartObject();
            w.WriteString("id", item.Id);
            if (item.Description is not null) w.WriteString("description", item.Description);
            w.WriteNumber("quantity", item.Quantity);
            w.WriteNumber("unit_price", item.UnitPrice);
            w.WriteNumber("total", item.Total);
            if (item.Taxes.Count == 0)
            {
                w.WriteNumber("tax_amount", item.TaxAmount);
                w.WriteNumber("tax_rate", item.TaxRate);
            }
            else
            {
                // The list alone: the reader refuses it next to tax_rate/tax_amount, which it derives from it.
                w.WriteStartArray("taxes");
                foreach (var tax in item.Taxes)
                {
                    w.WriteStartObject();
                    w.WriteNumber("rate", tax.Rate);
                    w.WriteNumber("amount", tax.Amount);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
            }
            w.WriteString("category_id", item.CategoryId);
            if (item.CategoryName is not null) w.WriteString("category_name", item.CategoryName);
            w.WriteStartArray("discounts");
            foreach (var discount in item.Discounts)
            {
                w.WriteStartObject();
                w.WriteString("name", discount.Name);
                w.WriteNumber("total", discount.Total);
                w.WriteString("type", discount.Type.ToString().ToUpperInvariant());
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("payments");
        foreach (var payment in order.Payments)
        {
            w.WriteStartObject();
            w.WriteString("id", payment.Id);
            w.WriteString("payment_method_id", payment.PaymentMethodId);
            if (payment.PaymentMethodName is not null) w.WriteString("payment_method_name", payment.PaymentMethodName);
            w.WriteNumber("total", payment.Total);
            w.WriteNumber("tip", payment.Tip);
            w.WriteString("status", payment.Status.ToString());
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static string Timestamp(DateTimeOffset moment) =>
        moment.ToString(moment.Offset == TimeSpan.Zero ? "yyyy-MM-ddTHH:mm:ssZ" : "yyyy-MM-ddTHH:mm:sszzz",
            System.Globalization.CultureInfo.InvariantCulture);
}
