namespace PosSync.Connectors.Xero;

/// <summary>
/// A tracking category of the organisation with its options, as GET /TrackingCategories?includeArchived=true
/// gives them (archived ones included, so a refusal can say "archived" rather than "unknown").
/// </summary>
public sealed record XeroChartTrackingCategory(string Name, string Status, IReadOnlyList<XeroChartTrackingOption> Options);
