using PosSync.Contracts;

namespace PosSync.Domain.Booking;

/// <summary>What the ledger holds of a day when the export stage claims it.</summary>
/// <param name="Revision">The revision the day's next booking takes (raised each time a booked entry is removed).</param>
public sealed record LedgerState(bool IsBooked, string? Fingerprint, string? AccountingId, int Revision)
{
    public static readonly LedgerState Unbooked = new(false, null, null, 0);
}

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

/// <param name="Remove">The accounting id of the booked entry to take back first, or null.</param>
/// <param name="Revision">The revision the day is booked at; above 0 the booking corrects an earlier one.</param>
/// <param name="Entry">The entry to post, under its final number (-R{n} for a revision); null unless <see cref="RebookingStep.Book"/>.</param>
public sealed record RebookingPlan(RebookingStep Step, string? Remove, int Revision, JournalEntry? Entry)
{
    /// <summary>A recheck replaces the booked entry by itself (settings.replace_on_drift): the log says why.</summary>
    public bool ReplacesDrift { get; init; }

    /// <summary>The booking replaces an entry taken back (now or before): the tool may book it on the business's today.</summary>
    public bool IsCorrection => Revision > 0;
}

/// <summary>
/// The rule that a day never has two live entries, as a decision (pure, no I/O): the same
/// fingerprint is already booked; a change without a re-import is left alone; a re-import removes
/// the booked entry and books the new one at the next revision (-R{n}), or only removes it when
/// nothing is left to book. A recheck (the schedule reading a booked day again for late orders)
/// reports a change and leaves the entry, unless the client lets rechecks replace it as a re-import
/// does. The export stage carries the plan out.
/// </summary>
public static class Rebooking
{
    /// <param name="fingerprint">The new entry's <see cref="EntryFingerprint"/>; null when there is no entry.</param>
    /// <param name="entry">The entry the booking rules made of the day, numbered for a first booking; null when nothing is left to book.</param>
    /// <param name="replaceOnDrift">The client's settings.replace_on_drift: a recheck that finds a change replaces the entry.</param>
    public static RebookingPlan Decide(LedgerState ledger, string? fingerprint, DayTrigger trigger, JournalEntry? entry, bool replaceOnDrift = false)
    {
        var remove = (string?)null;
        var revision = ledger.Revision;
        var recheck = trigger == DayTrigger.Recheck;
        if (ledger.IsBooked)
        {
            if (fingerprint is not null && fingerprint == ledger.Fingerprint)
                return new RebookingPlan(recheck ? RebookingStep.RecheckedUnchanged : RebookingStep.AlreadyBooked, null, revision, null);
            if (recheck && !replaceOnDrift) return new RebookingPlan(RebookingStep.Drifted, null, revision, null);
            if (!recheck && trigger != DayTrigger.Reimport)
                return new RebookingPlan(RebookingStep.ChangedWithoutReimport, null, revision, null);
            remove = ledger.AccountingId;
            revision++;
        }
        var replacesDrift = recheck && ledger.IsBooked;
        if (entry is null) return new RebookingPlan(RebookingStep.NothingToBook, remove, revision, null) { ReplacesDrift = replacesDrift };
        var numbered = entry with { Number = EntryNumbers.Revised(entry.Number, revision) };
        return new RebookingPlan(RebookingStep.Book, remove, revision, numbered) { ReplacesDrift = replacesDrift };
    }
}
