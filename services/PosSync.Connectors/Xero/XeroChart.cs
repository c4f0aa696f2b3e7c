namespace PosSync.Connectors.Xero;

/// <summary>
/// What the mapping needs to know of the organisation: its accounts by Code, its tax rates by TaxType and,
/// when the consumer tracks its locations, its tracking categories.
/// </summary>
public sealed record XeroChart(IReadOnlyDictionary<string, XeroChartAccount> Accounts, IReadOnlyDictionary<string, XeroChartTaxRate> TaxRates,
    IReadOnlyList<XeroChartTrackingCategory>? TrackingCategories = null)
{
    /// <summary>Xero's VAT account: the system account GST, where the tax Xero derives is booked.</summary>
    public bool IsTaxAccount(string code) => Accounts.TryGetValue(code, out var account) && account.SystemAccount == "GST";

    /// <summary>
    /// The part of the chart a journal uses, as one text: its accounts, its tax types and its tracking category and
    /// option, with everything of them Xero's acceptance depends on. A journal sent again after the client changed
    /// one of them is a new request (see the idempotency key); a change elsewhere in the chart (an account added)
    /// is not, so a retry after a lost answer still gets Xero's first answer instead of a second journal.
    /// </summary>
    public string Signature(IEnumerable<string> accountCodes, IEnumerable<string> taxTypes, XeroTracking? tracking)
    {
        var accounts = accountCodes.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Select(c => Accounts.TryGetValue(c, out var a) ? $"{a.Code},{a.Type},{a.Class},{a.SystemAccount},{a.Status}" : $"{c},none");
        var rates = taxTypes.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Select(t => TaxRates.TryGetValue(t, out var r)
                ? $"{r.TaxType},{r.EffectiveRate},{r.CanApplyToRevenue},{r.Status},{r.AppliesTo}"
                : $"{t},none");
        var category = tracking is null ? null : TrackingCategories?.FirstOrDefault(c => c.Name == tracking.Category);
        var option = category?.Options.FirstOrDefault(o => o.Name == tracking!.Option);
        return string.Join("|", accounts) + "#" + string.Join("|", rates)
            + (tracking is null ? "" : $"#{tracking.Category},{category?.Status}:{tracking.Option},{option?.Status}");
    }

    /// <summary>
    /// The wanted tracking as Xero spells it, or why the organisation cannot take it: the category and the
    /// option must exist and be ACTIVE (Xero refuses archived ones on new transactions).
    /// </summary>
    public (XeroTracking? Tracking, string? Refusal) Track(XeroTracking wanted)
    {
        var categories = TrackingCategories ?? [];
        var category = categories.FirstOrDefault(c => string.Equals(c.Name, wanted.Category, StringComparison.OrdinalIgnoreCase));
        if (category is null)
            return (null, $"Xero has no tracking category named \"{wanted.Category}\" (accounting.options.tracking_category); "
                + $"the organisation's are: {List(categories.Select(c => $"{c.Name} ({c.Status})"))}.");
        if (category.Status != "ACTIVE")
            return (
                null,
                $"Xero's tracking category \"{category.Name}\" (accounting.options.tracking_category) is {category.Status}; " +
                    "make it active in Xero or name another.");
        var option = category.Options.FirstOrDefault(o => string.Equals(o.Name, wanted.Option, StringComparison.OrdinalIgnoreCase));
        if (option is null)
            return (null, $"Xero's tracking category \"{category.Name}\" has no option \"{wanted.Option}\" ({wanted.OptionSource}); "
                + $"its options are: {List(category.Options.Select(o => $"{o.Name} ({o.Status})"))}. " +
                    $"Add the option in Xero or set accounting.options.tracking_option.{{location id}}.");
        if (option.Status != "ACTIVE")
            return (
                null,
                $"The option \"{option.Name}\" of Xero's tracking category \"{category.Name}\" ({wanted.OptionSource}) " +
                    $"is {option.Status}; make it active in Xero or name another.");
        return (wanted with { Category = category.Name, Option = option.Name }, null);
    }

    private static string List(IEnumerable<string> names) => names.ToList() is { Count: > 0 } list ? string.Join(", ", list) : "none";
}
