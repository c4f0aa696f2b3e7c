namespace PosSync.Connectors.Xero;

/// <summary>One option of a tracking category and its status (ACTIVE, ARCHIVED), as Xero spells them.</summary>
public sealed record XeroChartTrackingOption(string Name, string Status);

/// <summary>
/// A tracking category of the organisation with its options, as GET /TrackingCategories?includeArchived=true
/// gives them (archived ones included, so a refusal can say "archived" rather than "unknown").
/// </summary>
public sealed record XeroChartTrackingCategory(string Name, string Status, IReadOnlyList<XeroChartTrackingOption> Options);
