using PosSync.Connectors.Pennylane;
using PosSync.Contracts;
using PosSync.Domain.Booking;
using PosSync.Sandbox;
using PosSync.Testing;

namespace PosSync.Connectors.Tests;

/// <summary>
/// A correction of a booked day must never fail because the accountant closed its period: the
/// reversal and the replacement go to the correction date, named after the day they correct,
/// and a retry still finds what a lost answer left there.
/// </summary>
public class PennylaneCorrectionTests
{
    private static readonly DateOnly Today = new(2026, 5, 4);

    private static JournalEntry S01Entry() =>
        BookingEngine.Book(
            ReferenceConfiguration.Load(c => VendorWorld.Configure(c)),
            BookingScenarios.S01Day("2025-03-14", VendorWorld.Centre)).Entry!;

    private static ConnectorContext Correcting(ConnectorRig rig, DateOnly today) => rig.Context with { CorrectionDate = today };

    [Test]
    public async Task A_reversal_and_replacement_refused_on_the_closed_day_are_booked_on_the_correction_date_and_say_so()
    {
        await using var rig = await ConnectorRig.StartAsync();
        var target = rig.Target<PennylaneTarget>();
        var booked = await target.PostAsync(rig.Context, S01Entry(), CancellationToken.None);
        rig.Vendors.Sandbox.Pennylane.ClosePeriodUntil(VendorWorld.Account, new DateOnly(2025, 3, 31));

        var removed = await target.RemoveAsync(Correcting(rig, Today), booked.Value!.AccountingId, CancellationToken.None);
        var replaced = await target.PostAsync(Correcting(rig, Today), S01Entry() with { Number = "POS-1001-20250314-R1" }, CancellationToken.None);

        Assert.That((removed.Value, replaced.Succeeded), Is.EqualTo((true, true)), removed.Failure?.Message + replaced.Failure?.Message);
        var entries = rig.Vendors.Sandbox.Pennylane.Entries(VendorWorld.Account);
        Assert.That(entries.Select(e => (e.PieceNumber, e.Date)), Is.EquivalentTo(new[]
        {
            ("POS-1001-20250314", new DateOnly(2025, 3, 14)), ("POS-1001-20250314-ANNUL", Today), ("POS-1001-20250314-R1", Today),
        }));
        Assert.That(entries.Single(e => e.PieceNumber!.EndsWith("-ANNUL")).Label, Is.EqualTo("Annulation POS-1001-20250314 (journée du 2025-03-14)"));
        Assert.That(entries.Single(e => e.PieceNumber!.EndsWith("-R1")).Label, Is.EqualTo("Ventes POS-1001-20250314-R1 (journée du 2025-03-14)"));
        foreach (var notices in new[] { removed.Notices, replaced.Notices })
        {
            Assert.That(notices.Single().Code, Is.EqualTo(ConnectorNotice.CorrectionDatedToday));
            Assert.That(
                notices.Single().Message,
                Does.Contain("dated 2025-03-14").And.Contain("booked on 2026-05-04").And.Contain("The fiscal period is closed"));
        }
    }

    [TestCase(
        FaultKind.CommitThenDrop,
        TestName = "A correction moved to the correction date whose answer is lost (dropped) is found there: one entry")]
    [TestCase(FaultKind.CommitThenFail, TestName = "A correction moved to the correction date whose answer is lost (502) is found there: one entry")]
    public async Task A_lost_answer_on_the_moved_date_never_makes_a_second_entry(FaultKind fault)
    {
        await using var rig = await ConnectorRig.StartAsync();
        rig.Vendors.Sandbox.Pennylane.ClosePeriodUntil(VendorWorld.Account, new DateOnly(2025, 3, 31));
        rig.Vendors.Sandbox.Pennylane.Faults.Next("ledger_entries.post", new Fault(fault, 502));

        var posted = await rig.Target<PennylaneTarget>().PostAsync(
            Correcting(rig, Today),
            S01Entry() with { Number = "POS-1001-20250314-R1" },
            CancellationToken.None);

        Assert.That(posted.Succeeded, Is.True, posted.Failure?.Message);
        Assert.That(posted.Value!.AlreadyExisted, Is.True, "the stored copy was found, not posted again");
        Assert.That(rig.Vendors.Sandbox.Pennylane.Entries(VendorWorld.Account).Select(e => (e.PieceNumber, e.Date)),
            Is.EqualTo(new[] { ("POS-1001-20250314-R1", Today) }));
    }

    [Test]
    public async Task A_correction_retried_on_a_later_day_finds_the_one_moved_earlier()
    {
        await using var rig = await ConnectorRig.StartAsync();
        rig.Vendors.Sandbox.Pennylane.ClosePeriodUntil(VendorWorld.Account, new DateOnly(2025, 3, 31));
        var target = rig.Target<PennylaneTarget>();
        var replacement = S01Entry() with { Number = "POS-1001-20250314-R1" };

        var first = await target.PostAsync(Correcting(rig, Today), replacement, CancellationToken.None);
        var nextDay = await target.PostAsync(Correcting(rig, Today.AddDays(1)), replacement, CancellationToken.None);

        Assert.That(nextDay.Value, Is.EqualTo(first.Value! with { AlreadyExisted = true }), nextDay.Failure?.Message);
        Assert.That(rig.Vendors.Sandbox.Pennylane.Entries(VendorWorld.Account), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task A_correction_refused_again_on_the_correction_date_fails_with_both_refusals()
    {
        await using var rig = await ConnectorRig.StartAsync();
        rig.Vendors.Sandbox.Pennylane.ClosePeriodUntil(VendorWorld.Account, Today);

        var posted = await rig.Target<PennylaneTarget>().PostAsync(
            Correcting(rig, Today),
            S01Entry() with { Number = "POS-1001-20250314-R1" },
            CancellationToken.None);

        Assert.That(posted.Failure!.Code, Is.EqualTo("ACCOUNTING_REJECTED"));
        Assert.That(posted.Failure.Message, Does.Contain("first refused entry POS-1001-20250314-R1 dated 2025-03-14"));
        Assert.That(rig.Vendors.Sandbox.Pennylane.Entries(VendorWorld.Account), Is.Empty);
    }
}
