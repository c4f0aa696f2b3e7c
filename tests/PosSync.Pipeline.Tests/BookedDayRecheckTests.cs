using PosSync.Contracts;
using PosSync.Storage.Stores;
using PosSync.Testing;

namespace PosSync.Pipeline.Tests;

/// <summary>What a recheck does with a booked day it read again.</summary>
public class BookedDayRecheckTests
{
    private static readonly DayRun Run = TestWorld.Run("c-brasserie", "2025-03-14", "loc-1", DayTrigger.Recheck);
    private static readonly LedgerDay Booked = new() { Status = LedgerDay.Booked, EntryNumber = "POS-loc-1-20250314", AccountingId = "5030" };

    private static readonly JournalEntry Now = new()
    {
        Number = "POS-loc-1-20250314", Date = new DateOnly(2025, 3, 14), Journal = "CA", Currency = "EUR",
        Lines = [new JournalLine("511200", 99.05m, 0m, null, "card"), new JournalLine("706100", 0m, 99.05m, null, "sales")],
    };

    private static readonly DayComparison OneLateOrder = new()
    {
        BookedOrders = 6, BookedSales = 83.53m, Orders = 7, Sales = 96.03m, Added = ["O-OFFLINE"],
    };

    [Test]
    public void An_unchanged_day_says_nothing_was_posted()
    {
        Assert.That(BookedDayRecheck.UnchangedMessage(Booked),
            Is.EqualTo("Re-read for late orders: the POS day is unchanged since entry POS-loc-1-20250314 (5030) was booked; nothing posted."));
    }

    [Test]
    public void A_changed_day_is_reported_with_the_figures_and_the_reimport_that_replaces_it()
    {
        Assert.That(BookedDayRecheck.DriftMessage(Run, Booked, Now, OneLateOrder), Is.EqualTo(
            "Re-read for late orders: the POS day changed since entry POS-loc-1-20250314 (5030) was booked "
            + "(orders 6 booked, 7 now (added O-OFFLINE); sales 83.53 booked, 96.03 now; the entry would now be 99.05 debit = credit). "
            + "The entry was left as booked; run possync reimport c-brasserie --from 2025-03-14 --to 2025-03-14 to replace it "
            + "(or set settings.replace_on_drift to let rechecks replace it)."));
    }

    [Test]
    public void A_recheck_that_replaces_the_entry_says_why()
    {
        Assert.That(BookedDayRecheck.Replacing(Booked, Now, OneLateOrder), Does.EndWith("settings.replace_on_drift: the entry is replaced."));
    }

    [Test]
    public void Unknown_booked_figures_and_an_empty_day_are_said_plainly()
    {
        var figures = new DayComparison { Orders = 0, Sales = 0m, Removed = [] };

        Assert.That(
            BookedDayRecheck.Describe(figures, null),
            Is.EqualTo("orders booked unknown, 0 now; sales booked unknown, 0.00 now; nothing to book now"));
        Assert.That(BookedDayRecheck.Describe(null, Now), Is.EqualTo("the entry would now be 99.05 debit = credit"));
    }
}
