namespace PosSync.Sandbox.Xero;

/// <summary>An account of the organisation's chart: its code, type, class, default tax type and system role ("" for ordinary accounts).</summary>
public sealed record XeroAccount(Guid Id, string Code, string Name, string Type, string Class, string TaxType, string SystemAccount = "");
