using Microsoft.SqlServer.TransactSql.ScriptDom;
using PosSync.Testing.Sql;

namespace PosSync.Deploy.Tests.Grafana;

/// <summary>
/// Walks a parsed query and names every table and column it reads that the migrations do not
/// create: each table must be one of the views, each column must be a column of a table in scope
/// (its own SELECT's, or an enclosing one's for a correlated sub-query), through its alias when it
/// has one, or a name the SELECT gives (for ORDER BY). Date parts (DATEADD(minute, ...)) parse as
/// column names and are not checked.
/// </summary>
public sealed class QueryNameCheck(IReadOnlyDictionary<string, ViewDefinition> views) : TSqlFragmentVisitor
{
    private static readonly string[] DatePartFunctions = ["DATEADD", "DATEDIFF", "DATEDIFF_BIG", "DATEPART", "DATENAME", "DATETRUNC", "DATE_BUCKET"];

    private readonly Stack<Scope> _scopes = new();
    private readonly HashSet<TSqlFragment> _dateParts = new(ReferenceEqualityComparer.Instance);

    public List<string> Problems { get; } = [];

    public static IReadOnlyList<string> Check(TSqlScript script, IReadOnlyDictionary<string, ViewDefinition> views)
    {
        var statements = script.Batches.SelectMany(b => b.Statements).ToList();
        if (statements is not [SelectStatement])
            return [$"a dashboard query is one SELECT, not {string.Join(", ", statements.Select(s => s.GetType().Name))}"];
        var check = new QueryNameCheck(views);
        script.Accept(check);
        return check.Problems;
    }

    public override void ExplicitVisit(QuerySpecification node)
    {
        var scope = new Scope();
        foreach (var table in node.FromClause?.TableReferences ?? []) Collect(table, scope);
        scope.SelectNames.UnionWith(
            node.SelectElements.OfType<SelectScalarExpression>().Where(e => e.ColumnName is not null).Select(e => e.ColumnName.Value));
        _scopes.Push(scope);
        base.ExplicitVisit(node);
        _scopes.Pop();
    }

    public override void Visit(FunctionCall node)
    {
        if (DatePartFunctions.Contains(node.FunctionName.Value, StringComparer.OrdinalIgnoreCase) && node.Parameters.Count > 0)
            _dateParts.Add(node.Parameters[0]);
    }

    public override void Visit(ColumnReferenceExpression node)
    {
        if (node.ColumnType != ColumnType.Regular || _dateParts.Contains(node)) return;
        var parts = node.MultiPartIdentifier.Identifiers.Select(i => i.Value).ToList();
        var column = parts[^1];
        var found = parts.Count == 1
            ? _scopes.Any(s => s.SelectNames.Contains(column) || s.Tables.Any(t => t.Has(column)))
            : _scopes.SelectMany(s => s.Tables).FirstOrDefault(t => t.Name.Equals(parts[^2], StringComparison.OrdinalIgnoreCase)) is { } table
              && (table.Columns is null || table.Has(column));
        if (!found) Problems.Add($"line {node.StartLine}: {string.Join(".", parts)} is not a column of {Describe()}");
    }

    private void Collect(TableReference table, Scope scope)
    {
        switch (table)
        {
            case NamedTableReference named:
                var name = SqlServerMigrations.TwoPartName(named.SchemaObject);
                var alias = named.Alias?.Value ?? named.SchemaObject.BaseIdentifier.Value;
                if (views.TryGetValue(name, out var view)) scope.Tables.Add(new Source(alias, name, view.Columns));
                else
                {
                    Problems.Add($"line {named.StartLine}: reads {name}, which no migration creates as a view");
                    scope.Tables.Add(new Source(alias, name, null));
                }
                break;
            case QueryDerivedTable derived:
                scope.Tables.Add(new Source(derived.Alias.Value, "(sub-query)", SelectColumns.Of(derived.QueryExpression)));
                break;
            case QualifiedJoin join:
                Collect(join.FirstTableReference, scope);
                Collect(join.SecondTableReference, scope);
                break;
            case UnqualifiedJoin join:
                Collect(join.FirstTableReference, scope);
                Collect(join.SecondTableReference, scope);
                break;
            case JoinParenthesisTableReference parenthesis:
                Collect(parenthesis.Join, scope);
                break;
            default:
                Problems.Add($"line {table.StartLine}: reads a {table.GetType().Name}, which this check does not know");
                break;
        }
    }

    private string Describe() => _scopes.Count == 0 ? "anything (outside any SELECT)"
        : string.Join(", ", _scopes.SelectMany(s => s.Tables).Select(t => t.Name == t.View ? t.View : $"{t.View} AS {t.Name}"));

    private sealed class Scope
    {
        public List<Source> Tables { get; } = [];
        public HashSet<string> SelectNames { get; } = new(StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>A table in a FROM clause: the name it goes by, what it reads, its columns (null when unknown, already reported).</summary>
    private sealed record Source(string Name, string View, IReadOnlyList<string>? Columns)
    {
        public bool Has(string column) => Columns?.Contains(column, StringComparer.OrdinalIgnoreCase) == true;
    }
}
