using PosSync.Contracts;
using PosSync.Domain.Days;
using PosSync.Pipeline.Operations;
using PosSync.Storage.Stores;
using PosSync.Testing;

namespace PosSync.Pipeline.Tests;

/// <summary>When a done day of a POS whose orders may arrive late is read again. Times are hours after the day closed.</summary>
public class RecheckRulesTests
{
    private static readonly Domain.Configuration.ConsumerConfiguration Config = ReferenceConfiguration.Load(c =>
    {
        c["locations"]!.AsArray().RemoveAt(1);
        c["settings"]!["start_date"] = "2025-03-10";
    });

    private static readonly DateOnly Day = new(2025, 3, 14);
    private static readonly TimeSpan Square = TimeSpan.FromHours(72);
    private static readonly Guid Booking = Guid.NewGuid();

    private static DateTimeOffset Closed
    {
        get
        {
            var location = Config.Locations[0];
            return BusinessDayWindow.Of(Day, location.TimeZone, location.DayCutoff, Config.Settings.EffectiveCloseAfter).ClosesAt;
        }
    }

    private static DateTime At(double hours) => Closed.AddHours(hours).UtcDateTime;

    /// <summary>
    /// A run of the day: "recheck@24.1=success", "reimport@25=success", "recheck@24.1=error:POS_UNAVAILABLE",
    /// "recheck@29.9=running".
    /// </summary>
    private static ExecutionRecord Run(string text)
    {
        var (trigger, rest) = (text.Split('@')[0], text.Split('@')[1]);
        var (hours, outcome) = (double.Parse(rest.Split('=')[0], System.Globalization.CultureInfo.InvariantCulture), rest.Split('=')[1]);
        var status = ExecutionStatus.Parse(outcome.Split(':')[0]);
        return new ExecutionRecord
        {
            ExecutionId = Guid.NewGuid(), LocationId = Config.Locations[0].Id, BusinessDate = Day, Trigger = TriggerWords.Parse(trigger),
            Attempt = 2, Status = status,
            ErrorCode = outcome.Contains(':') ? outcome.Split(':')[1] : null, StartedAt = At(hours), UpdatedAt = At(hours + 0.1),
            FinishedAt = status == ExecutionStatus.Running ? null : At(hours + 0.1),
        };
    }

    private static IReadOnlyList<DueDay> Due(
        double now,
        double bookedAt,
        string ledgerStatus = LedgerDay.Booked,
        TimeSpan? late = null,
        params string[] runs)
    {
        var booking = new ExecutionRecord
        {
            ExecutionId = Booking, LocationId = Config.Locations[0].Id, BusinessDate = Day, Trigger = DayTrigger.Schedule, Attempt = 1,
            Status = ExecutionStatus.Success,
            StartedAt = At(bookedAt), UpdatedAt = At(bookedAt), FinishedAt = At(bookedAt),
        };
        var ledger = new LedgerDay
        {
            LocationId = Config.Locations[0].Id,
            BusinessDate = Day,
            Status = ledgerStatus,
            ExecutionId = Booking,
            BookedAt = At(bookedAt)
        };
        return RecheckRules.Due(Config, late ?? Square, Closed.AddHours(now), [ledger], [booking, .. runs.Select(Run)]);
    }

    [TestCase(23.9, 0.5, new string[0], null, TestName = "Booked at close, 23.9 h later: not yet")]
    [TestCase(24.0, 0.5, new string[0], "24 h after the day closed (first recheck)", TestName = "Booked at close, 24 h later: the first recheck")]
    [TestCase(30.0, 0.5, new[] { "recheck@24.1=success" }, null, TestName = "First recheck done: nothing until the late window is over")]
    [TestCase(
        30.0,
        0.5,
        new[] { "recheck@24.1=warning:POS_DAY_DRIFTED" },
        null,
        TestName = "First recheck found drift: reported once, not re-read again")]
    [TestCase(
        72.0,
        0.5,
        new[] { "recheck@24.1=success" },
        "72 h after the day closed (the POS's late window is over)",
        TestName = "72 h after close: the last recheck")]
    [TestCase(80.0, 0.5, new[] { "recheck@24.1=success", "recheck@72.2=success" }, null, TestName = "Both rechecks done: never again")]
    [TestCase(
        95.9,
        0.5,
        new[] { "recheck@24.1=success" },
        "72 h after the day closed (the POS's late window is over)",
        TestName = "Scheduler down past 72 h: caught up within a day")]
    [TestCase(96.1, 0.5, new[] { "recheck@24.1=success" }, null, TestName = "Scheduler down more than a day past 72 h: left to a re-import")]
    [TestCase(
        48.0,
        0.5,
        new string[0],
        "24 h after the day closed (first recheck)",
        TestName = "Scheduler down at 24 h: the first recheck runs late, once")]
    [TestCase(30.0, 26.0, new string[0], null, TestName = "Booked 26 h after close (a back-fill): its booking read is the first recheck")]
    [TestCase(100.0, 2000.0, new string[0], null, TestName = "Booked months later: never re-read")]
    [TestCase(30.0, 0.5, new[] { "reimport@25=success" }, null, TestName = "A re-import after 24 h counts as the first recheck")]
    [TestCase(30.0, 0.5, new[] { "recheck@29.9=running" }, null, TestName = "A recheck going on is not started twice")]
    [TestCase(
        24.3,
        0.5,
        new[] { "recheck@24.0=error:POS_UNAVAILABLE" },
        null,
        TestName = "A recheck the POS cut short: retried after the outage backoff, not before")]
    [TestCase(
        24.5,
        0.5,
        new[] { "recheck@24.0=error:POS_UNAVAILABLE" },
        "first recheck",
        TestName = "A recheck the POS cut short: retried once 15 min have passed")]
    [TestCase(24.5, 0.5, new[] { "recheck@24.0=error:INTERRUPTED" }, "first recheck", TestName = "A recheck cut short when possync stopped: retried")]
    [TestCase(
        24.5,
        0.5,
        new[] { "recheck@24.0=error:UNMAPPED_DATA" },
        null,
        TestName = "A recheck that failed on the data: reported once, left to support")]
    public void A_booked_day_of_a_late_order_POS_is_re_read_at_24_h_and_72_h_after_it_closed_each_once(
        double now,
        double bookedAt,
        string[] runs,
        string? why)
    {
        var due = Due(now, bookedAt, runs: runs);

        if (why is null) Assert.That(due, Is.Empty);
        else
        {
            Assert.That(due.Single().Why, Does.Contain(why));
            Assert.That((due.Single().Trigger, due.Single().Date), Is.EqualTo((DayTrigger.Recheck, Day)));
        }
    }

    [Test]
    public void A_POS_that_closes_its_days_never_has_them_re_read()
    {
        Assert.That(Due(24.0, 0.5, late: TimeSpan.Zero), Is.Empty, "Lightspeed, folder");
        Assert.That(Due(72.0, 0.5, late: TimeSpan.Zero), Is.Empty);
    }

    [Test]
    public void A_day_with_nothing_to_book_is_re_read_too_since_late_orders_may_give_it_some_but_a_day_not_done_is_the_schedules()
    {
        Assert.That(Due(24.0, 0.5, LedgerDay.NothingToBook).Single().Trigger, Is.EqualTo(DayTrigger.Recheck));
        Assert.That(Due(24.0, 0.5, LedgerDay.Unbooked), Is.Empty);
    }

    [Test]
    public void A_late_window_shorter_than_a_day_is_re_read_once_when_it_is_over()
    {
        Assert.That(RecheckRules.Times(Closed, TimeSpan.FromHours(12)), Is.EqualTo(new[] { Closed.AddHours(12) }));
        Assert.That(RecheckRules.Times(Closed, Square), Is.EqualTo(new[] { Closed.AddHours(24), Closed.AddHours(72) }));
    }

    [Test]
    public void The_recheck_is_the_next_attempt_of_the_day()
    {
        Assert.That(Due(72.0, 0.5, runs: ["recheck@24.1=success"]).Single().Attempt, Is.EqualTo(3));
    }
}
