using PosSync.Contracts;
using PosSync.Domain.Configuration;
using PosSync.Domain.Days;
using PosSync.Pipeline.Operations;
using PosSync.Sandbox;
using PosSync.Sandbox.Pennylane;
using PosSync.Storage.Stores;
using PosSync.Testing;

namespace PosSync.Pipeline.Tests;

/// <summary>
/// A POS whose quota of calls is spent for hours (a 429 with a Retry-After longer than a call may
/// wait) makes the day wait, like the accounting tool's quota: the connection is fine, nothing is
/// flagged, and the scheduler starts the day again after the pause.
/// </summary>
[CancelAfter(120_000)]
public class PosQuotaSpentTests
{
    private const string Consumer = "c-brasserie";
    private const string Date = "2025-03-17";
    private VendorWorld _vendors = null!;
    private PipelineHarness _h = null!;

    [SetUp]
    public async Task Start()
    {
        _vendors = await VendorWorld.StartAsync();
        _h = await PipelineHarness.StartAsync(vendors: _vendors.Options());
        await _h.World.AddConsumerAsync(Consumer, c => VendorWorld.Configure(c));
        await _vendors.ConnectAsync(_h.Get<ConnectionStore>(), Consumer);
    }

    [TearDown]
    public async Task Stop()
    {
        await _h.DisposeAsync();
        await _vendors.DisposeAsync();
    }

    [Test]
    public async Task A_POS_whose_quota_is_spent_makes_the_day_wait_and_the_scheduler_starts_it_again()
    {
        _vendors.AddDay(BookingScenarios.S01Day(Date, VendorWorld.Centre));
        _vendors.Sandbox.Lightspeed.Faults.Next("daily-financials", new Fault(FaultKind.TooManyRequests, RetryAfterSeconds: 3600));

        var waiting = await _h.RunAsync(TestWorld.Run(Consumer, Date, VendorWorld.Centre, DayTrigger.Schedule));

        Assert.That((waiting.Status, waiting.ErrorCode), Is.EqualTo((ExecutionStatus.Waiting, "POS_QUOTA_SPENT")), waiting.ErrorMessage);
        Assert.That(waiting.ErrorMessage, Does.Contain("the day waits until"));
        var config = (await _h.World.Consumers.GetAsync(Consumer, CancellationToken.None))!;
        Assert.That(config.Pos!.Status, Is.EqualTo(ConnectionStatus.Active), "a spent quota is no refused credential");
        Assert.That(await _h.Get<IssueStore>().ListAsync(Consumer, 10, CancellationToken.None), Is.Empty);

        var runs = await _h.World.Executions.OfDayAsync(new DayKey(Consumer, VendorWorld.Centre, DateOnly.Parse(Date)), CancellationToken.None);
        var ended = new DateTimeOffset(waiting.FinishedAt!.Value, TimeSpan.Zero);
        var lookback = (int)(ended - new DateTimeOffset(2025, 3, 1, 0, 0, 0, TimeSpan.Zero)).TotalDays;
        DueDay? DueAt(TimeSpan after) => SchedulingRules.Due(config, ended + after, lookback, [], runs)
            .SingleOrDefault(d => d.LocationId == VendorWorld.Centre && d.Date == DateOnly.Parse(Date));
        Assert.That(DueAt(TimeSpan.FromMinutes(10)), Is.Null, "not within the waiting pause");
        var due = DueAt(SchedulingRules.WaitingPause + TimeSpan.FromMinutes(1));
        Assert.That((due?.Why, due?.Attempt), Is.EqualTo(("waited (POS_QUOTA_SPENT)", 2)));

        var again = await _h.RunAsync(TestWorld.Run(Consumer, Date, VendorWorld.Centre, DayTrigger.Schedule) with { Attempt = due!.Attempt });

        Assert.That(again.Status, Is.EqualTo(ExecutionStatus.Success), again.ErrorMessage);
        Assert.That(_vendors.Sandbox.Pennylane.Entries(VendorWorld.Account).Count(e => e.PieceNumber == "POS-1001-20250317"), Is.EqualTo(1));
    }
}
