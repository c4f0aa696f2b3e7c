using System.Diagnostics;
using System.Globalization;
using PosSync.Contracts;
using PosSync.Pipeline.Operations;
using PosSync.Storage.Stores;
using PosSync.Testing;

namespace PosSync.Cli.Tests;

/// <summary>
/// Issue 9, item 6: Ctrl+C and SIGTERM end a long command within 10 s, and what it left undone is
/// done by the next run, each day booked once. A back-fill over the folder POS into the JSON file
/// target, as a CronJob's process.
/// </summary>
[CancelAfter(240_000)]
public class InterruptionTests
{
    private const string Consumer = "c-brasserie";
    // Enough days that the stop lands mid-way even on a fast machine, where the first stage runs far ahead.
    private const int DaysPerLocation = 750;
    private static readonly TimeSpan StopLimit = TimeSpan.FromSeconds(10);
    private TestWorld _world = null!;

    [SetUp]
    public async Task Start() => _world = await TestWorld.CreateAsync();

    [TearDown]
    public void Stop() => _world.Dispose();

    [Test]
    public async Task A_back_fill_stopped_by_SIGTERM_exits_within_10_s_and_the_next_schedule_books_the_rest_each_day_once()
    {
        var total = await BackFillAsync();

        using (var first = RunningPossync.Start(new Dictionary<string, string>(), "schedule", "--once", "--data", _world.Folder))
        {
            var waited = Stopwatch.StartNew();
            while (_world.BookedEntryFiles(Consumer).Count < 1 && waited.Elapsed < TimeSpan.FromMinutes(1)) await Task.Delay(50);
            Assert.That(_world.BookedEntryFiles(Consumer), Is.Not.Empty, "the back-fill got going: " + first.Errors);

            // Timed from the signal's delivery: starting /bin/kill on a loaded machine is not possync's time.
            await first.SignalAsync("TERM");
            var stopping = Stopwatch.StartNew();
            var exit = await first.WaitAsync(StopLimit + TimeSpan.FromSeconds(20));
            stopping.Stop();
            await TestContext.Out.WriteLineAsync(first.Errors);

            Assert.That(exit, Is.EqualTo(143), first.Output + first.Errors);
            Assert.That(stopping.Elapsed, Is.LessThan(StopLimit), first.Errors);
            Assert.That(first.Errors, Does.Contain("Terminated (SIGTERM)").And.Contain("Stopped: "));
            Assert.That(first.Errors, Does.Not.Contain("   at "), "no stack trace");
        }
        var booked = _world.BookedEntryFiles(Consumer).Count;
        Assert.That(booked, Is.LessThan(total), "stopped mid-way");
        Assert.That(await UnfinishedAsync(), Is.Empty, "no run left queued or running");

        var second = await Possync.RunAsync(TimeSpan.FromMinutes(3), "schedule", "--once", "--data", _world.Folder);

        Assert.That(second.ExitCode, Is.Zero, second.Output + second.Errors);
        var entries = _world.BookedEntryFiles(Consumer);
        Assert.That(entries, Has.Count.EqualTo(total), "every day booked, none twice");
        Assert.That(entries.Select(Path.GetFileName).Distinct().Count(), Is.EqualTo(total));
        Assert.That(await UnfinishedAsync(), Is.Empty);
        var executions = await _world.Executions.ListAsync(Consumer, ExecutionStatus.Success, null, null, 10_000, CancellationToken.None);
        Assert.That(executions.GroupBy(e => (e.LocationId, e.BusinessDate)).Where(g => g.Count() > 1), Is.Empty, "one successful run per day");
        Assert.That(executions, Has.Count.EqualTo(total));
    }

    [TestCase("TERM")]
    [TestCase("INT")]
    public async Task The_sandbox_ends_within_a_few_seconds_of_a_signal(string signal)
    {
        using var sandbox = RunningPossync.Start(new Dictionary<string, string>(), "sandbox");
        var waited = Stopwatch.StartNew();
        while (!sandbox.Output.Contains("Ctrl+C stops the sandboxes.") && waited.Elapsed < TimeSpan.FromSeconds(60)) await Task.Delay(50);
        Assert.That(sandbox.Output, Does.Contain("Ctrl+C stops the sandboxes."), sandbox.Errors);
        Assume.That(sandbox.Ignores(signal), Is.False, $"SIG{signal} is ignored by this test's process tree (a background job)");

        var stopping = Stopwatch.StartNew();
        await sandbox.SignalAsync(signal);
        var exit = await sandbox.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.That(exit, Is.Zero, sandbox.Output + sandbox.Errors);
        Assert.That(stopping.Elapsed, Is.LessThan(TimeSpan.FromSeconds(5)));
    }

    /// <summary>Two locations, DaysPerLocation closed days each, exported and bookable; the number of days.</summary>
    private async Task<int> BackFillAsync()
    {
        var config = await _world.AddConsumerAsync(Consumer);
        var last = SchedulingRules.LastClosedDay(config.Locations[0], DateTimeOffset.UtcNow);
        var first = last.AddDays(1 - DaysPerLocation);
        await _world.Consumers.SaveAsync(config with { Settings = config.Settings with { StartDate = first } }, CancellationToken.None);
        foreach (var location in config.Locations)
            for (var date = first; date <= last; date = date.AddDays(1))
                _world.ExportDay(Consumer, BookingScenarios.S01Day(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), location.Id));
        return config.Locations.Count * DaysPerLocation;
    }

    private async Task<IReadOnlyList<ExecutionRecord>> UnfinishedAsync() =>
        (await _world.Executions.ListAsync(Consumer, ExecutionStatus.Running, null, null, 10_000, CancellationToken.None)).ToList();
}
