namespace PosSync.Domain.Booking;

/// <summary>An order whose items or payments do not add up to its total, with a hint at the usual cause.</summary>
public sealed record ExplainingOrder(string Id, string? OrderNumber, decimal Total, decimal ItemsTotal, decimal PaymentsTotal, decimal Tips,
    IReadOnlyList<string> Hints)
{
    /// <summary>The cash rounding the POS recorded: payments are expected to be the total plus this.</summary>
    public decimal Rounding { get; init; }

    /// <summary>What the payments should have been: the total, rounded as the till rounded it.</summary>
    public decimal Payable => Total + Rounding;
}
