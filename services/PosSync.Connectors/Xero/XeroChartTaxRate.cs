namespace PosSync.Connectors.Xero;

/// <summary>
/// A tax rate of the organisation, as GET /TaxRates gives it (EffectiveRate in percent). <paramref name="AppliesTo"/>
/// lists the account classes its CanApplyTo… flags allow: Xero refuses the others, and a change to them is a change of the chart.
/// </summary>
public sealed record XeroChartTaxRate(string TaxType, decimal EffectiveRate, bool CanApplyToRevenue, string Status, string AppliesTo = "");
