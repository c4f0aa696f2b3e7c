namespace PosSync.Sandbox.Xero;

/// <summary>
/// A tracking category of the organisation (SPEC TrackingCategory; at most two active per organisation, 3P linx)
/// and its options.
/// </summary>
public sealed record XeroTrackingCategory(Guid Id, string Name, IReadOnlyList<XeroTrackingOption> Options, string Status = "ACTIVE")
{
    public static XeroTrackingCategory Of(string name, params string[] options) =>
        new(Guid.NewGuid(), name, [.. options.Select(o => new XeroTrackingOption(Guid.NewGuid(), o))]);
}
