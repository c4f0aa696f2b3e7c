using Dapper;
using Microsoft.Data.Sqlite;
using PosSync.Storage.Counting;

namespace PosSync.Storage.Tests;

/// <summary>
/// busy_timeout and synchronous belong to SQLite's physical connection: set when the provider opens
/// one, they still hold on every pooled open after it, which sends no PRAGMA of its own.
/// </summary>
public class ConnectionPragmaTests
{
    private string _folder = null!;

    [SetUp]
    public void Folder() => _folder = Path.Combine(Path.GetTempPath(), "possync-pragma-" + Guid.NewGuid().ToString("N"));

    [TearDown]
    public void Delete()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    [Test]
    public async Task The_connection_pragmas_are_sent_once_per_physical_connection_and_hold_on_each_pooled_open()
    {
        var counter = new StatementCounter();
        var database = Database.SqliteFile(_folder, TimeSpan.FromSeconds(7)).CountingStatements(counter);

        for (var open = 0; open < 3; open++) await ExpectPragmasSetAsync(database);
        Assert.That(counter.Snapshot().TotalPragmas, Is.EqualTo(2), "busy_timeout and synchronous, once");

        SqliteConnection.ClearAllPools();
        await ExpectPragmasSetAsync(database);
        Assert.That(counter.Snapshot().TotalPragmas, Is.EqualTo(4), "a new physical connection gets them too");
    }

    [Test]
    public async Task The_counter_counts_each_statement_under_the_scope_it_ran_in()
    {
        var counter = new StatementCounter();
        var database = Database.SqliteFile(_folder).CountingStatements(counter);

        await using (var connection = await database.OpenAsync(CancellationToken.None))
        {
            using (StatementCounter.Within("ingest"))
            {
                await connection.ExecuteScalarAsync<long>("SELECT 1");
                await connection.ExecuteAsync("CREATE TABLE t (x INTEGER)");
            }
            await connection.QueryAsync<long>("SELECT x FROM t");
        }

        var counts = counter.Snapshot();
        Assert.That((counts.StatementsIn("ingest"), counts.StatementsIn(StatementCounter.Unscoped)), Is.EqualTo((2L, 1L)));
        Assert.That(counts.PragmasIn(StatementCounter.Unscoped), Is.EqualTo(2), "the first open's PRAGMAs, apart from the statements");
    }

    /// <summary>Reads the pragmas on the provider's own connection, so the reading is not counted.</summary>
    private static async Task ExpectPragmasSetAsync(Database database)
    {
        await using var connection = await database.OpenAsync(CancellationToken.None);
        var sqlite = ((CountingConnection)connection).Inner;
        Assert.That(await sqlite.ExecuteScalarAsync<long>("PRAGMA busy_timeout"), Is.EqualTo(7000));
        Assert.That(await sqlite.ExecuteScalarAsync<long>("PRAGMA synchronous"), Is.EqualTo(1), "1 is NORMAL");
    }
}
