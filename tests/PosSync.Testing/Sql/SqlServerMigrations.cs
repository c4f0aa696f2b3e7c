using Microsoft.SqlServer.TransactSql.ScriptDom;
using PosSync.Storage;
using PosSync.Storage.Migrations;

namespace PosSync.Testing.Sql;

/// <summary>
/// What the SQL Server migrations create, read from the scripts with Microsoft's T-SQL parser (no
/// SQL Server runs on the build machines): every statement, in order, and the views left in place
/// once every script ran (a view dropped and created again by a later script has its later columns).
/// </summary>
public sealed class SqlServerMigrations
{
    private SqlServerMigrations(IReadOnlyList<MigrationStatement> statements, IReadOnlyDictionary<string, ViewDefinition> views)
    {
        Statements = statements;
        Views = views;
    }

    public IReadOnlyList<MigrationStatement> Statements { get; }

    /// <summary>By two-part name (ops.v_executions), case-insensitive as SQL Server's default collation.</summary>
    public IReadOnlyDictionary<string, ViewDefinition> Views { get; }

    public static SqlServerMigrations Read()
    {
        var statements = new List<MigrationStatement>();
        var views = new Dictionary<string, ViewDefinition>(StringComparer.OrdinalIgnoreCase);
        foreach (var migration in MigrationRunner.Scripts(StorageEngine.SqlServer))
        {
            var name = $"{migration.Version:0000}_{migration.Name}";
            foreach (var batch in migration.Batches())
            {
                var script = (TSqlScript)new TSql160Parser(initialQuotedIdentifiers: true).Parse(new StringReader(batch), out var errors);
                if (errors.Count > 0)
                    throw new InvalidOperationException($"{name}: {string.Join("; ", errors.Select(e => $"line {e.Line}: {e.Message}"))}");
                foreach (var statement in script.Batches.SelectMany(b => b.Statements))
                {
                    var parsed = new MigrationStatement(name, statement);
                    statements.Add(parsed);
                    switch (statement)
                    {
                        case ViewStatementBody view:
                            var viewName = TwoPartName(view.SchemaObjectName);
                            var columns = view.Columns.Count > 0
                                ? view.Columns.Select(c => c.Value).ToList()
                                : SelectColumns.Of(view.SelectStatement.QueryExpression);
                            views[viewName] = new ViewDefinition(viewName, columns, parsed);
                            break;
                        case DropViewStatement drop:
                            foreach (var dropped in drop.Objects) views.Remove(TwoPartName(dropped));
                            break;
                    }
                }
            }
        }
        return new SqlServerMigrations(statements, views);
    }

    public static string TwoPartName(SchemaObjectName name) => $"{name.SchemaIdentifier?.Value ?? "dbo"}.{name.BaseIdentifier.Value}";
}
