using PosSync.Pipeline.Operations;
using PosSync.Storage.Stores;

namespace PosSync.Pipeline.Tests;

/// <summary>Which tolerance a past run was judged with, and what diagnose says about it.</summary>
public class ToleranceAtRunTests
{
    private static readonly DateTime Run = new(2025, 3, 14, 2, 0, 0, DateTimeKind.Utc);

    private static ConfigurationHistoryEntry Change(string when, string old, string now) => new()
    {
        ConsumerId = "c-brasserie", ChangedAt = DateTime.SpecifyKind(DateTime.Parse(when), DateTimeKind.Utc), Field = ToleranceAtRun.Field,
        OldValue = old, NewValue = now, ChangedBy = "marie", Source = "/srv/consumers/brasserie.json",
    };

    private static readonly ConfigurationHistoryEntry LoweredAfter = Change("2025-03-20 10:14", "50.00", "5.00");

    [TestCase(50.0, 40.0, 50.0, ToleranceSource.RecordedWithRun, TestName = "Recorded with the run: that tolerance, whatever else says")]
    [TestCase(null, 40.0, 40.0, ToleranceSource.BalanceCheck, TestName = "Not recorded (run before the history), mismatch details: their tolerance")]
    [TestCase(null, null, 50.0, ToleranceSource.History, TestName = "Neither, changed after the run: the history's old value")]
    public void A_past_run_is_judged_by_the_tolerance_in_force_then(double? recorded, double? details, double expected, ToleranceSource source)
    {
        var judged = ToleranceAtRun.Of((decimal?)recorded, (decimal?)details, Run, 5.00m, [LoweredAfter]);

        Assert.That((judged.Tolerance, judged.Source), Is.EqualTo(((decimal)expected, source)));
    }

    [Test]
    public void With_nothing_recorded_today_s_tolerance_is_used_and_said_so()
    {
        var judged = ToleranceAtRun.Of(null, null, Run, 20.00m, []);

        Assert.That((judged.Tolerance, judged.Source), Is.EqualTo((20.00m, ToleranceSource.Today)));
        Assert.That(judged.Named, Is.EqualTo("today's tolerance 20.00"));
        Assert.That(judged.Describe(), Is.EqualTo("20.00, today's: this run was recorded before PosSync kept each run's settings"));
    }

    [Test]
    public void A_change_after_the_run_is_said_with_its_date_who_and_file()
    {
        var judged = ToleranceAtRun.Of(50.00m, null, Run, 5.00m, [LoweredAfter]);

        Assert.That(judged.Named, Is.EqualTo("the tolerance 50.00 in force at this run"));
        Assert.That(judged.Describe(), Is.EqualTo(
            "50.00 in force at this run; changed since: settings.tolerance 50.00 → 5.00 on 2025-03-20 10:14 UTC "
            + "by marie from /srv/consumers/brasserie.json"));
    }

    [Test]
    public void A_change_before_the_run_says_since_when_it_was_in_force()
    {
        var judged = ToleranceAtRun.Of(5.00m, null, Run, 5.00m, [Change("2025-03-02 09:00", "50.00", "5.00")]);

        Assert.That(judged.ChangedAfterRun, Is.False);
        Assert.That(judged.Describe(), Is.EqualTo("5.00 in force at this run; set settings.tolerance 50.00 → 5.00 on 2025-03-02 09:00 UTC "
            + "by marie from /srv/consumers/brasserie.json, unchanged since"));
    }

    [Test]
    public void Other_fields_of_the_history_do_not_count()
    {
        var other = Change("2025-03-20 10:14", "CA", "VE");
        other.Field = "settings.journal";

        var judged = ToleranceAtRun.Of(50.00m, null, Run, 50.00m, [other]);

        Assert.That(judged.Describe(), Is.EqualTo("50.00 in force at this run, the same today"));
    }
}
