using System.Reflection;
using System.Text.RegularExpressions;
using PosSync.Storage.Migrations;
using PosSync.Storage.Sql;

namespace PosSync.Storage.Tests;

/// <summary>
/// Statements both engines read alike are written once (<see cref="SqlDialect"/>); a statement each
/// engine writes itself must really differ, and every SQLite statement must compile against the
/// migrated schema, as <see cref="SqlServerStatementTests"/> parses every SQL Server one.
/// </summary>
public partial class DialectStatementsTests
{
    private static readonly SqlDialect Sqlite = new SqliteDialect();
    private static readonly SqlDialect SqlServer = new SqlServerDialect();

    private static IEnumerable<PropertyInfo> Statements() => typeof(SqlDialect).GetProperties()
        .Where(p => p.PropertyType == typeof(string) && p.Name != nameof(SqlDialect.MigrationsFolder));

    private static IEnumerable<TestCaseData> WrittenPerEngine() => Statements().Where(p => p.GetMethod!.IsAbstract)
        .Select(p => new TestCaseData(p.Name).SetName($"{p.Name} is written per engine because the engines differ"));

    /// <summary>
    /// The commands built at run time: a statement carrying held request rows (<see cref="SqlDialect.Carrying"/>), with
    /// one row, several, and the most one command carries, after statements that end in every way the dialects end them.
    /// </summary>
    public static IEnumerable<(string Name, string Sql)> CarriedCommands(SqlDialect dialect) =>
    [
        ("InsertRequests(1)", dialect.InsertRequests(1)),
        ("held rows alone", dialect.Carrying("", 3)),
        ("InsertEvent carrying 1", dialect.Carrying(dialect.InsertEvent, 1)),
        ("FinishExecutionWithEvent carrying 3", dialect.Carrying(dialect.FinishExecutionWithEvent, 3)),
        ("MarkDayBookedAndFinish carrying 2", dialect.Carrying(dialect.MarkDayBookedAndFinish, 2)),
        ("SaveSnapshotAndHandOver carrying the most", dialect.Carrying(dialect.SaveSnapshotAndHandOver, Stores.HeldRequests.MaxCarried)),
    ];

    [Test]
    public async Task Every_SQLite_command_carrying_request_rows_compiles_against_the_migrated_schema()
    {
        var folder = Path.Combine(Path.GetTempPath(), "possync-statements-" + Guid.NewGuid().ToString("N"));
        var database = Database.SqliteFile(folder);
        try
        {
            await MigrationRunner.ApplyAsync(database, CancellationToken.None);
            await using var connection = await database.OpenAsync(CancellationToken.None);
            foreach (var (name, sql) in CarriedCommands(Sqlite))
            {
                await using var command = connection.CreateCommand();
                command.CommandText = sql;
                Assert.DoesNotThrow(command.Prepare, name);
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    [TestCaseSource(nameof(WrittenPerEngine))]
    public void A_statement_written_per_engine_is_not_one_statement_spelt_twice(string name)
    {
        var property = typeof(SqlDialect).GetProperty(name)!;

        Assert.That(Spelling((string)property.GetValue(Sqlite)!), Is.Not.EqualTo(Spelling((string)property.GetValue(SqlServer)!)),
            "the same statement once the spelling is set aside: write it once in SqlDialect");
    }

    [Test]
    public void The_spelling_check_does_see_a_statement_written_alike()
    {
        Assert.That(Spelling(Sqlite.ListExecutions), Is.EqualTo(Spelling(SqlServer.ListExecutions)));
        Assert.That(Spelling(Sqlite.StartExecutionIfIdle), Is.EqualTo(Spelling(SqlServer.StartExecutionIfIdle)));
        Assert.That(WrittenPerEngine().Count(), Is.LessThan(Statements().Count() / 3), "most statements are written once");
    }

    [Test]
    public async Task Every_SQLite_statement_compiles_against_the_migrated_schema()
    {
        var folder = Path.Combine(Path.GetTempPath(), "possync-statements-" + Guid.NewGuid().ToString("N"));
        var database = Database.SqliteFile(folder);
        try
        {
            await MigrationRunner.ApplyAsync(database, CancellationToken.None);
            await using var connection = await database.OpenAsync(CancellationToken.None);
            foreach (var property in Statements())
            {
                await using var command = connection.CreateCommand();
                command.CommandText = (string)property.GetValue(Sqlite)!;
                Assert.DoesNotThrow(command.Prepare, property.Name);
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Test]
    public async Task The_compile_check_does_catch_a_missing_column()
    {
        var folder = Path.Combine(Path.GetTempPath(), "possync-statements-" + Guid.NewGuid().ToString("N"));
        var database = Database.SqliteFile(folder);
        try
        {
            await MigrationRunner.ApplyAsync(database, CancellationToken.None);
            await using var connection = await database.OpenAsync(CancellationToken.None);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT no_such_column FROM executions";
            Assert.That(command.Prepare, Throws.InstanceOf<Microsoft.Data.Sqlite.SqliteException>());
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>The text with what each engine spells its own way set aside: schema, N'', brackets, TOP/LIMIT, lock hints, ;.</summary>
    private static string Spelling(string sql)
    {
        var text = sql.Replace("ops.", "", StringComparison.Ordinal).Replace("N'", "'", StringComparison.Ordinal)
            .Replace("COUNT_BIG(", "COUNT(", StringComparison.Ordinal).Replace(";", " ", StringComparison.Ordinal);
        text = Brackets().Replace(text, "$1");
        text = TopOrLimit().Replace(text, " ");
        text = LockHints().Replace(text, " ");
        return Whitespace().Replace(text, " ").Trim();
    }

    [GeneratedRegex(@"\[(\w+)\]")]
    private static partial Regex Brackets();

    [GeneratedRegex(@"\bTOP \([^)]*\)|\bLIMIT \S+")]
    private static partial Regex TopOrLimit();

    [GeneratedRegex(@"\bWITH \((?:UPDLOCK|HOLDLOCK|SERIALIZABLE|READPAST|ROWLOCK|, )+\)")]
    private static partial Regex LockHints();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
