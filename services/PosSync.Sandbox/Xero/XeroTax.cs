namespace PosSync.Sandbox.Xero;

/// <summary>
/// How Xero derives a line's tax from its LineAmount and the tax rate (docs/vendors/xero.md "Tax"):
/// per line, rounded to two decimals, midpoint away from zero (PosSync's assumption where the docs are silent).
/// </summary>
public static class XeroTax
{
    public static decimal Amount(string lineAmountTypes, decimal lineAmount, decimal effectiveRatePercent)
    {
        var r = effectiveRatePercent / 100m;
        return lineAmountTypes switch
        {
            "Inclusive" => Math.Round(lineAmount * r / (1 + r), 2, MidpointRounding.AwayFromZero),
            "Exclusive" => Math.Round(lineAmount * r, 2, MidpointRounding.AwayFromZero),
            _ => 0m,
        };
    }
}
