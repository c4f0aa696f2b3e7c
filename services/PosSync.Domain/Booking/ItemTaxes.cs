using System.Globalization;
using PosSync.Contracts;

namespace PosSync.Domain.Booking;

/// <summary>
/// An item's taxes as booking-rules section 2 reads them: one tax (<c>tax_rate</c>/<c>tax_amount</c>),
/// or several (<c>taxes[]</c>) whose VAT is Σ amounts and whose combined rate is Σ rates. Several
/// taxes are read from the list itself, not from the item's summary fields, so the VAT split per
/// rate always adds up to the VAT the item's net is taken from.
/// </summary>
internal static class ItemTaxes
{
    /// <summary>True when the item's VAT must be split over several rates.</summary>
    public static bool AreSeveral(OrderItem item) => item.Taxes.Count > 1;

    /// <summary>The rate revenue is grouped and the gross-mode discount divided by.</summary>
    public static decimal CombinedRate(OrderItem item)
    {
        if (item.Taxes.Count == 0) return item.TaxRate;
        var rate = 0m;
        foreach (var tax in item.Taxes) rate += tax.Rate;
        return rate;
    }

    /// <summary>The VAT inside the item total.</summary>
    public static decimal Vat(OrderItem item)
    {
        if (item.Taxes.Count == 0) return item.TaxAmount;
        var vat = 0m;
        foreach (var tax in item.Taxes) vat += tax.Amount;
        return vat;
    }

    /// <summary>
    /// The component rates in one canonical spelling ("2+6"), so items taxed alike share a group
    /// and items with the same combined rate but other components (5+3) do not: whether a group
    /// can be booked depends on every component being mapped.
    /// </summary>
    public static string ComponentsKey(OrderItem item) => string.Join("+", item.Taxes
        .Select(t => t.Rate)
        .Order()
        .Select(r => r.ToString("0.############################", CultureInfo.InvariantCulture)));
}
