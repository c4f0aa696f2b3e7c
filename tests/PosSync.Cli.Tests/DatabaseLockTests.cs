using PosSync.Cli.Support;
using PosSync.Testing;

namespace PosSync.Cli.Tests;

/// <summary>
/// Commands on a database another process holds (every reader and writer shut out): they wait a
/// few seconds, then say so in one line and exit 1 — never a stack trace; a lock released in time
/// is never noticed.
/// </summary>
[CancelAfter(180_000)]
public class DatabaseLockTests
{
    private TestWorld _world = null!;

    [SetUp]
    public async Task Start()
    {
        _world = await TestWorld.CreateAsync();
        await _world.AddConsumerAsync();
    }

    [TearDown]
    public void Stop() => _world.Dispose();

    [TestCase("executions", "list", "c-brasserie", TestName = "executions list on a locked database: one line, exit 1")]
    [TestCase("schedule", "--once", "--consumer", "c-brasserie", TestName = "schedule --once on a locked database: one line, exit 1")]
    public async Task A_command_on_a_database_locked_longer_than_its_patience_says_so_in_one_line(params string[] command)
    {
        await using var held = await SqliteFileLock.TakeAsync(_world.DatabaseFile, readersToo: true);

        var result = await Possync.RunAsync(TimeSpan.FromSeconds(90), [.. command, "--data", _world.Folder]);

        var lines = result.Errors.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.That(result.ExitCode, Is.EqualTo(1), result.Errors);
        Assert.That(lines, Has.Length.EqualTo(1), result.Errors);
        Assert.That(
            lines[0],
            Does.StartWith($"error: the database SQLite {_world.DatabaseFile} is locked or unavailable: ").And.Contain("database is locked"));
        Assert.That(result.Errors, Does.Not.Contain("Unhandled exception").And.Not.Contain("   at "));
    }

    [Test]
    public async Task A_lock_released_within_the_patience_goes_unnoticed()
    {
        await using var held = await SqliteFileLock.TakeAsync(_world.DatabaseFile, readersToo: true);
        var released = held.ReleaseAfterAsync(TimeSpan.FromSeconds(CliServices.LockTimeoutSeconds / 3.0));

        var result = await Possync.RunAsync(TimeSpan.FromSeconds(90), "executions", "list", "c-brasserie", "--data", _world.Folder);
        await released;

        Assert.That(result.ExitCode, Is.EqualTo(0), result.Errors);
        Assert.That(result.Errors, Is.Empty);
    }
}
