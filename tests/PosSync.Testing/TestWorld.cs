using System.Text.Json;
using Microsoft.Data.Sqlite;
using PosSync.Connectors.Files;
using PosSync.Contracts;
using PosSync.Domain.Configuration;
using PosSync.Domain.Days;
using PosSync.Domain.Enablement;
using PosSync.Storage;
using PosSync.Storage.Migrations;
using PosSync.Storage.Stores;

namespace PosSync.Testing;

/// <summary>
/// A throw-away PosSync data folder: a real SQLite file with the schema applied, the folder POS's
/// exports and the JSON target's entries, and the stores to read what the pipeline did.
/// </summary>
public sealed class TestWorld : IDisposable
{
    private TestWorld(string folder, TimeSpan? lockTimeout)
    {
        Folder = folder;
        Database = Database.SqliteFile(folder, lockTimeout);
        Files = new FileConnectorOptions
        {
            PosFolder = Path.Combine(folder, "pos"),
            EntriesFolder = Path.Combine(folder, "accounting"),
            FecFolder = Path.Combine(folder, "fec")
        };
        Consumers = new ConsumerStore(Database, TimeProvider.System);
        Ledger = new DayLedger(Database, TimeProvider.System);
        Executions = new ExecutionLog(Database, TimeProvider.System);
        Requests = new RequestLog(Database);
        // The same key file the embedded default keeps (SecretKeys.FileName), so possync run on this folder reads these credentials.
        var key = SecretProtector.NewKey();
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "secrets.key"), Convert.ToBase64String(key));
        Protector = new SecretProtector(key);
        Connections = new ConnectionStore(Database, Protector, TimeProvider.System);
    }

    public SecretProtector Protector { get; }
    public ConnectionStore Connections { get; }

    public string Folder { get; }
    /// <summary>The SQLite file itself, for tests that hold it locked as another process would.</summary>
    public string DatabaseFile => Path.Combine(Folder, "possync.db");
    public Database Database { get; }
    public FileConnectorOptions Files { get; }
    public ConsumerStore Consumers { get; }
    public DayLedger Ledger { get; }
    public ExecutionLog Executions { get; }
    public RequestLog Requests { get; }

    /// <param name="lockTimeout">How long a statement waits for a lock held elsewhere; short, to see a locked database fail fast.</param>
    public static async Task<TestWorld> CreateAsync(TimeSpan? lockTimeout = null)
    {
        var world = new TestWorld(Path.Combine(Path.GetTempPath(), "possync-test-" + Guid.NewGuid().ToString("N")), lockTimeout);
        await MigrationRunner.ApplyAsync(world.Database, CancellationToken.None);
        return world;
    }

    /// <summary>CFG-A booking from the POS folder into the JSON file target, under the given id.</summary>
    public async Task<ConsumerConfiguration> AddConsumerAsync(
        string consumerId = "c-brasserie",
        Action<System.Text.Json.Nodes.JsonObject>? change = null)
    {
        var config = ReferenceConfiguration.Load(c =>
        {
            c["consumer_id"] = consumerId;
            c["pos"]!["connector"] = "folder";
            c["accounting"]!["connector"] = "json-file";
            change?.Invoke(c);
        });
        await Consumers.SaveAsync(config, CancellationToken.None);
        return config;
    }

    public void ExportDay(string consumerId, ServiceDay day)
    {
        var path = FolderPosConnector.DayPath(Files.PosFolder, consumerId, day.LocationId, day.BusinessDate);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, ServiceDayWriter.Write(day));
    }

    public void ExportCatalog(string consumerId, PosCatalog catalog)
    {
        var path = FolderPosConnector.CatalogPath(Files.PosFolder, consumerId);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, JsonSerializer.Serialize(new
        {
            payment_methods = catalog.PaymentMethods.Select(p => new { id = p.Id, name = p.Name }),
            categories = catalog.Categories.Select(c => new { id = c.Id, name = c.Name }),
            vat_rates = catalog.VatRates,
        }));
    }

    /// <summary>The live entries the JSON target holds for a consumer (removed ones set aside are not counted).</summary>
    public IReadOnlyList<string> BookedEntryFiles(string consumerId)
    {
        var folder = Path.Combine(Files.EntriesFolder, consumerId);
        return Directory.Exists(folder) ? Directory.GetFiles(folder, "*.json").Order().ToList() : [];
    }

    public static DayRun Run(string consumerId, string date, string location = "loc-1", DayTrigger trigger = DayTrigger.Manual) => new()
    {
        ExecutionId = Guid.NewGuid(),
        ConsumerId = consumerId,
        LocationId = location,
        BusinessDate = DateOnly.Parse(date),
        Trigger = trigger,
    };

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(Folder)) Directory.Delete(Folder, recursive: true);
    }
}
