namespace PosSync.Domain.Booking;

/// <summary>What the ledger holds of a day when the export stage claims it.</summary>
/// <param name="Revision">The revision the day's next booking takes (raised each time a booked entry is removed).</param>
public sealed record LedgerState(bool IsBooked, string? Fingerprint, string? AccountingId, int Revision)
{
    public static readonly LedgerState Unbooked = new(false, null, null, 0);
}
