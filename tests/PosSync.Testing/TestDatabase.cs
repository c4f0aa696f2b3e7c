using PosSync.Storage;
using PosSync.Storage.Migrations;

namespace PosSync.Testing;

/// <summary>
/// A migrated database for one test on the engine asked for: a throw-away SQLite file always; on SQL
/// Server only when POSSYNC_TEST_SQLSERVER holds a connection string (the test is ignored otherwise,
/// saying so). Disposing deletes the SQLite folder.
/// </summary>
public sealed class TestDatabase : IDisposable
{
    private readonly string _folder;

    private TestDatabase(string folder, Database database)
    {
        _folder = folder;
        Database = database;
    }

    public Database Database { get; }

    /// <summary>A folder beside the database for what the test writes besides it (the folder POS's exports, entries).</summary>
    public string Folder => _folder;

    /// <param name="name">A word for the temporary folder's name, to tell a leftover folder's test.</param>
    public static async Task<TestDatabase> CreateAsync(StorageEngine engine, string name)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"possync-{name}-" + Guid.NewGuid().ToString("N"));
        Database database;
        if (engine == StorageEngine.SqlServer)
        {
            var connectionString = Environment.GetEnvironmentVariable("POSSYNC_TEST_SQLSERVER");
            if (string.IsNullOrWhiteSpace(connectionString))
                Assert.Ignore("set POSSYNC_TEST_SQLSERVER to a connection string to run this test on SQL Server");
            database = Database.SqlServer(connectionString);
        }
        else
        {
            database = Database.SqliteFile(folder);
        }
        await MigrationRunner.ApplyAsync(database, CancellationToken.None);
        return new TestDatabase(folder, database);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }
}
