namespace PosSync.Domain.Configuration;

public sealed record Mappings
{
    public IReadOnlyDictionary<string, string> PaymentMethods { get; init; } = new Dictionary<string, string>();
    public IReadOnlyDictionary<string, string> Categories { get; init; } = new Dictionary<string, string>();

    /// <summary>Keyed by the rate's value, so 10, 10.0 and "10.00" are one rate.</summary>
    public IReadOnlyDictionary<decimal, VatRateMapping> VatRates { get; init; } = new Dictionary<decimal, VatRateMapping>();
    public string? Tips { get; init; }
    public string? Discounts { get; init; }
    public string? Complimentary { get; init; }
    public AccountPair Rounding { get; init; } = new(null, null);
    public AccountPair Difference { get; init; } = new(null, null);
    public string? Suspense { get; init; }
}
