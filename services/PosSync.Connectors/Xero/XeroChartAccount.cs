namespace PosSync.Connectors.Xero;

/// <summary>An account of the organisation, as GET /Accounts gives it.</summary>
public sealed record XeroChartAccount(string Code, string Type, string Class, string SystemAccount, string Status);
