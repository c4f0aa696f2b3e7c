using PosSync.Contracts;

namespace PosSync.Domain.Booking;

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
