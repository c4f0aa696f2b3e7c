using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;
using PosSync.Connectors.Files;
using PosSync.Contracts;
using PosSync.Domain.Days;
using PosSync.Pipeline.Measuring;
using PosSync.Storage;
using PosSync.Storage.Counting;
using PosSync.Storage.Stores;
using PosSync.Testing;

namespace PosSync.Pipeline.Tests;

/// <summary>
/// How many statements each stage sends to the database for one day that books, counted through
/// the counting connection (not a timer), on SQLite always and on SQL Server when
/// POSSYNC_TEST_SQLSERVER holds a connection string: the same counts on both engines. The counter
/// counts commands, that is round trips: a command of several statements (a stage entering a day
/// reads the execution, the configuration version and the ledger with its update) counts one. A
/// change that adds a round trip fails here; one that removes some updates <see cref="Expected"/>.
/// </summary>
[TestFixture(StorageEngine.Sqlite)]
[TestFixture(StorageEngine.SqlServer)]
public class StatementCountTests(StorageEngine engine)
{
    /// <summary>Statements per stage for a day of a consumer already warm (catalog cached, connections pooled).</summary>
    private static readonly Dictionary<string, long> Expected = new()
    {
        [Stage.Ingest] = 3,
        [Stage.Reconcile] = 2,
        [Stage.Export] = 3,
    };

    private TestDatabase _test = null!;
    private string _folder = null!;
    private Database _database = null!;

    [SetUp]
    public async Task CreateDatabase()
    {
        _test = await TestDatabase.CreateAsync(engine, "statements");
        (_folder, _database) = (_test.Folder, _test.Database);
    }

    [TearDown]
    public void DeleteFolder() => _test?.Dispose();

    [Test]
    public async Task A_day_through_the_three_stages_sends_the_expected_statements_per_stage_and_no_pragma_before_them()
    {
        var counter = new StatementCounter();
        var files = new FileConnectorOptions
        {
            PosFolder = Path.Combine(_folder, "pos"), EntriesFolder = Path.Combine(_folder, "accounting"), FecFolder = Path.Combine(_folder, "fec"),
        };
        var consumerId = "c-count-" + Guid.NewGuid().ToString("N")[..8];
        var config = ReferenceConfiguration.Load(c =>
        {
            c["consumer_id"] = consumerId;
            c["pos"]!["connector"] = "folder";
            c["accounting"]!["connector"] = "json-file";
        });
        await new ConsumerStore(_database, TimeProvider.System).SaveAsync(config, CancellationToken.None);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddPipelineServices(_database.CountingStatements(counter), files, protector: new SecretProtector(SecretProtector.NewKey()));
        services.AddMassTransitTestHarness(bus => bus.AddAllStages().CountStatementsByStage());
        await using var provider = services.BuildServiceProvider(validateScopes: true);
        var harness = provider.GetRequiredService<ITestHarness>();
        await harness.Start();
        try
        {
            // The first day fills the catalog cache and the pool; the second is the day every later one looks like.
            var first = await BookAsync(harness, files, consumerId, "2025-03-13");
            var firstCounts = counter.Snapshot();
            counter.Reset();
            var second = await BookAsync(harness, files, consumerId, "2025-03-14");
            var counts = counter.Snapshot();

            Assert.That((first.Status, second.Status), Is.EqualTo((ExecutionStatus.Success, ExecutionStatus.Success)), second.ErrorMessage);
            var measured = Expected.Keys.ToDictionary(stage => stage, counts.StatementsIn);
            Assert.That(measured, Is.EqualTo(Expected), "statements per stage: " + string.Join(", ", measured.Select(m => $"{m.Key} {m.Value}")));
            Assert.That(counts.TotalPragmas, Is.Zero, "a pooled connection sends no PRAGMA before the statements");
            if (engine == StorageEngine.Sqlite)
                Assert.That(firstCounts.TotalPragmas, Is.LessThan(firstCounts.Statements.Values.Sum()),
                    "PRAGMAs run once per physical connection, not once per statement");
            // Fewer round trips, the same story: every call's request row, every event, in the order they happened.
            Assert.That(await OperationsAsync(consumerId, first), Is.EqualTo(new[] { "catalog", "day", "post-entry" }));
            Assert.That(await OperationsAsync(consumerId, second), Is.EqualTo(new[] { "day", "post-entry" }), "the catalog is cached");
            var events = await new ExecutionLog(_database, TimeProvider.System).EventsAsync(second.ExecutionId, CancellationToken.None);
            Assert.That(events.Select(e => (e.Stage, e.Message.Split(' ')[0])), Is.EqualTo(new[]
            {
                (Stage.Ingest, "Run"), (Stage.Ingest, "Fetched"), (Stage.Reconcile, "Entry"), (Stage.Export, "Entry"),
            }), string.Join(Environment.NewLine, events.Select(e => $"{e.Stage}: {e.Message}")));
            Assert.That((second.Tolerance, second.BookingMode), Is.EqualTo((config.Settings.Tolerance, "net")),
                "the settings the run was judged with, recorded with the reconciliation's hand-off");
            var snapshot = await new DayArchive(_database, TimeProvider.System).DayAsync(new DayKey(consumerId, "loc-1", second.BusinessDate),
                CancellationToken.None);
            Assert.That(snapshot, Does.Contain("\"orders\""), "the day's snapshot, kept with the ingest stage's hand-off");
        }
        finally
        {
            await harness.Stop();
        }
    }

    /// <summary>The operations of the run's connector calls, in the order they were made.</summary>
    private async Task<IEnumerable<string>> OperationsAsync(string consumerId, ExecutionRecord run) =>
        (await new RequestLog(_database).ListAsync(consumerId, null, run.ExecutionId, 10, CancellationToken.None))
        .Reverse().Select(r => r.Operation);

    private async Task<ExecutionRecord> BookAsync(ITestHarness harness, FileConnectorOptions files, string consumerId, string date)
    {
        var day = BookingScenarios.S01Day(date, "loc-1");
        var path = FolderPosConnector.DayPath(files.PosFolder, consumerId, day.LocationId, day.BusinessDate);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, ServiceDayWriter.Write(day));
        var run = TestWorld.Run(consumerId, date);
        await harness.Bus.Publish(new SyncServiceDay { Run = run });
        // ServiceDayBooked leaves the export stage's outbox once the stage is done: nothing of the day is still on its way.
        var booked = await harness.Published.Any<ServiceDayBooked>(m => m.Context.Message.Run.ExecutionId == run.ExecutionId);
        Assert.That(booked, Is.True, $"{run} was not booked");
        return (await new ExecutionLog(_database, TimeProvider.System).GetAsync(run.ExecutionId, CancellationToken.None))!;
    }
}
