namespace PosSync.Sandbox.Xero;

/// <summary>A journal line as stored: the amount sent, the tax Xero derived from its TaxType, and its tracking (category and option).</summary>
public sealed record XeroStoredLine(string AccountCode, Guid AccountId, decimal LineAmount, string TaxType, decimal TaxAmount, string? Description,
    IReadOnlyList<(XeroTrackingCategory Category, XeroTrackingOption Option)>? Tracking = null);
