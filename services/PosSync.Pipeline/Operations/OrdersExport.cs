using System.Globalization;
using PosSync.Domain.Days;
using PosSync.Storage.Stores;

namespace PosSync.Pipeline.Operations;

/// <summary>
/// possync export orders: the order-level detail of a day as it was last fetched from the POS —
/// order number, items, quantities, amounts with and without VAT, VAT, payments and tips — with a
/// totals row. Only what counts for the booking is listed (no voided orders, no failed payments),
/// so the totals equal the booked entry.
/// </summary>
public sealed class OrdersExport(ConsumerStates states, DayArchive archive)
{
    private static readonly string[] Header =
        [
            "kind", "order_number", "order_id", "closed_at", "description", "category", "quantity",
            "unit_price_excl_vat", "amount_excl_vat", "vat_rate", "vat", "amount_incl_vat", "payment_method",
            "payment", "tip"];

    public async Task<ExportTotals> WriteAsync(
        string consumerId, DateOnly day, string? locationId, TextWriter csv, CancellationToken cancellationToken)
    {
        var state = await states.GetAsync(consumerId, cancellationToken);
        var location = locationId is null
            ? state.Config.Locations.Count == 1 ? state.Config.Locations[0] : throw new OperationRefusedException(
                $"{consumerId} has several locations ({string.Join(", ", state.Config.Locations.Select(l => l.Id))}): say which with --location.")
            : state.Config.FindLocation(locationId) ?? throw new OperationRefusedException($"{consumerId} has no location {locationId}.");
        var json = await archive.DayAsync(new DayKey(consumerId, location.Id, day), cancellationToken)
                   ?? throw new OperationRefusedException(
                       $"{day:yyyy-MM-dd} of {location.Id} was never fetched from the POS: run it first (possync retry or schedule).");
        var parsed = ServiceDayReader.ReadArchived(json);
        if (!parsed.IsValid) throw new OperationRefusedException($"the stored day cannot be read: {parsed.Describe()}");

        await csv.WriteLineAsync(string.Join(",", Header));
        int orders = 0, items = 0, payments = 0;
        decimal sales = 0, vat = 0, paid = 0, tips = 0;
        foreach (var order in parsed.Value!.Orders.Where(o => BusinessDayRules.IsCounted(o) && BusinessDayRules.DayOf(o, location, day) == day))
        {
            orders++;
            var closed = order.ClosingDate?.ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture) ?? "";
            foreach (var item in order.Items)
            {
                items++;
                sales += item.Total;
                vat += item.TaxAmount;
                await Row(csv, "item", order.OrderNumber, order.Id, closed, item.Description, item.CategoryId,
                    Number(item.Quantity), Number(item.UnitPrice),
                    Number(item.Total - item.TaxAmount), Number(item.TaxRate), Number(item.TaxAmount), Number(item.Total), "", "", "");
            }
            foreach (var payment in order.Payments.Where(p => BusinessDayRules.IsCounted(p, state.Config.Settings)))
            {
                payments++;
                paid += payment.Total;
                tips += payment.Tip;
                await Row(csv, "payment", order.OrderNumber, order.Id, closed, "", "", "", "", "", "", "", "",
                    payment.PaymentMethodName ?? payment.PaymentMethodId, Number(payment.Total), Number(payment.Tip));
            }
        }
        var totals = new ExportTotals(orders, items, payments, sales, sales - vat, vat, paid, tips);
        await Row(csv, "total", "", "", "", $"{orders} orders, {items} items, {payments} payments", "", "", "",
            Number(totals.SalesExcludingVat), "", Number(vat), Number(sales), "", Number(paid), Number(tips));
        return totals;
    }

    private static string Number(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    private static Task Row(TextWriter csv, params string?[] fields) =>
        csv.WriteLineAsync(string.Join(",", fields.Select(f => Quote(f ?? ""))));

    /// <summary>
    /// RFC 4180: a field with a comma, a quote or a line break is quoted, quotes doubled; a leading = + - @ (or tab)
    /// that is not a number is neutralised for spreadsheets.
    /// </summary>
    private static string Quote(string field)
    {
        if (field.Length > 0 && field[0] is '=' or '+' or '-' or '@' or '\t' or '\r'
            && !decimal.TryParse(field, NumberStyles.Number, CultureInfo.InvariantCulture, out _)) field = "'" + field;
        return field.IndexOfAny([',', '"', '\n', '\r']) < 0 ? field : $"\"{field.Replace("\"", "\"\"")}\"";
    }
}
