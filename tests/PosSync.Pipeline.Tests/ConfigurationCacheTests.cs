using PosSync.Contracts;
using PosSync.Domain.Configuration;
using PosSync.Storage;
using PosSync.Storage.Counting;
using PosSync.Storage.Stores;
using PosSync.Testing;

namespace PosSync.Pipeline.Tests;

/// <summary>
/// A stage reads the consumer's configuration only when its version changed: a change applied
/// (`consumers apply` saves it, a reconnect flags a connection) is seen on the very next read of
/// the version, which every stage makes as it enters a day; an unchanged one costs no statement.
/// </summary>
public class ConfigurationCacheTests
{
    private TestDatabase _test = null!;
    private Database _database = null!;

    [SetUp]
    public async Task CreateDatabase()
    {
        _test = await TestDatabase.CreateAsync(StorageEngine.Sqlite, "config-cache");
        _database = _test.Database;
    }

    [TearDown]
    public void DeleteFolder() => _test?.Dispose();

    [Test]
    public async Task The_configuration_is_read_again_only_after_a_change_counted_its_version_up()
    {
        var counter = new StatementCounter();
        var counted = _database.CountingStatements(counter);
        // One clock reading for every save: the version, not the time, tells a change.
        var store = new ConsumerStore(_database, new FixedClock(new DateTimeOffset(2025, 3, 14, 9, 0, 0, TimeSpan.Zero)));
        var cache = new ConfigurationCache(new ConsumerStore(counted, TimeProvider.System));
        var log = new ExecutionLog(_database, TimeProvider.System);
        var config = ReferenceConfiguration.Load(c => c["consumer_id"] = "c-cache");
        await store.SaveAsync(config, CancellationToken.None);
        var run = TestWorld.Run("c-cache", "2025-03-14");

        var first = await cache.GetAsync("c-cache", await VersionAsync(), CancellationToken.None);
        var again = await cache.GetAsync("c-cache", await VersionAsync(), CancellationToken.None);
        Assert.That((first, counter.Snapshot().StatementsIn(StatementCounter.Unscoped)), Is.EqualTo((again, 1L)),
            "the unchanged configuration is read once");

        await store.SaveAsync(config with { Settings = config.Settings with { Tolerance = 0.37m } }, CancellationToken.None);
        var changed = await cache.GetAsync("c-cache", await VersionAsync(), CancellationToken.None);
        Assert.That(changed!.Settings.Tolerance, Is.EqualTo(0.37m));

        await store.SetConnectionStatusAsync("c-cache", ConnectorRole.Pos, ConnectionStatus.NeedsReconnect, CancellationToken.None);
        var flagged = await cache.GetAsync("c-cache", await VersionAsync(), CancellationToken.None);
        Assert.That((flagged!.Pos!.Status, counter.Snapshot().StatementsIn(StatementCounter.Unscoped)),
            Is.EqualTo((ConnectionStatus.NeedsReconnect, 3L)), "each change read once");
        Assert.That(await cache.GetAsync("c-unknown", null, CancellationToken.None), Is.Null, "no version: no such consumer");

        async Task<long?> VersionAsync() => (await log.EnterStageAsync(run, Stage.Ingest, CancellationToken.None)).ConfigVersion;
    }
}
