using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace PosSync.Deploy.Tests.Grafana;

/// <summary>
/// A dashboard query as SQL Server receives it: variables interpolated by Grafana's front end, then macros by the MSSQL
/// data source, then parsed.
/// </summary>
public static class GrafanaSql
{
    public static string Expand(string sql, GrafanaDashboard dashboard, VariableSelection selection) =>
        MssqlMacros.Expand(TemplateInterpolation.Expand(sql, dashboard.Variables, selection));

    public static TSqlScript Parse(string sql, out IList<ParseError> errors) =>
        (TSqlScript)new TSql160Parser(initialQuotedIdentifiers: true).Parse(new StringReader(sql), out errors);

    /// <summary>The names of the columns a panel's query returns, which its links and field overrides refer to.</summary>
    public static IReadOnlyList<string> ResultColumns(string sql, GrafanaDashboard dashboard)
    {
        var script = Parse(Expand(sql, dashboard, VariableSelection.OneValue), out _);
        var select = script.Batches.SelectMany(b => b.Statements).OfType<SelectStatement>().Single();
        return PosSync.Testing.Sql.SelectColumns.Of(select.QueryExpression);
    }
}
