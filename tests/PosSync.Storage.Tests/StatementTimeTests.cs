using System.Diagnostics;
using Dapper;
using Microsoft.Data.Sqlite;
using PosSync.Storage.Counting;

namespace PosSync.Storage.Tests;

/// <summary>
/// The counting connection also says how long the database took, under the scope each statement
/// ran in: what <c>possync bench pipeline</c> reports as each stage's time in the database.
/// </summary>
public class StatementTimeTests
{
    private string _folder = null!;

    [SetUp]
    public void Folder() => _folder = Path.Combine(Path.GetTempPath(), "possync-statement-time-" + Guid.NewGuid().ToString("N"));

    [TearDown]
    public void Delete()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    [Test]
    public async Task The_time_of_each_statement_counts_under_its_scope_and_never_more_than_the_time_it_took()
    {
        var counter = new StatementCounter();
        var database = Database.SqliteFile(_folder).CountingStatements(counter);
        TimeSpan wall;
        await using (var connection = await database.OpenAsync(CancellationToken.None))
        {
            var watch = Stopwatch.StartNew();
            using (StatementCounter.Within("export"))
            {
                // A statement that works a little: counting to 100,000 in a recursive query.
                await connection.ExecuteScalarAsync<long>(
                    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100000) SELECT count(*) FROM n");
                await connection.QueryAsync<long>("SELECT 1");
            }
            wall = watch.Elapsed;
        }

        var counts = counter.Snapshot();
        Assert.That(counts.TimeIn("export"), Is.GreaterThan(TimeSpan.Zero).And.LessThanOrEqualTo(wall));
        Assert.That(counts.TimeIn("ingest"), Is.EqualTo(TimeSpan.Zero), "nothing ran under ingest");
        counter.Reset();
        Assert.That(counter.Snapshot().TimeIn("export"), Is.EqualTo(TimeSpan.Zero));
    }
}
