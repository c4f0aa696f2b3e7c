namespace PosSync.Connectors.Square;

/// <summary>
/// Square's Money is an integer count of the currency's smallest unit (docs/vendors/square.md "Money");
/// how many decimals that unit is worth comes from ISO 4217: two for most currencies, none for the
/// yen, three for the Gulf dinars.
/// </summary>
public static class SquareCurrency
{
    private static readonly HashSet<string> NoDecimals =
        ["BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "UYI", "VND", "VUV", "XAF", "XOF", "XPF"];

    private static readonly HashSet<string> ThreeDecimals = ["BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"];

    private static readonly HashSet<string> FourDecimals = ["CLF", "UYW"];

    /// <summary>The ISO 4217 exponent of a three-letter code, or null when the code is not one.</summary>
    public static int? Exponent(string? code) => code switch
    {
        null => null,
        _ when code.Length != 3 || !code.All(char.IsAsciiLetterUpper) => null,
        _ when NoDecimals.Contains(code) => 0,
        _ when ThreeDecimals.Contains(code) => 3,
        _ when FourDecimals.Contains(code) => 4,
        _ => 2,
    };

    /// <summary>An amount in the smallest unit as a decimal amount of the currency: 1250 GBP is 12.50, 1250 JPY is 1250.</summary>
    public static decimal ToDecimal(long minorUnits, int exponent) => minorUnits * Units[exponent];

    private static readonly decimal[] Units = [1m, 0.1m, 0.01m, 0.001m, 0.0001m];
}
