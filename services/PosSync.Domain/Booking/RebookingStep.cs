namespace PosSync.Domain.Booking;

public enum RebookingStep
{
    /// <summary>Booked already with the same lines: nothing is posted, the booking is announced again.</summary>
    AlreadyBooked,
    /// <summary>Booked already, and the POS day changed since, but no re-import asked to replace it: nothing is done.</summary>
    ChangedWithoutReimport,
    /// <summary>Post the entry (after removing <see cref="RebookingPlan.Remove"/>, when set).</summary>
    Book,
    /// <summary>Nothing is left to book: the day is done (after removing <see cref="RebookingPlan.Remove"/>, when set).</summary>
    NothingToBook,
    /// <summary>A recheck (late orders) found the booked day unchanged: nothing is posted.</summary>
    RecheckedUnchanged,
    /// <summary>A recheck found the booked day changed: the drift is reported and the entry left alone.</summary>
    Drifted,
}
