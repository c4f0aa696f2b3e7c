namespace PosSync.Sandbox.Xero;

/// <summary>A tax rate: its TaxType code, effective rate in percent and the account classes it may be used with.</summary>
public sealed record XeroTaxRate(string TaxType, string Name, decimal EffectiveRate, bool CanApplyToRevenue, bool CanApplyToExpenses = true,
    bool CanApplyToAssets = true, bool CanApplyToLiabilities = true, bool CanApplyToEquity = true);
