using MassTransit.Testing;
using PosSync.Contracts;
using PosSync.Pipeline.Operations;
using PosSync.Storage.Stores;
using PosSync.Testing;
using PosSync.Domain.Outcomes;

namespace PosSync.Pipeline.Tests;

/// <summary>
/// A run left `running` with nothing to move it (its worker died, or its stage and fault handler
/// both faulted during a database outage): the schedule takes the day over through the normal path,
/// the day is booked once, and support is told what is going on.
/// </summary>
public class StuckRunTests
{
    private const string Consumer = "c-brasserie";

    /// <summary>A consumer whose only due day is the last closed one, exported, with a run of it silent at export for 20 minutes.</summary>
    private static async Task<(DayRun Stuck, DateOnly Day)> StuckDayAsync(PipelineHarness h, int minutesSilent = 20)
    {
        var config = await h.World.AddConsumerAsync(Consumer, c => c["locations"]!.AsArray().RemoveAt(1));
        var day = SchedulingRules.LastClosedDay(config.Locations[0], DateTimeOffset.UtcNow);
        await h.World.Consumers.SaveAsync(config with { Settings = config.Settings with { StartDate = day } }, CancellationToken.None);
        h.World.ExportDay(Consumer, BookingScenarios.S01Day(day.ToString("yyyy-MM-dd")));
        var stuck = TestWorld.Run(Consumer, day.ToString("yyyy-MM-dd"), trigger: DayTrigger.Schedule);
        var then = new ExecutionLog(h.World.Database, new FixedClock(DateTimeOffset.UtcNow.AddMinutes(-minutesSilent)));
        await then.StartAsync(stuck, Stage.Export, null, CancellationToken.None);
        return (stuck, day);
    }

    [Test]
    public async Task The_schedule_takes_over_a_run_stuck_past_its_lease_and_the_day_is_booked_once()
    {
        await using var h = await PipelineHarness.StartAsync();
        var (stuck, day) = await StuckDayAsync(h);

        var report = await h.Get<Scheduler>().RunAsync(h.Harness.Bus, Consumer, 60, _ => { }, CancellationToken.None);

        var started = report.Days.Single();
        Assert.That((started.Date, started.Result, started.Attempt), Is.EqualTo((day, StartResult.Started, 2)));
        Assert.That(started.Why, Does.StartWith("stuck at export"));
        var rerun = await h.WaitAsync(
            new DayRun { ExecutionId = started.ExecutionId, ConsumerId = Consumer, LocationId = "loc-1", BusinessDate = day });
        Assert.That(rerun.Status, Is.EqualTo(ExecutionStatus.Success));
        var old = await h.World.Executions.GetAsync(stuck.ExecutionId, CancellationToken.None);
        Assert.That((old!.Status, old.ErrorCode), Is.EqualTo((ExecutionStatus.Error, OutcomeCodes.Superseded.Word)), "no run is left running");
        Assert.That(old.ErrorMessage, Does.Contain(started.ExecutionId.ToString()));
        Assert.That(h.World.BookedEntryFiles(Consumer), Has.Count.EqualTo(1));

        var again = await h.Get<Scheduler>().RunAsync(h.Harness.Bus, Consumer, 60, _ => { }, CancellationToken.None);
        Assert.That(again.Days, Is.Empty, "the day is booked: nothing more to do");
    }

    [Test]
    public async Task A_run_within_its_lease_is_left_alone()
    {
        await using var h = await PipelineHarness.StartAsync();
        await StuckDayAsync(h, minutesSilent: 3);

        var report = await h.Get<Scheduler>().RunAsync(h.Harness.Bus, Consumer, 60, _ => { }, CancellationToken.None);

        Assert.That(report.Days, Is.Empty);
    }

    [Test]
    public async Task Diagnose_says_since_when_a_run_is_stuck_when_it_is_picked_up_again_and_the_retry_command()
    {
        await using var h = await PipelineHarness.StartAsync(_ => { });
        var (_, day) = await StuckDayAsync(h);

        var report = await h.Get<Diagnosis>().RunAsync(Consumer, day, null, CancellationToken.None);

        Assert.That(report.Checks.Single(c => c.Name == "Progress").Verdict, Is.EqualTo(Verdict.Problem));
        Assert.That(report.Next, Does.StartWith("The run is stuck since ").And.Contain("at export")
            .And.Contain("it will be picked up again at the next possync schedule")
            .And.Contain($"possync retry {Consumer} --from {day:yyyy-MM-dd} --to {day:yyyy-MM-dd}"));
    }

    [Test]
    public async Task Diagnose_of_a_run_going_on_says_to_wait_and_until_when()
    {
        await using var h = await PipelineHarness.StartAsync(_ => { });
        var (_, day) = await StuckDayAsync(h, minutesSilent: 3);

        var report = await h.Get<Diagnosis>().RunAsync(Consumer, day, null, CancellationToken.None);

        Assert.That(report.Next, Does.StartWith("Wait: the run is going on (at export). If it makes no progress by "));
    }

    [Test]
    public async Task Retry_all_failed_takes_stuck_runs_too()
    {
        await using var h = await PipelineHarness.StartAsync();
        var (stuck, day) = await StuckDayAsync(h);

        var requested = await h.Get<OperatorRuns>().RetryAsync(h.Harness.Bus, Consumer, null, null, allFailed: true, CancellationToken.None);

        Assert.That(requested.Select(r => (r.Date, r.Result, r.Why)), Is.EqualTo(new[] { (day, StartResult.Started, "stuck at export") }));
        var rerun = await h.WaitAsync(
            new DayRun { ExecutionId = requested[0].ExecutionId, ConsumerId = Consumer, LocationId = "loc-1", BusinessDate = day });
        Assert.That(rerun.Status, Is.EqualTo(ExecutionStatus.Success));
        Assert.That(
            (await h.World.Executions.GetAsync(stuck.ExecutionId, CancellationToken.None))!.ErrorCode,
            Is.EqualTo(OutcomeCodes.Superseded.Word));
        Assert.That(h.World.BookedEntryFiles(Consumer), Has.Count.EqualTo(1));
    }
}
