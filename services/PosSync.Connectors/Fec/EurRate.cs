namespace PosSync.Connectors.Fec;

/// <summary>
/// One euro reference rate as the ECB publishes it: <see cref="Rate"/> units of the foreign currency
/// for 1 EUR, of the working day <see cref="Date"/> (which may be before the entry's day).
/// </summary>
public sealed record EurRate(DateOnly Date, decimal Rate);
