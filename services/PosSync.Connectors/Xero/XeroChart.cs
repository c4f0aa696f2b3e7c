namespace PosSync.Connectors.Xero;

/// <summary>An account of the organisation, as GET /Accounts gives it.</summary>
public sealed record XeroChartAccount(string Code, string Type, string Class, string SystemAccount, string Status);

/// <summary>A tax rate of the organisation, as GET /TaxRates gives it (EffectiveRate in percent).</summary>
public sealed record XeroChartTaxRate(string TaxType, decimal EffectiveRate, bool CanApplyToRevenue, string Status);

/// <summary>What the mapping needs to know of the organisation: its accounts by Code and its tax rates by TaxType.</summary>
public sealed record XeroChart(IReadOnlyDictionary<string, XeroChartAccount> Accounts, IReadOnlyDictionary<string, XeroChartTaxRate> TaxRates)
{
    /// <summary>Xero's VAT account: the system account GST, where the tax Xero derives is booked.</summary>
    public bool IsTaxAccount(string code) => Accounts.TryGetValue(code, out var account) && account.SystemAccount == "GST";

    /// <summary>The chart as one text, so a request made against a changed chart is a new request (see the idempotency key).</summary>
    public string Signature() => string.Join("|", Accounts.Values.OrderBy(a => a.Code, StringComparer.Ordinal).Select(a => $"{a.Code},{a.Type},{a.Class},{a.SystemAccount},{a.Status}"))
        + "#" + string.Join("|", TaxRates.Values.OrderBy(t => t.TaxType, StringComparer.Ordinal).Select(t => $"{t.TaxType},{t.EffectiveRate},{t.CanApplyToRevenue},{t.Status}"));
}
