using System.Globalization;

namespace PosSync.Sandbox.Xero;

/// <summary>
/// Xero's MS-JSON dates in answers (docs/vendors/xero.md "Answers"): Unix milliseconds with the offset,
/// /Date(1552521600000+0000)/.
/// </summary>
public static class XeroDate
{
    public static string Of(DateTimeOffset at) => $"/Date({at.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)}+0000)/";

    /// <summary>A journal's date comes back at midnight UTC.</summary>
    public static string Of(DateOnly day) => Of(new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));
}
