using System.Text.RegularExpressions;
using Dapper;
using PosSync.Storage.Migrations;
using PosSync.Testing.Sql;

namespace PosSync.Storage.Tests;

/// <summary>
/// A migration is a self-contained script per engine, so a view both engines can read alike is
/// written twice; this keeps the two texts the same, schema aside, so they never drift. The views
/// that must differ say why.
/// </summary>
public partial class ViewsWrittenAlikeTests
{
    private static readonly Dictionary<string, string> WrittenPerEngine = new()
    {
        ["v_configuration"] = "JSON_VALUE / json_extract, and STRING_AGG / group_concat",
        ["v_locations"] = "OPENJSON / json_each",
        ["v_mismatches"] = "JSON_VALUE / json_extract",
        ["v_mismatch_orders"] = "OPENJSON / json_each",
        ["v_executions"] = "DATEDIFF_BIG / julianday",
        ["v_configuration_history"] = "written by 0007 with a table alias on SQL Server only",
    };

    private string _folder = null!;
    private Database _database = null!;

    [OneTimeSetUp]
    public async Task Migrate()
    {
        _folder = Path.Combine(Path.GetTempPath(), "possync-alike-" + Guid.NewGuid().ToString("N"));
        _database = Database.SqliteFile(_folder);
        await MigrationRunner.ApplyAsync(_database, CancellationToken.None);
    }

    [OneTimeTearDown]
    public void Delete()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Test]
    public async Task Views_both_engines_read_alike_are_the_same_text_in_both_migrations()
    {
        await using var connection = await _database.OpenAsync(CancellationToken.None);
        var sqlite = (await connection.QueryAsync<(string Name, string Sql)>("SELECT name, sql FROM sqlite_master WHERE type = 'view'"))
            .ToDictionary(v => v.Name, v => Normalise(v.Sql));
        var sqlServer = SqlServerMigrations
            .Read().Views.Values.ToDictionary(v => v.BaseName, v => Normalise(v.Source.Text.Replace("ops.", "", StringComparison.Ordinal)));

        Assert.That(sqlite.Keys, Is.EquivalentTo(sqlServer.Keys), "the same views on both engines");
        foreach (var (name, text) in sqlServer.Where(v => !WrittenPerEngine.ContainsKey(v.Key)))
            Assert.That(sqlite[name], Is.EqualTo(text), $"{name} is written alike in both 0008 scripts");
        foreach (var name in WrittenPerEngine.Keys)
            Assert.That(
                sqlite[name],
                Is.Not.EqualTo(sqlServer[name]),
                $"{name} is listed as written per engine: if it no longer is, take it off the list");
    }

    private static string Normalise(string sql) => Whitespace().Replace(sql, " ").Trim().TrimEnd(';').Trim();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
