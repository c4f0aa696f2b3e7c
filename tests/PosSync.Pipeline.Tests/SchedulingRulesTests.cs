using PosSync.Pipeline.Operations;
using PosSync.Storage.Stores;
using PosSync.Testing;
using PosSync.Domain.Outcomes;

namespace PosSync.Pipeline.Tests;

public class SchedulingRulesTests
{
    private static readonly Domain.Configuration.ConsumerConfiguration Config = ReferenceConfiguration.Load(c =>
    {
        c["locations"]!.AsArray().RemoveAt(1);
        c["settings"]!["start_date"] = "2025-03-10";
    });

    /// <summary>2025-03-15 10:00 in Paris: the business day of the 14th is over, the 15th is being served.</summary>
    private static readonly DateTimeOffset Now = new(2025, 3, 15, 9, 0, 0, TimeSpan.Zero);

    private static ExecutionRecord Run(
        string day, ExecutionStatus status, string? code = null, int attempt = 1, double hoursAgo = 1,
        string stage = Stage.Queued) =>
        new()
    {
        ExecutionId = Guid.NewGuid(), ConsumerId = "c-brasserie", LocationId = "loc-1",
        BusinessDate = DateOnly.Parse(day), Status = status, ErrorCode = code, Stage = stage,
        Attempt = attempt, StartedAt = Now.UtcDateTime.AddHours(-hoursAgo),
        UpdatedAt = Now.UtcDateTime.AddHours(-hoursAgo), FinishedAt = Now.UtcDateTime.AddHours(-hoursAgo),
    };

    private static IReadOnlyList<DueDay> Due(IReadOnlyList<LedgerDay>? ledger = null, params ExecutionRecord[] runs) =>
        SchedulingRules.Due(Config, Now, 30, ledger ?? [], runs);

    [Test]
    public void Every_closed_day_since_the_start_date_that_never_ran_is_due()
    {
        Assert.That(Due().Select(d => d.Date.Day), Is.EqualTo(new[] { 10, 11, 12, 13, 14 }));
    }

    [Test]
    public void A_day_closed_after_midnight_but_before_the_cutoff_is_still_the_previous_one()
    {
        var justAfterMidnight = new DateTimeOffset(2025, 3, 15, 1, 0, 0, TimeSpan.Zero);

        Assert.That(
            SchedulingRules.LastClosedDay(Config.Locations[0], justAfterMidnight),
            Is.EqualTo(new DateOnly(2025, 3, 13)),
            "02:00 in Paris: the 14th is still being served");
    }

    [Test]
    public void Booked_and_nothing_to_book_days_are_done()
    {
        var ledger = new List<LedgerDay>
        {
            new() { LocationId = "loc-1", BusinessDate = new DateOnly(2025, 3, 10), Status = LedgerDay.Booked },
            new() { LocationId = "loc-1", BusinessDate = new DateOnly(2025, 3, 11), Status = LedgerDay.NothingToBook },
        };

        Assert.That(Due(ledger).Select(d => d.Date.Day), Is.EqualTo(new[] { 12, 13, 14 }));
    }

    [Test]
    public void A_running_day_is_never_started_twice_unless_it_went_silent()
    {
        var due = Due(null, Run("2025-03-10", ExecutionStatus.Running, hoursAgo: 1), Run("2025-03-11", ExecutionStatus.Running, hoursAgo: 3));

        Assert.That(due.Select(d => (d.Date.Day, d.Why)), Does.Not.Contain((10, "never run")));
        Assert.That(due.Single(d => d.Date.Day == 11).Why, Is.EqualTo("the last run went silent"));
        Assert.That(due.Any(d => d.Date.Day == 10), Is.False);
    }

    [Test]
    public void A_waiting_day_is_tried_again_after_half_an_hour()
    {
        var due = Due(
            null,
            Run("2025-03-10", ExecutionStatus.Waiting, "DAY_OPEN", hoursAgo: 0.25),
            Run("2025-03-11", ExecutionStatus.Waiting, "DAY_OPEN", hoursAgo: 0.75));

        Assert.That(due.Any(d => d.Date.Day == 10), Is.False);
        Assert.That(due.Single(d => d.Date.Day == 11).Attempt, Is.EqualTo(2));
    }

    [Test]
    public void A_run_cut_short_because_possync_was_stopped_is_due_again_at_once()
    {
        var due = Due(null,
            Run("2025-03-10", ExecutionStatus.Error, OutcomeCodes.Interrupted.Word, attempt: 1, hoursAgo: 0.001),
            Run("2025-03-11", ExecutionStatus.Error, "STAGE_FAILED", attempt: 1, hoursAgo: 0.001));

        Assert.That(
            due.Select(d => d.Date.Day),
            Does.Contain(10).And.Not.Contain(11),
            "an interruption is not a failure; a fault waits for its backoff");
        Assert.That(due.Single(d => d.Date.Day == 10).Why, Does.Contain("cut short"));
    }

    [Test]
    public void An_outage_is_retried_soon_and_a_business_error_much_later_each_backing_off_with_attempts()
    {
        var due = Due(null,
            Run("2025-03-10", ExecutionStatus.Error, "POS_UNAVAILABLE", attempt: 1, hoursAgo: 0.5),
            Run("2025-03-11", ExecutionStatus.Error, "POS_UNAVAILABLE", attempt: 4, hoursAgo: 0.5),
            Run("2025-03-12", ExecutionStatus.Error, "SUM_MISMATCH", attempt: 1, hoursAgo: 2),
            Run("2025-03-13", ExecutionStatus.Error, "SUM_MISMATCH", attempt: 1, hoursAgo: 7));

        Assert.That(due.Select(d => d.Date.Day), Is.EqualTo(new[] { 10, 13, 14 }));
        Assert.That(SchedulingRules.Backoff(SchedulingRules.OutageBackoff, 4), Is.EqualTo(TimeSpan.FromHours(2)));
        Assert.That(SchedulingRules.Backoff(SchedulingRules.BusinessBackoff, 10), Is.EqualTo(SchedulingRules.MaxBackoff));
    }

    [Test]
    public void Days_never_run_are_due_back_to_the_start_date_but_failures_are_retried_only_within_the_look_back()
    {
        var due = SchedulingRules.Due(Config, Now, lookbackDays: 2, [],
            [
                Run("2025-03-10", ExecutionStatus.Error, "POS_UNAVAILABLE", hoursAgo: 5),
                Run("2025-03-13", ExecutionStatus.Error, "POS_UNAVAILABLE", hoursAgo: 5)]);

        Assert.That(due.Select(d => (d.Date.Day, d.Why)), Is.EqualTo(new[]
        {
            (11, "never run"), (12, "never run"), (13, "failed with POS_UNAVAILABLE, retried after 15 min"), (14, "never run"),
        }));
    }

    [Test]
    public void A_day_skipped_while_the_sync_was_disabled_runs_once_it_is_enabled_but_a_success_never_again()
    {
        var due = Due(null, Run("2025-03-10", ExecutionStatus.Skipped, "SYNC_DISABLED"), Run("2025-03-11", ExecutionStatus.Success));

        Assert.That(due.Single(d => d.Date.Day == 10).Why, Does.Contain("SYNC_DISABLED"));
        Assert.That(due.Any(d => d.Date.Day == 11), Is.False);
    }

    /// <summary>A run in a stage is stuck once silent past its lease; a queued one waits on pos-ingest's queue, maybe behind a back-fill.</summary>
    [TestCase(Stage.Ingest, 5, false, TestName = "Running at ingest, silent 5 min: going on (within its 10 min lease)")]
    [TestCase(
        Stage.Export,
        15,
        true,
        TestName = "Running at export, silent 15 min: stuck, due again (worker died or stage and fault handler faulted)")]
    [TestCase(Stage.Reconcile, 11, true, TestName = "Running at reconcile, silent 11 min: stuck, due again")]
    [TestCase(Stage.Queued, 15, false, TestName = "Queued, silent 15 min: waiting on pos-ingest's queue, not stuck")]
    [TestCase(Stage.Queued, 150, true, TestName = "Queued, silent 2.5 h: went silent, due again")]
    [TestCase(
        Stage.Handover,
        30,
        false,
        TestName = "Handed to the next stage, silent 30 min: waiting on that stage's queue behind a back-fill, not stuck")]
    [TestCase(Stage.Handover, 150, true, TestName = "Handed to the next stage, silent 2.5 h: stuck, due again")]
    public void A_run_silent_past_its_lease_is_stuck_and_its_day_due_again(string stage, int minutesSilent, bool due)
    {
        var days = Due(null, Run("2025-03-10", ExecutionStatus.Running, stage: stage, hoursAgo: minutesSilent / 60.0));

        Assert.That(days.Any(d => d.Date.Day == 10), Is.EqualTo(due));
        if (due) Assert.That(days.Single(d => d.Date.Day == 10).Attempt, Is.EqualTo(2));
    }

    /// <summary>With every stage queue empty, a queued or handed-over run waits behind nothing: its message was lost.</summary>
    [TestCase(Stage.Queued, 11, true, TestName = "Queued, silent 11 min, stage queues drained: its message was lost, due again")]
    [TestCase(Stage.Handover, 11, true, TestName = "Handed over, silent 11 min, stage queues drained: its message faulted, due again")]
    [TestCase(Stage.Handover, 5, false, TestName = "Handed over, silent 5 min, stage queues drained: within the in-stage lease, going on")]
    [TestCase(Stage.Export, 5, false, TestName = "Running at export, silent 5 min, stage queues drained: going on")]
    public void With_the_stage_queues_drained_a_waiting_run_gets_the_in_stage_lease(string stage, int minutesSilent, bool due)
    {
        var run = Run("2025-03-10", ExecutionStatus.Running, stage: stage, hoursAgo: minutesSilent / 60.0);

        var days = SchedulingRules.Due(Config, Now, 30, [], [run], queuesDrained: true);

        Assert.That(days.Any(d => d.Date.Day == 10), Is.EqualTo(due));
    }

    [Test]
    public void A_stuck_run_says_where_and_since_when_and_each_takeover_doubles_the_patience_for_the_next()
    {
        var stuck = Run("2025-03-10", ExecutionStatus.Running, stage: Stage.Export, hoursAgo: 0.25);
        var takenOver = Run("2025-03-10", ExecutionStatus.Error, OutcomeCodes.Superseded.Word, hoursAgo: 0.5, stage: Stage.Export);
        takenOver.StartedAt = stuck.StartedAt.AddHours(-1);

        Assert.That(Due(null, stuck).Single(d => d.Date.Day == 10).Why, Does.StartWith("stuck at export: no progress since 2025-03-15 08:45 UTC"));
        Assert.That(Due(null, stuck, takenOver).Any(d => d.Date.Day == 10), Is.False, "after one takeover the lease is 20 min");
        Assert.That(SchedulingRules.StuckRetryAt(stuck, 1), Is.EqualTo(stuck.UpdatedAt.AddMinutes(20)));
    }
}
