using PosSync.Deploy.Tests.Grafana;

namespace PosSync.Deploy.Tests;

/// <summary>The model of Grafana's expansion the dashboard tests rely on, held to what Grafana's MSSQL data source does.</summary>
public class GrafanaInterpolationTests
{
    private static readonly DashboardVariable Single = new("consumer", "query", false, false, null, ["c-l'ami"], null);
    private static readonly DashboardVariable Multi = new("location", "query", true, true, null, ["1001", "1002"], null);
    private static readonly DashboardVariable Codes = new("status_code", "custom", true, true, "-1", ["401", "403"], null);
    private static readonly DashboardVariable[] Variables = [Single, Multi, Codes];

    [TestCase(
        "id = '$consumer'",
        VariableSelection.OneValue,
        "id = 'c-l''ami'",
        TestName = "A single-value variable is inserted unquoted, its quotes doubled")]
    [TestCase(
        "id IN ($location)",
        VariableSelection.TwoValues,
        "id IN ('1001','1002')",
        TestName = "A multi-value variable becomes its values, each quoted")]
    [TestCase("id IN ($location)", VariableSelection.All, "id IN ('1001','1002')", TestName = "All without an all value is every option, quoted")]
    [TestCase("-1 IN ($status_code)", VariableSelection.All, "-1 IN (-1)", TestName = "All with a custom all value inserts it unformatted")]
    [TestCase("id IN (${consumer:sqlstring})", VariableSelection.OneValue, "id IN ('c-l''ami')", TestName = "sqlstring quotes even a single value")]
    [TestCase(
        "$__timeGroup(at, $__interval)",
        VariableSelection.OneValue,
        "$__timeGroup(at, 5m)",
        TestName = "The interval is inserted, macros left for the data source")]
    public void Grafanas_front_end(string sql, VariableSelection selection, string expected)
    {
        Assert.That(TemplateInterpolation.Expand(sql, Variables, selection), Is.EqualTo(expected));
    }

    [Test]
    public void An_unknown_variable_fails_rather_than_reaching_SQL_Server()
    {
        Assert.That(
            () => TemplateInterpolation.Expand("id = '$consumr'", Variables, VariableSelection.OneValue),
            Throws.InvalidOperationException.With.Message.Contains("$consumr"));
    }

    [TestCase("$__timeFilter(at)", "at BETWEEN '2025-03-01T00:00:00Z' AND '2025-03-08T00:00:00Z'")]
    [TestCase("$__timeFrom() AND $__timeTo()", "'2025-03-01T00:00:00Z' AND '2025-03-08T00:00:00Z'")]
    [TestCase("$__timeGroupAlias(started_at, 5m)", "FLOOR(DATEDIFF(second, '1970-01-01', started_at)/300)*300 AS [time]")]
    [TestCase("$__timeGroup(started_at, '1h')", "FLOOR(DATEDIFF(second, '1970-01-01', started_at)/3600)*3600")]
    public void The_MSSQL_data_sources_macros(string sql, string expected)
    {
        Assert.That(MssqlMacros.Expand(sql), Is.EqualTo(expected));
    }

    [Test]
    public void An_unknown_macro_fails_as_it_does_in_Grafana()
    {
        Assert.That(() => MssqlMacros.Expand("$__timeFiltre(at)"), Throws.InvalidOperationException);
    }
}
