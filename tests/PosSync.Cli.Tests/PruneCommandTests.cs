using System.Text.Json;
using Dapper;
using PosSync.Contracts;
using PosSync.Domain.Days;
using PosSync.Storage.Stores;
using PosSync.Testing;

namespace PosSync.Cli.Tests;

/// <summary>possync prune as the nightly CronJob runs it: what it prints, --dry-run, --json, and its one-line failures.</summary>
[CancelAfter(120_000)]
public class PruneCommandTests
{
    private TestWorld _world = null!;
    private Guid _old;
    private Guid _recent;

    [SetUp]
    public async Task Seed()
    {
        _world = await TestWorld.CreateAsync();
        _old = await RunAsync(DateTimeOffset.UtcNow.AddDays(-500), "2024-06-01");
        _recent = await RunAsync(DateTimeOffset.UtcNow.AddDays(-3), "2026-01-01");
        await using var connection = await _world.Database.OpenAsync(CancellationToken.None);
        await connection.ExecuteAsync("""
            INSERT INTO day_ledger (consumer_id, location_id, business_date, status, revision, updated_at)
            VALUES ('c-old', 'loc-1', '2024-06-01', 'booked', 1, '2024-06-02 00:00:00.000')
            """);
    }

    [TearDown]
    public void Stop() => _world.Dispose();

    /// <summary>A finished run, one event and one request, written the way a worker writes them, at the given time.</summary>
    private async Task<Guid> RunAsync(DateTimeOffset at, string date)
    {
        var log = new ExecutionLog(_world.Database, new FixedClock(at));
        var run = TestWorld.Run("c-old", date);
        await log.StartAsync(run, Stage.Ingest, null, CancellationToken.None);
        await log.AddEventAsync(run.ExecutionId, Stage.Ingest, EventLevel.Info, null, "day fetched", null, CancellationToken.None);
        await _world.Requests.AddAsync(new RequestRecord
        {
            ConsumerId = "c-old", ExecutionId = run.ExecutionId, Connector = "folder", Operation = "day",
            Method = "READ", Url = "pos/day.json", At = at.UtcDateTime,
        }, CancellationToken.None);
        await log.FinishAsync(run.ExecutionId, new ExecutionOutcome(ExecutionStatus.Success, Stage.Export), CancellationToken.None);
        return run.ExecutionId;
    }

    private Task<CliResult> Prune(IReadOnlyDictionary<string, string>? environment = null, params string[] args) =>
        Possync.RunAsync(TimeSpan.FromMinutes(1), environment ?? new Dictionary<string, string>(), null, ["prune", .. args, "--data", _world.Folder]);

    private async Task<bool> ExistsAsync(Guid id) => await _world.Executions.GetAsync(id, CancellationToken.None) is not null;

    [Test]
    public async Task A_dry_run_says_what_would_go_and_deletes_nothing_then_prune_deletes_just_that()
    {
        var dry = await Prune(null, "--dry-run");

        Assert.That(dry.ExitCode, Is.Zero, dry.Output + dry.Errors);
        Assert.That(dry.Output, Does.StartWith("Dry run, nothing is deleted. Retention 400 days"));
        Assert.That(dry.Output, Does.Contain("executions: 1 row would be deleted in 1 batch"));
        Assert.That(dry.Output, Does.Contain("execution_events: 1 row would be deleted in 1 batch"));
        Assert.That(dry.Output, Does.Contain("requests: 1 row would be deleted in 1 batch"));
        Assert.That(dry.Output, Does.Contain("Would delete 3 rows in all; the day ledger"));
        Assert.That(await ExistsAsync(_old), Is.True, "a dry run deletes nothing");

        var pruned = await Prune();

        Assert.That(pruned.ExitCode, Is.Zero, pruned.Output + pruned.Errors);
        Assert.That(pruned.Output, Does.StartWith("Retention 400 days: executions, events and requests older than "));
        Assert.That(pruned.Output, Does.Contain("executions: 1 row deleted in 1 batch"));
        Assert.That(pruned.Output, Does.Contain("execution_events: 1 row deleted in 1 batch"));
        Assert.That(pruned.Output, Does.Contain("requests: 1 row deleted in 1 batch"));
        Assert.That(pruned.Output, Does.Contain("Deleted 3 rows in all"));
        Assert.That(pruned.Errors, Is.Empty);
        Assert.That(await ExistsAsync(_old), Is.False);
        Assert.That(await ExistsAsync(_recent), Is.True);
        Assert.That(
            await _world.Ledger.GetAsync(new DayKey("c-old", "loc-1", new DateOnly(2024, 6, 1)), CancellationToken.None),
            Is.Not.Null,
            "the day ledger stays");
    }

    [Test]
    public async Task With_json_it_prints_each_table_and_a_second_prune_finds_nothing()
    {
        await Prune();

        var again = await Prune(null, "--json");

        Assert.That(again.ExitCode, Is.Zero, again.Output + again.Errors);
        var json = JsonDocument.Parse(again.Output).RootElement;
        Assert.That(json.GetProperty("dry_run").GetBoolean(), Is.False);
        Assert.That(json.GetProperty("retention_days").GetInt32(), Is.EqualTo(400));
        Assert.That(json.GetProperty("tables").EnumerateArray().Select(t => (t.GetProperty("table").GetString(), t.GetProperty("rows").GetInt64())),
            Is.EqualTo(new[] { ("executions", 0L), ("execution_events", 0L), ("requests", 0L) }));
    }

    [Test]
    public async Task The_retention_setting_is_honoured_and_a_bad_one_is_refused_in_one_line()
    {
        var shorter = await Prune(new Dictionary<string, string> { ["Storage__Retention__Days"] = "90", ["Storage__Retention__BatchSize"] = "100" });
        var bad = await Prune(new Dictionary<string, string> { ["Storage__Retention__Days"] = "5" });

        Assert.That(shorter.ExitCode, Is.Zero, shorter.Output + shorter.Errors);
        Assert.That(shorter.Output, Does.StartWith("Retention 90 days").And.Contain("100 rows per batch"));
        Assert.That(await ExistsAsync(_recent), Is.True, "3 days old is within 90 days");
        Assert.That(bad.ExitCode, Is.EqualTo(1));
        Assert.That(bad.Errors.Trim().Split('\n'), Has.Length.EqualTo(1), bad.Errors);
        Assert.That(bad.Errors, Does.Contain("Storage:Retention:Days").And.Contain("90"));
    }

    [Test]
    public async Task A_database_that_cannot_be_read_is_one_line_and_exit_1()
    {
        _world.Dispose();
        var folder = Path.Combine(Path.GetTempPath(), "possync-broken-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "possync.db"), new string('x', 8192));
        try
        {
            var result = await Possync.RunAsync(TimeSpan.FromMinutes(1), "prune", "--data", folder);

            Assert.That(result.ExitCode, Is.EqualTo(1), result.Output + result.Errors);
            Assert.That(result.Errors.Trim().Split('\n'), Has.Length.EqualTo(1), result.Errors);
            Assert.That(result.Errors, Does.StartWith("error: SQLite ").And.Contain("could not be pruned"));
            Assert.That(result.Errors, Does.Not.Contain(" at "));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
