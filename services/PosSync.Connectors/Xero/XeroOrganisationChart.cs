namespace PosSync.Connectors.Xero;

/// <summary>The organisation a consumer books into and its chart, as read from Xero.</summary>
public sealed record XeroOrganisationChart(string Tenant, XeroChart Chart);
