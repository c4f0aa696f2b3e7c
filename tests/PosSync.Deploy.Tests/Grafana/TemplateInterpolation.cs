using System.Text.RegularExpressions;

namespace PosSync.Deploy.Tests.Grafana;

/// <summary>
/// What Grafana's front end does to a SQL query before sending it (templateSrv.replace with the SQL
/// data sources' interpolateVariable): a single-value variable is inserted with its quotes doubled
/// but not quoted; a multi-value or "All" variable becomes its values, each quoted, joined by
/// commas; ${var:sqlstring} quotes each value, ${var:csv} joins them, ${var:raw} inserts them as
/// they are; "All" with a custom allValue inserts that value unformatted. $__interval becomes the
/// interval ("5m"); the $__macros are left for the data source (<see cref="MssqlMacros"/>).
/// </summary>
public static partial class TemplateInterpolation
{
    public const string Interval = "5m";

    public static string Expand(string sql, IReadOnlyList<DashboardVariable> variables, VariableSelection selection)
    {
        var problems = new List<string>();
        var expanded = Variable().Replace(sql, match =>
        {
            var name = new[] { 1, 2, 4 }.Select(g => match.Groups[g]).First(g => g.Success).Value;
            var format = match.Groups[3].Success ? match.Groups[3].Value : match.Groups[6].Success ? match.Groups[6].Value : null;
            if (name.StartsWith("__", StringComparison.Ordinal)) return BuiltIn(name, match.Value, problems);
            var variable = variables.FirstOrDefault(v => v.Name == name);
            if (variable is null)
            {
                problems.Add($"${name} is not a variable of the dashboard");
                return match.Value;
            }
            return Format(variable, selection, format, problems);
        });
        if (problems.Count > 0) throw new InvalidOperationException(string.Join("; ", problems));
        return expanded;
    }

    private static string BuiltIn(string name, string written, List<string> problems)
    {
        switch (name)
        {
            case "__interval": return Interval;
            case "__interval_ms": return "300000";
            case "__from": return "1740787200000";
            case "__to": return "1741392000000";
        }
        // A data source macro ($__timeFilter(...)): Grafana's front end knows no such variable and leaves it.
        if (MssqlMacros.Names.Contains(name)) return written;
        problems.Add($"{written} is neither a Grafana variable nor an MSSQL macro");
        return written;
    }

    private static string Format(DashboardVariable variable, VariableSelection selection, string? format, List<string> problems)
    {
        var all = selection == VariableSelection.All && variable.IncludeAll;
        if (all && variable.AllValue is not null) return variable.AllValue;
        IReadOnlyList<string> values = all ? variable.SampleValues
            : selection == VariableSelection.TwoValues && variable.Multi ? variable.SampleValues.Take(2).ToList()
            : [variable.SampleValues[0]];
        var asList = variable.Multi || variable.IncludeAll;
        switch (format)
        {
            case null when asList:
            case "sqlstring":
                return string.Join(",", values.Select(Quote));
            case null:
                return values[0].Replace("'", "''", StringComparison.Ordinal);
            case "csv":
                return string.Join(",", values);
            case "raw":
                return string.Join(",", values);
            default:
                problems.Add($"${{{variable.Name}:{format}}}: the format {format} is not modelled here");
                return "";
        }
    }

    private static string Quote(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";

    /// <summary>Grafana's variable syntaxes: $name, [[name:format]], ${name.field:format} (its templateSrv's own pattern).</summary>
    [GeneratedRegex(@"\$(\w+)|\[\[(\w+?)(?::(\w+))?\]\]|\$\{(\w+)(?:\.([^:^\}]+))?(?::([^\}]+))?\}")]
    private static partial Regex Variable();
}
