using PosSync.Contracts;
using PosSync.Storage.Stores;
using PosSync.Testing;

namespace PosSync.Storage.Tests;

/// <summary>
/// Request rows a stage holds reach the transaction table with the run's next write to the execution
/// log, in the order the calls were made, and are never lost: a write that fails holds them again.
/// </summary>
[TestFixture(StorageEngine.Sqlite)]
[TestFixture(StorageEngine.SqlServer)]
public class HeldRequestsTests(StorageEngine engine)
{
    private TestDatabase _test = null!;
    private ExecutionLog _log = null!;
    private RequestLog _requests = null!;

    [SetUp]
    public async Task CreateDatabase()
    {
        _test = await TestDatabase.CreateAsync(engine, "held-requests");
        _log = new ExecutionLog(_test.Database, TimeProvider.System);
        _requests = new RequestLog(_test.Database);
    }

    [TearDown]
    public void DeleteFolder() => _test?.Dispose();

    [Test]
    public async Task Held_rows_go_with_the_next_event_in_the_order_of_the_calls_and_are_not_written_twice()
    {
        var run = await StartedRunAsync();
        var held = Held(run, "catalog", "day");

        await _log.AddEventAsync(run.ExecutionId, Stage.Ingest, EventLevel.Info, null, "Fetched.", null, CancellationToken.None, held);
        held.Add(Row(run, "post-entry"));
        var finished = await _log.FinishWithEventAsync(run.ExecutionId, new ExecutionOutcome(ExecutionStatus.Success, Stage.Export), EventLevel.Info,
            "Booked.", null, CancellationToken.None, held);
        var again = await _log.FinishWithEventAsync(run.ExecutionId, new ExecutionOutcome(ExecutionStatus.Error, Stage.Export), EventLevel.Error,
            "Late.", null, CancellationToken.None, Held(run, "late-call"));

        Assert.That((finished, again, held.Count), Is.EqualTo((true, false, 0)),
            "the held rows do not count as the ending's rows: the second ending changed nothing of the run");
        Assert.That(await OperationsAsync(run), Is.EqualTo(new[] { "catalog", "day", "post-entry", "late-call" }),
            "a row goes with the write whether or not the write changes the run");
        Assert.That((await _log.EventsAsync(run.ExecutionId, CancellationToken.None)).Select(e => e.Message), Is.EqualTo(new[] { "Fetched.", "Booked." }));
    }

    [Test]
    public async Task A_write_that_fails_holds_its_rows_again_for_the_next_one()
    {
        var run = await StartedRunAsync();
        var held = Held(run, "day");

        // An event without its message breaks the events table's NOT NULL: the command fails before the rows' insert.
        Assert.That(() => _log.AddEventAsync(run.ExecutionId, Stage.Ingest, EventLevel.Info, null, null!, null, CancellationToken.None, held),
            Throws.Exception);
        var heldAfterFailure = held.Count;
        await _log.WriteHeldAsync(held, CancellationToken.None);

        Assert.That((heldAfterFailure, held.Count), Is.EqualTo((1, 0)));
        Assert.That(await OperationsAsync(run), Is.EqualTo(new[] { "day" }));
    }

    [Test]
    public async Task More_rows_than_one_command_carries_are_all_written_in_order()
    {
        var run = await StartedRunAsync();
        var operations = Enumerable.Range(0, HeldRequests.MaxCarried * 2 + 5).Select(i => $"page-{i:000}").ToArray();
        var held = Held(run, operations);

        await _log.AddEventAsync(run.ExecutionId, Stage.Ingest, EventLevel.Info, null, "Fetched.", null, CancellationToken.None, held);
        var leftForTheNextWrite = held.Count;
        await _log.WriteHeldAsync(held, CancellationToken.None);

        Assert.That(leftForTheNextWrite, Is.EqualTo(operations.Length - HeldRequests.MaxCarried));
        Assert.That(await OperationsAsync(run), Is.EqualTo(operations));
    }

    private async Task<DayRun> StartedRunAsync()
    {
        var run = TestWorld.Run("c-held-" + Guid.NewGuid().ToString("N")[..8], "2025-03-14");
        await _log.StartAsync(run, Stage.Ingest, null, CancellationToken.None);
        return run;
    }

    private static HeldRequests Held(DayRun run, params string[] operations)
    {
        var held = new HeldRequests();
        foreach (var operation in operations) held.Add(Row(run, operation));
        return held;
    }

    private static RequestRecord Row(DayRun run, string operation) => new()
    {
        ConsumerId = run.ConsumerId, ExecutionId = run.ExecutionId, Connector = "folder", Operation = operation, Method = "READ",
        Url = "file:///pos/day.json", StatusCode = null, DurationMs = 3, At = DateTime.UtcNow,
    };

    private async Task<IEnumerable<string>> OperationsAsync(DayRun run) =>
        (await _requests.ListAsync(run.ConsumerId, null, run.ExecutionId, 1000, CancellationToken.None)).Reverse().Select(r => r.Operation);
}
