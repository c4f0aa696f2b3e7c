namespace PosSync.Connectors.Xero;

/// <summary>One option of a tracking category and its status (ACTIVE, ARCHIVED), as Xero spells them.</summary>
public sealed record XeroChartTrackingOption(string Name, string Status);
