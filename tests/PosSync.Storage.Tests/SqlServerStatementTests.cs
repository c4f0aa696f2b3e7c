using Microsoft.SqlServer.TransactSql.ScriptDom;
using PosSync.Storage;
using PosSync.Storage.Migrations;
using PosSync.Storage.Sql;

namespace PosSync.Storage.Tests;

/// <summary>
/// No SQL Server runs on the build machines, so every T-SQL text PosSync sends is parsed here with
/// Microsoft's own parser: a typo fails the build, not production.
/// </summary>
public class SqlServerStatementTests
{
    private static IEnumerable<TestCaseData> Statements() => typeof(SqlDialect).GetProperties()
        .Where(p => p.PropertyType == typeof(string) && p.Name != nameof(SqlDialect.MigrationsFolder))
        .Select(p => new TestCaseData((string)p.GetValue(new SqlServerDialect())!).SetName($"SQL Server statement {p.Name} parses"));

    private static IEnumerable<TestCaseData> MigrationBatches() => MigrationRunner.Scripts(StorageEngine.SqlServer)
        .SelectMany(
            m => m.Batches().Select(
                (batch, i) => new TestCaseData(batch).SetName($"SQL Server migration {m.Version:0000}_{m.Name} batch {i + 1} parses")));

    private static IEnumerable<TestCaseData> CarriedCommands() => DialectStatementsTests.CarriedCommands(new SqlServerDialect())
        .Select(c => new TestCaseData(c.Sql).SetName($"SQL Server command {c.Name} parses"));

    [TestCaseSource(nameof(Statements))]
    [TestCaseSource(nameof(CarriedCommands))]
    [TestCaseSource(nameof(MigrationBatches))]
    public void Parses_as_T_SQL(string sql)
    {
        var errors = Parse(sql);

        Assert.That(errors, Is.Empty, string.Join(Environment.NewLine, errors.Select(e => $"line {e.Line}, column {e.Column}: {e.Message}")));
    }

    [Test]
    public void The_parser_does_catch_a_typo()
    {
        Assert.That(Parse("SELECT consumer_id FORM ops.consumers;"), Is.Not.Empty);
    }

    [Test]
    public void Every_dialect_statement_is_checked()
    {
        var count = typeof(SqlDialect).GetProperties().Count(p => p.PropertyType == typeof(string));

        Assert.That(Statements().Count(), Is.EqualTo(count - 1), "every statement but the folder name");
        Assert.That(MigrationBatches().Count(), Is.GreaterThanOrEqualTo(3));
    }

    [Test]
    public void Every_statement_touches_the_ops_schema_only()
    {
        var dialect = new SqlServerDialect();
        var statements = typeof(SqlDialect).GetProperties()
            .Where(p => p.PropertyType == typeof(string) && p.Name != nameof(SqlDialect.MigrationsFolder));
        foreach (var property in statements)
        {
            var visitor = new TableNames();
            Script((string)property.GetValue(dialect)!).Accept(visitor);
            Assert.That(visitor.Schemas, Is.All.EqualTo("ops"), property.Name);
        }
    }

    private static IList<ParseError> Parse(string sql)
    {
        var parser = new TSql160Parser(initialQuotedIdentifiers: true);
        parser.Parse(new StringReader(sql), out var errors);
        return errors;
    }

    private static TSqlFragment Script(string sql) => new TSql160Parser(true).Parse(new StringReader(sql), out _);

    private sealed class TableNames : TSqlFragmentVisitor
    {
        public List<string?> Schemas { get; } = [];
        public override void Visit(NamedTableReference node) => Schemas.Add(node.SchemaObject.SchemaIdentifier?.Value);
    }
}
