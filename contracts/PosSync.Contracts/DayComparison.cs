namespace PosSync.Contracts;

/// <summary>
/// A booked day read again (a recheck): its orders and sales (VAT included, tips apart) when it was
/// booked and now, and the orders that appeared or went since, so the execution log can say what
/// changed. The booked figures are null when the orders behind the booked entry were not kept.
/// </summary>
public sealed record DayComparison
{
    public int? BookedOrders { get; init; }
    public decimal? BookedSales { get; init; }
    public required int Orders { get; init; }
    public required decimal Sales { get; init; }
    public IReadOnlyList<string> Added { get; init; } = [];
    public IReadOnlyList<string> Removed { get; init; } = [];
}
