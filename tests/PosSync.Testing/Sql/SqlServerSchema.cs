using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace PosSync.Testing.Sql;

/// <summary>
/// The tables the SQL Server migrations leave once every script ran, read from the parsed scripts
/// (no SQL Server on the build machines): by name without the ops schema, as SQLite names them.
/// </summary>
public static class SqlServerSchema
{
    public static IReadOnlyDictionary<string, TableShape> Read(SqlServerMigrations migrations)
    {
        var tables = new Dictionary<string, TableShape>(StringComparer.OrdinalIgnoreCase);
        foreach (var statement in migrations.Statements)
        {
            var changes = new TableChanges(tables);
            statement.Statement.Accept(changes);
        }
        return tables;
    }

    private static string Name(SchemaObjectName name) => name.BaseIdentifier.Value;

    private static List<string> Names(IEnumerable<ColumnWithSortOrder> columns) =>
        columns.Select(c => c.Column.MultiPartIdentifier.Identifiers[^1].Value).ToList();

    /// <summary>Applies one statement's changes, wherever it sits (an IF around a CREATE INDEX counts too).</summary>
    private sealed class TableChanges(Dictionary<string, TableShape> tables) : TSqlFragmentVisitor
    {
        public override void Visit(CreateTableStatement node)
        {
            var table = tables[Name(node.SchemaObjectName)] = new TableShape();
            Add(table, node.Definition);
        }

        public override void Visit(AlterTableAddTableElementStatement node) => Add(tables[Name(node.SchemaObjectName)], node.Definition);

        public override void Visit(AlterTableDropTableElementStatement node)
        {
            var table = tables[Name(node.SchemaObjectName)];
            foreach (var element in node.AlterTableDropTableElements)
            {
                if (element.TableElementType == TableElementType.Column) table.Columns.RemoveAll(c => Same(c, element.Name.Value));
                else table.Indexes.Remove(element.Name.Value);
            }
        }

        public override void Visit(DropTableStatement node)
        {
            foreach (var dropped in node.Objects) tables.Remove(Name(dropped));
        }

        public override void Visit(CreateIndexStatement node) =>
            tables[Name(node.OnName)].Indexes[node.Name.Value] = new IndexShape(Names(node.Columns), node.Unique, node.FilterPredicate is not null);

        public override void Visit(DropIndexStatement node)
        {
            foreach (var clause in node.DropIndexClauses.OfType<DropIndexClause>())
                tables[Name(clause.Object)].Indexes.Remove(clause.Index.Value);
        }

        private static void Add(TableShape table, TableDefinition definition)
        {
            foreach (var column in definition.ColumnDefinitions)
            {
                table.Columns.Add(column.ColumnIdentifier.Value);
                foreach (var key in column.Constraints.OfType<UniqueConstraintDefinition>().Where(u => u.IsPrimaryKey))
                    table.Indexes[TableShape.PrimaryKey] = new IndexShape([column.ColumnIdentifier.Value], true, false);
            }
            foreach (var key in definition.TableConstraints.OfType<UniqueConstraintDefinition>())
            {
                var shape = new IndexShape(Names(key.Columns), true, false);
                if (key.IsPrimaryKey) table.Indexes[TableShape.PrimaryKey] = shape;
                else table.Indexes[key.ConstraintIdentifier.Value] = shape;
            }
            foreach (var index in definition.Indexes)
                table.Indexes[index.Name.Value] = new IndexShape(Names(index.Columns), index.Unique, index.FilterPredicate is not null);
        }

        private static bool Same(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
    }
}
