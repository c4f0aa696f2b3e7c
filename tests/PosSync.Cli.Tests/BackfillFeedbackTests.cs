using System.Globalization;
using System.Text.RegularExpressions;
using PosSync.Cli.Output;
using PosSync.Pipeline.Operations;
using PosSync.Testing;

namespace PosSync.Cli.Tests;

/// <summary>
/// Issue 9, item 7: a back-fill says how far it is in a log (plain lines: done, failed, rate, time
/// left), its summary counts final statuses, and schedule, retry and reimport exit 2 when a day
/// ended in error, 0 when all ended well.
/// </summary>
[CancelAfter(240_000)]
public partial class BackfillFeedbackTests
{
    private const string Consumer = "c-brasserie";
    private TestWorld _world = null!;
    private DateOnly _first;
    private DateOnly _last;

    [SetUp]
    public async Task Start()
    {
        _world = await TestWorld.CreateAsync();
        var config = await _world.AddConsumerAsync(Consumer);
        _last = SchedulingRules.LastClosedDay(config.Locations[0], DateTimeOffset.UtcNow);
        _first = _last.AddDays(-199);
        await _world.Consumers.SaveAsync(config with { Settings = config.Settings with { StartDate = _first } }, CancellationToken.None);
    }

    [TearDown]
    public void Stop() => _world.Dispose();

    private static string Text(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Test]
    public async Task A_back_fill_in_a_log_prints_plain_progress_lines_and_counts_days_by_final_status()
    {
        // loc-1 exports every day; loc-2 none (they wait for the export); one loc-1 day pays by an unmapped method.
        for (var date = _first; date <= _last; date = date.AddDays(1))
            _world.ExportDay(Consumer, BookingScenarios.S01Day(Text(date)));
        _world.ExportDay(
            Consumer,
            DayBuilder.For(Text(_last)).Order("O-1", o => o.Item(1, 10.00m, 11.00m, 1.00m, 10).Pay("pm-unknown", 11.00m)).Build());

        var result = await Possync.RunAsync(TimeSpan.FromMinutes(3), "schedule", "--once", "--data", _world.Folder);

        Assert.That(result.ExitCode, Is.EqualTo(2), "a day ended in error: " + result.Output + result.Errors);
        var progress = ProgressLine().Matches(result.Errors);
        Assert.That(progress, Has.Count.GreaterThanOrEqualTo(2), "periodic lines, not only the last: " + result.Errors);
        Assert.That(progress[^1].Value, Does.StartWith("  400/400 days done, 1 failed"));
        Assert.That(result.Errors.Replace("\r\n", "\n").Contains('\r'), Is.False, "no carriage return redraws in a log");
        Assert.That((result.Output + result.Errors).Any(TerminalSafeWriter.IsUnsafe), Is.False, "no escape sequence in a log");
        Assert.That(result.Output, Does.Contain("400 day(s) run: 199 success, 0 warning, 200 waiting, 0 skipped, 1 error; 0 already running."));
        Assert.That(result.Output, Does.Match($@"loc-1\s+{Text(_last)}\s+1\s+never run\s+error UNMAPPED"));
        Assert.That(result.Output, Does.Not.Match(@"\bstarted\b\s+[0-9a-f]{8}-"), "the table shows how each day ended, not that it was started");
    }

    [Test]
    public async Task Schedule_retry_and_reimport_exit_0_when_every_day_ended_well()
    {
        await _world.Consumers.SaveAsync((await _world.Consumers.GetAsync(Consumer, CancellationToken.None))! is var c
            ? c with { Settings = c.Settings with { StartDate = _last } } : null!, CancellationToken.None);
        foreach (var location in new[] { "loc-1", "loc-2" }) _world.ExportDay(Consumer, BookingScenarios.S01Day(Text(_last), location));

        var scheduled = await Possync.RunAsync(TimeSpan.FromMinutes(2), "schedule", "--once", "--data", _world.Folder);
        var reimported = await Possync.RunAsync(
            TimeSpan.FromMinutes(2), "reimport", Consumer, "--from", Text(_last), "--to", Text(_last), "--data",
            _world.Folder);
        var retried = await Possync.RunAsync(TimeSpan.FromMinutes(2), "retry", Consumer, "--all-failed", "--data", _world.Folder);

        Assert.That(scheduled.ExitCode, Is.Zero, scheduled.Output + scheduled.Errors);
        Assert.That(scheduled.Output, Does.Contain("2 day(s) run: 2 success, 0 warning, 0 waiting, 0 skipped, 0 error"));
        Assert.That(reimported.ExitCode, Is.Zero, reimported.Output + reimported.Errors);
        Assert.That(reimported.Output, Does.Contain("2 day(s) run: "));
        Assert.That(retried.ExitCode, Is.Zero, retried.Output + retried.Errors);
        Assert.That(retried.Output, Does.Contain("No day to run."));
    }

    [Test]
    public async Task Retry_exits_2_when_a_retried_day_fails_again()
    {
        await _world.Consumers.SaveAsync((await _world.Consumers.GetAsync(Consumer, CancellationToken.None))! is var c
            ? c with { Settings = c.Settings with { StartDate = _last } } : null!, CancellationToken.None);
        _world.ExportDay(
            Consumer,
            DayBuilder.For(Text(_last)).Order("O-1", o => o.Item(1, 10.00m, 11.00m, 1.00m, 10).Pay("pm-unknown", 11.00m)).Build());
        await Possync.RunAsync(TimeSpan.FromMinutes(2), "schedule", "--once", "--data", _world.Folder);

        var retried = await Possync.RunAsync(TimeSpan.FromMinutes(2), "retry", Consumer, "--all-failed", "--data", _world.Folder);

        Assert.That(retried.ExitCode, Is.EqualTo(2), retried.Output + retried.Errors);
        Assert.That(retried.Output, Does.Contain("1 day(s) run: 0 success, 0 warning, 0 waiting, 0 skipped, 1 error"));
    }

    [GeneratedRegex(@"^  \d+/\d+ days done, \d+ failed.*$", RegexOptions.Multiline)]
    private static partial Regex ProgressLine();
}
