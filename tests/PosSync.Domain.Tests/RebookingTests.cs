using PosSync.Contracts;
using PosSync.Domain.Booking;

namespace PosSync.Domain.Tests;

/// <summary>"A day never has two live entries", as a table: what the ledger holds, the new day, the trigger → the plan.</summary>
public class RebookingTests
{
    private const string Same = "fp-same";
    private const string Changed = "fp-changed";

    private static readonly JournalEntry Entry = new()
    {
        Number = EntryNumbers.For("1001", new DateOnly(2025, 3, 14)), Date = new DateOnly(2025, 3, 14), Journal = "VT", Currency = "EUR", Lines = [],
    };

    private static LedgerState Booked(int revision = 0) => new(true, Same, "pl-42", revision);

    private static LedgerState RemovedBefore(int revision) => new(false, null, null, revision);

    public record Row(string Name, LedgerState Ledger, string? Fingerprint, DayTrigger Trigger, bool HasEntry,
        RebookingStep Step, string? Remove, int Revision, string? Number, bool ReplaceOnDrift = false, bool ReplacesDrift = false);

    private static IEnumerable<TestCaseData> Table() => new Row[]
    {
        new("a day never booked is booked under its number", LedgerState.Unbooked, Changed, DayTrigger.Schedule, true,
            RebookingStep.Book, null, 0, "POS-1001-20250314"),
        new("the same lines already booked: nothing posted", Booked(), Same, DayTrigger.Schedule, true,
            RebookingStep.AlreadyBooked, null, 0, null),
        new("the same lines on a re-import: still already booked, nothing removed", Booked(), Same, DayTrigger.Reimport, true,
            RebookingStep.AlreadyBooked, null, 0, null),
        new("changed lines without a re-import: left alone", Booked(), Changed, DayTrigger.Schedule, true,
            RebookingStep.ChangedWithoutReimport, null, 0, null),
        new("changed lines on a retry: left alone", Booked(), Changed, DayTrigger.Retry, true,
            RebookingStep.ChangedWithoutReimport, null, 0, null),
        new("nothing left without a re-import: left alone", Booked(), null, DayTrigger.Schedule, false,
            RebookingStep.ChangedWithoutReimport, null, 0, null),
        new("changed lines on a re-import: remove, then book at the next revision", Booked(), Changed, DayTrigger.Reimport, true,
            RebookingStep.Book, "pl-42", 1, "POS-1001-20250314-R1"),
        new("a second replacement: revision 2", Booked(revision: 1), Changed, DayTrigger.Reimport, true,
            RebookingStep.Book, "pl-42", 2, "POS-1001-20250314-R2"),
        new("nothing left on a re-import: remove only", Booked(), null, DayTrigger.Reimport, false,
            RebookingStep.NothingToBook, "pl-42", 1, null),
        new("removed before, its replacement failed: booked at the revision the removal took", RemovedBefore(1), Changed, DayTrigger.Retry, true,
            RebookingStep.Book, null, 1, "POS-1001-20250314-R1"),
        new("removed before and nothing left: nothing to remove, nothing to book", RemovedBefore(1), null, DayTrigger.Reimport, false,
            RebookingStep.NothingToBook, null, 1, null),
        new("a recheck of an unchanged day: nothing posted", Booked(), Same, DayTrigger.Recheck, true,
            RebookingStep.RecheckedUnchanged, null, 0, null),
        new("a recheck of a changed day: the drift reported, the entry left alone", Booked(), Changed, DayTrigger.Recheck, true,
            RebookingStep.Drifted, null, 0, null),
        new("a recheck of a day with nothing left: the drift reported, the entry left alone", Booked(), null, DayTrigger.Recheck, false,
            RebookingStep.Drifted, null, 0, null),
        new("a recheck of a changed day allowed to replace: remove, then book at the next revision", Booked(), Changed, DayTrigger.Recheck, true,
            RebookingStep.Book, "pl-42", 1, "POS-1001-20250314-R1", ReplaceOnDrift: true, ReplacesDrift: true),
        new("a recheck allowed to replace, nothing left: remove only", Booked(), null, DayTrigger.Recheck, false,
            RebookingStep.NothingToBook, "pl-42", 1, null, ReplaceOnDrift: true, ReplacesDrift: true),
        new("replace_on_drift does not make a schedule run replace: left alone", Booked(), Changed, DayTrigger.Schedule, true,
            RebookingStep.ChangedWithoutReimport, null, 0, null, ReplaceOnDrift: true),
    }.Select(r => new TestCaseData(r).SetName(r.Name));

    [TestCaseSource(nameof(Table))]
    public void The_rebooking_plan(Row row)
    {
        var plan = Rebooking.Decide(row.Ledger, row.Fingerprint, row.Trigger, row.HasEntry ? Entry : null, row.ReplaceOnDrift);

        Assert.That((plan.Step, plan.Remove, plan.Revision, plan.Entry?.Number, plan.ReplacesDrift),
            Is.EqualTo((row.Step, row.Remove, row.Revision, row.Number, row.ReplacesDrift)));
        Assert.That(plan.IsCorrection, Is.EqualTo(row.Revision > 0), "a booking at a revision corrects an earlier one");
    }
}
