using System.Globalization;
using System.Text.Json.Nodes;

namespace PosSync.Sandbox.Square;

/// <summary>Square's Money: an integer amount in the currency's smallest unit and its ISO 4217 code.</summary>
public static class SquareMoney
{
    public static JsonObject Of(long amount, string currency) => new() { ["amount"] = amount, ["currency"] = currency };

    /// <summary>Half away from zero to the smallest unit, as a till rounds a price times a quantity or a tax.</summary>
    public static long Round(decimal amount) => (long)Math.Round(amount, 0, MidpointRounding.AwayFromZero);

    /// <summary>RFC 3339 in UTC with milliseconds, as Square writes its timestamps (2016-09-04T23:59:33.123Z).</summary>
    public static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
