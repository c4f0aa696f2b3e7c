using System.Globalization;
using System.Text;

namespace PosSync.Sandbox.Lightspeed;

/// <summary>
/// Lightspeed's ids (blID, pmId, paymentMethodId, accountingGroupId) are int64 JSON numbers.
/// Days are seeded in the canonical model, whose ids may be names ("pm-card"): those become a
/// stable 15-digit number, so a test can map the id Lightspeed will send.
/// </summary>
public static class LightspeedIds
{
    public static long Number(string id)
    {
        if (long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var number)) return number;
        // FNV-1a: stable across processes and runs, unlike string.GetHashCode.
        var hash = 14695981039346656037UL;
        foreach (var b in Encoding.UTF8.GetBytes(id)) hash = (hash ^ b) * 1099511628211UL;
        return 100_000_000_000_000L + (long)(hash % 899_999_999_999_999UL);
    }

    /// <summary>The id as the connector reads it back: the number's digits.</summary>
    public static string Text(string id) => Number(id).ToString(CultureInfo.InvariantCulture);
}
