using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace PosSync.Testing.Sql;

/// <summary>The names of the columns a SELECT returns, as SQL Server names them: the alias, else the column's own name.</summary>
public static class SelectColumns
{
    public static IReadOnlyList<string> Of(QueryExpression query) => query switch
    {
        QuerySpecification specification => specification.SelectElements.Select(Name).ToList(),
        BinaryQueryExpression union => Of(union.FirstQueryExpression),
        QueryParenthesisExpression parenthesis => Of(parenthesis.QueryExpression),
        _ => throw new NotSupportedException($"a {query.GetType().Name} as a view's query"),
    };

    private static string Name(SelectElement element) => element switch
    {
        SelectScalarExpression { ColumnName: { } alias } => alias.Value,
        SelectScalarExpression { Expression: ColumnReferenceExpression column } => column.MultiPartIdentifier.Identifiers[^1].Value,
        SelectStarExpression => throw new NotSupportedException("SELECT * in a view: its columns would change with the table's"),
        _ => throw new NotSupportedException($"a column without a name at line {element.StartLine}"),
    };
}
