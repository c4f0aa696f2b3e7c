using Dapper;
using PosSync.Storage.Migrations;

namespace PosSync.Storage.Tests;

/// <summary>
/// The embedded store shared by several worker processes on one machine (README: supported): every
/// worker migrates at start, so migrations started at the same moment must apply each script once
/// and let every starter go on.
/// </summary>
public class SharedSqliteFileTests
{
    [Test]
    public async Task Workers_that_start_together_on_a_new_file_each_migrate_without_failing()
    {
        var folder = Path.Combine(Path.GetTempPath(), "possync-shared-" + Guid.NewGuid().ToString("N"));
        try
        {
            // A Database per starter, as each worker process has its own.
            var starters = Enumerable.Range(0, 4).Select(_ => Database.SqliteFile(folder)).ToList();

            var applied = await Task.WhenAll(starters.Select(d => Task.Run(() => MigrationRunner.ApplyAsync(d, CancellationToken.None))));

            var all = applied.SelectMany(a => a).ToList();
            Assert.That(
                all,
                Is.EquivalentTo(MigrationRunner.Scripts(StorageEngine.Sqlite).Select(m => $"{m.Version:0000}_{m.Name}")),
                "each script applied once in all");
            await using var connection = await starters[0].OpenAsync(CancellationToken.None);
            Assert.That(await connection.ExecuteScalarAsync<string>("PRAGMA journal_mode"), Is.EqualTo("wal"));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }
}
