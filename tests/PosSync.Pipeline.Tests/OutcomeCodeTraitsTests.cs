using PosSync.Connectors;
using PosSync.Domain.Outcomes;
using PosSync.Pipeline.Operations;
using PosSync.Storage.Stores;
using PosSync.Testing;

namespace PosSync.Pipeline.Tests;

/// <summary>The catalogue's traits are what the scheduler does: every code, run through the scheduling rules.</summary>
public class OutcomeCodeTraitsTests
{
    private static readonly Domain.Configuration.ConsumerConfiguration Config = ReferenceConfiguration.Load(c =>
    {
        c["locations"]!.AsArray().RemoveAt(1);
        c["settings"]!["start_date"] = "2025-03-10";
    });

    private static readonly DateTimeOffset Now = new(2025, 3, 15, 9, 0, 0, TimeSpan.Zero);

    private static IEnumerable<TestCaseData> Codes(CodeKind kind) =>
        OutcomeCodes.All.Where(c => c.Kind == kind).Select(c => new TestCaseData(c).SetArgDisplayNames(c.Word));

    private static IEnumerable<TestCaseData> Outages() => Codes(CodeKind.Outage);
    private static IEnumerable<TestCaseData> BusinessErrors() =>
        Codes(CodeKind.BusinessError).Where(c => ((OutcomeCode)c.Arguments[0]!).Retry != RetryPolicy.Never);
    private static IEnumerable<TestCaseData> Waits() => Codes(CodeKind.Waiting);
    private static IEnumerable<TestCaseData> Dones() => Codes(CodeKind.Done);

    /// <summary>Is the day of a first run that ended with <paramref name="code"/> <paramref name="minutesAgo"/> due again?</summary>
    private static bool DueAfter(OutcomeCode code, ExecutionStatus status, double minutesAgo)
    {
        var ended = Now.UtcDateTime.AddMinutes(-minutesAgo);
        var run = new ExecutionRecord
        {
            ExecutionId = Guid.NewGuid(), ConsumerId = "c-brasserie", LocationId = "loc-1", BusinessDate = new DateOnly(2025, 3, 10),
            Status = status, ErrorCode = code, Stage = Stage.Export, Attempt = 1, StartedAt = ended, UpdatedAt = ended, FinishedAt = ended,
        };
        return SchedulingRules.Due(Config, Now, 30, [], [run]).Any(d => d.Date == run.BusinessDate);
    }

    [TestCaseSource(nameof(Outages))]
    public void Each_outage_code_is_retried_by_the_scheduler_after_the_outage_backoff(OutcomeCode code)
    {
        Assert.That(code.Retry, Is.EqualTo(RetryPolicy.OutageBackoff));
        Assert.That(
            DueAfter(code, ExecutionStatus.Error, SchedulingRules.OutageBackoff.TotalMinutes + 1),
            Is.True,
            "due once the outage backoff is over");
        Assert.That(DueAfter(code, ExecutionStatus.Error, SchedulingRules.OutageBackoff.TotalMinutes - 1), Is.False, "not before");
    }

    [TestCaseSource(nameof(BusinessErrors))]
    public void Each_business_code_is_not_retried_as_an_outage_but_after_someone_had_time_to_fix_it(OutcomeCode code)
    {
        Assert.That(code.Retry, Is.EqualTo(RetryPolicy.BusinessBackoff));
        Assert.That(DueAfter(code, ExecutionStatus.Error, SchedulingRules.OutageBackoff.TotalMinutes + 1), Is.False, "not after an outage's backoff");
        Assert.That(DueAfter(code, ExecutionStatus.Error, SchedulingRules.BusinessBackoff.TotalMinutes + 1), Is.True, "after the business backoff");
    }

    [Test]
    public void A_day_too_large_is_a_business_error_the_scheduler_never_runs_again()
    {
        var code = OutcomeCodes.DayTooLarge;

        Assert.That((code.Kind, code.Retry), Is.EqualTo((CodeKind.BusinessError, RetryPolicy.Never)));
        Assert.That(DueAfter(code, ExecutionStatus.Error, 30 * 24 * 60), Is.False, "not even a month later");
        Assert.That(ConnectorFailure.DayTooLarge("m").Code, Is.EqualTo("DAY_TOO_LARGE"));
    }

    [TestCaseSource(nameof(Waits))]
    public void Each_waiting_code_is_tried_again_after_the_pause(OutcomeCode code)
    {
        Assert.That(code.Retry, Is.EqualTo(RetryPolicy.AfterPause));
        Assert.That(DueAfter(code, ExecutionStatus.Waiting, SchedulingRules.WaitingPause.TotalMinutes + 1), Is.True);
        Assert.That(DueAfter(code, ExecutionStatus.Waiting, SchedulingRules.WaitingPause.TotalMinutes - 1), Is.False);
    }

    [TestCase("INTERRUPTED", "error")]
    [TestCase("SUPERSEDED", "error")]
    [TestCase("SYNC_DISABLED", "skipped")]
    [TestCase("BEFORE_START_DATE", "skipped")]
    public void A_code_due_at_once_is_due_at_the_next_schedule(string word, string status)
    {
        var code = OutcomeCodes.Find(word)!;

        Assert.That(code.Retry, Is.AnyOf(RetryPolicy.AtOnce, RetryPolicy.WhenAllowed));
        Assert.That(DueAfter(code, ExecutionStatus.Parse(status), 0.1), Is.True);
    }

    [TestCaseSource(nameof(Dones))]
    public void A_done_code_is_never_run_again_by_the_scheduler(OutcomeCode code)
    {
        Assert.That(code.Retry, Is.EqualTo(RetryPolicy.Never));
        Assert.That(DueAfter(code, ExecutionStatus.Success, 48 * 60), Is.False);
    }

    [Test]
    public void Every_code_a_connector_failure_can_end_with_is_in_the_catalogue()
    {
        var words = Enum.GetValues<FailureKind>()
            .SelectMany(k => new[] { ConnectorFailure.Pos(k, "m").Code, ConnectorFailure.Accounting(k, "m").Code });

        Assert.That(words.Where(w => OutcomeCodes.Find(w) is null), Is.Empty);
        Assert.That(ConnectorFailure.Pos(FailureKind.QuotaSpent, "m").Code, Is.EqualTo("POS_QUOTA_SPENT"));
    }

    [Test]
    public void The_catalogue_holds_each_stored_word_once()
    {
        Assert.That(OutcomeCodes.All.Select(c => c.Word), Is.Unique);
    }
}
