using PosSync.Domain.Booking;

namespace PosSync.Storage.Stores;

/// <summary>What the ledger knows of a day: booked (where, as what), nothing to book, or not booked.</summary>
public sealed class LedgerDay
{
    public const string Unbooked = "unbooked";
    public const string Booked = "booked";
    public const string NothingToBook = "nothing_to_book";

    public string ConsumerId { get; set; } = "";
    public string LocationId { get; set; } = "";
    public DateOnly BusinessDate { get; set; }
    public string Status { get; set; } = Unbooked;
    public string? EntryNumber { get; set; }
    public string? AccountingId { get; set; }
    public string? Fingerprint { get; set; }
    public int Revision { get; set; }
    public Guid? ExecutionId { get; set; }
    public string? ClaimOwner { get; set; }
    public DateTime? ClaimedUntil { get; set; }
    public DateTime? BookedAt { get; set; }

    public bool IsBooked => Status == Booked;

    /// <summary>What the re-booking decision needs of the day.</summary>
    public LedgerState State => new(IsBooked, Fingerprint, AccountingId, Revision);
}
