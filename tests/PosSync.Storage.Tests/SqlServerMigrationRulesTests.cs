using Microsoft.SqlServer.TransactSql.ScriptDom;
using PosSync.Testing.Sql;

namespace PosSync.Storage.Tests;

/// <summary>
/// Rules every SQL Server migration keeps so the schema holds in production, checked on the parsed
/// scripts: Babelfish for PostgreSQL (which Aurora users run instead of SQL Server) accepts them,
/// no view breaks on a long run, and Grafana's reader role sees the support views and nothing else.
/// </summary>
public class SqlServerMigrationRulesTests
{
    public const string ReaderRole = "possync_support_reader";

    private static readonly SqlServerMigrations Migrations = SqlServerMigrations.Read();

    [Test]
    public void Every_ALTER_TABLE_ADD_adds_one_column_or_constraint_as_Babelfish_requires()
    {
        var several = Migrations.Statements
            .Where(s => s.Statement is AlterTableAddTableElementStatement add && ElementsAdded(add) != 1)
            .Select(s => $"{s.Migration}: {s.Text}");

        Assert.That(several, Is.Empty);
    }

    [Test]
    public void The_Babelfish_rule_does_catch_two_columns_in_one_ADD()
    {
        var script = (TSqlScript)new TSql160Parser(true).Parse(new StringReader("ALTER TABLE ops.t ADD a int NULL, b int NULL;"), out _);
        var add = (AlterTableAddTableElementStatement)script.Batches[0].Statements[0];

        Assert.That(ElementsAdded(add), Is.EqualTo(2));
    }

    [Test]
    public void Views_measure_durations_with_DATEDIFF_BIG_so_a_long_run_never_overflows()
    {
        var finer = new DateDiffs();
        foreach (var view in Migrations.Views.Values) view.Source.Statement.Accept(finer);

        Assert.That(finer.IntegerMilliseconds, Is.Empty, "DATEDIFF returns an int: milliseconds overflow past about 24 days (error 535)");
        Assert.That(Migrations.Views["ops.v_executions"].Source.Text, Does.Contain("DATEDIFF_BIG(millisecond"));
    }

    [Test]
    public void The_reader_role_may_select_every_view_in_force_and_nothing_else()
    {
        var security = new SecurityStatements();
        var order = new List<(int Index, GrantStatement Grant)>();
        for (var i = 0; i < Migrations.Statements.Count; i++)
        {
            var found = new SecurityStatements();
            Migrations.Statements[i].Statement.Accept(found);
            security.Roles.AddRange(found.Roles);
            security.Logins.AddRange(found.Logins);
            order.AddRange(found.Grants.Select(g => (i, g)));
        }
        var toReader = order.Where(g => g.Grant.Principals.Any(p => p.Identifier?.Value == ReaderRole)).ToList();

        Assert.That(security.Roles, Does.Contain(ReaderRole));
        Assert.That(security.Logins, Is.Empty, "no login, user or password in a migration: an operator creates them (README)");
        Assert.That(toReader.Select(g => Describe(g.Grant)), Is.All.Matches<string>(d => d.StartsWith("SELECT ON ops.v_", StringComparison.Ordinal)));
        foreach (var view in Migrations.Views.Values)
        {
            // Dropping a view drops its grants: the grant must come after the view's last CREATE.
            var created = Migrations.Statements.ToList().IndexOf(view.Source);
            Assert.That(
                toReader.Any(g => g.Index > created && Describe(g.Grant) == $"SELECT ON {view.Name}"),
                Is.True,
                $"{view.Name} is granted to {ReaderRole}");
        }
    }

    private static int ElementsAdded(AlterTableAddTableElementStatement add) =>
        add.Definition.ColumnDefinitions.Count + add.Definition.TableConstraints.Count + add.Definition.Indexes.Count
        + (add.Definition.SystemTimePeriod is null ? 0 : 1);

    private static string Describe(GrantStatement grant) =>
        $"{string.Join(", ", grant.Permissions.Select(p => string.Join(" ", p.Identifiers.Select(i => i.Value.ToUpperInvariant()))))} ON "
        + string.Join(".", grant.SecurityTargetObject?.ObjectName?.MultiPartIdentifier.Identifiers.Select(i => i.Value) ?? ["(database)"]);

    private sealed class DateDiffs : TSqlFragmentVisitor
    {
        private static readonly string[] Finer = ["millisecond", "ms", "microsecond", "mcs", "nanosecond", "ns"];

        public List<string> IntegerMilliseconds { get; } = [];

        public override void Visit(FunctionCall node)
        {
            if (node.FunctionName.Value.Equals("DATEDIFF", StringComparison.OrdinalIgnoreCase)
                && node.Parameters.FirstOrDefault() is ColumnReferenceExpression unit
                && Finer.Contains(unit.MultiPartIdentifier.Identifiers[^1].Value, StringComparer.OrdinalIgnoreCase))
                IntegerMilliseconds.Add($"line {node.StartLine}");
        }
    }

    private sealed class SecurityStatements : TSqlFragmentVisitor
    {
        public List<string> Roles { get; } = [];
        public List<string> Logins { get; } = [];
        public List<GrantStatement> Grants { get; } = [];

        public override void Visit(CreateRoleStatement node) => Roles.Add(node.Name.Value);
        public override void Visit(CreateLoginStatement node) => Logins.Add(node.Name.Value);
        public override void Visit(CreateUserStatement node) => Logins.Add(node.Name.Value);
        public override void Visit(GrantStatement node) => Grants.Add(node);
    }
}
