namespace PosSync.Sandbox.Xero;

/// <summary>An option of a tracking category: ACTIVE, or ARCHIVED (kept for old transactions, refused on new ones).</summary>
public sealed record XeroTrackingOption(Guid Id, string Name, string Status = "ACTIVE");
