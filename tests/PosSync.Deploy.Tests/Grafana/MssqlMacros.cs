using System.Globalization;
using System.Text.RegularExpressions;

namespace PosSync.Deploy.Tests.Grafana;

/// <summary>
/// What Grafana's MSSQL data source does to a query before it reaches SQL Server
/// (pkg/tsdb/mssql/macros.go): every $__macro(args) is replaced, its arguments split on commas and
/// trimmed; an unknown macro fails the query. The time range here is a fixed week.
/// </summary>
public static partial class MssqlMacros
{
    public static readonly IReadOnlySet<string> Names = new HashSet<string>
    {
        "__time", "__timeEpoch", "__timeFilter", "__timeFrom", "__timeTo", "__timeGroup", "__timeGroupAlias",
        "__unixEpochFilter", "__unixEpochNanoFilter", "__unixEpochNanoFrom", "__unixEpochNanoTo", "__unixEpochGroup", "__unixEpochGroupAlias",
    };

    private static readonly DateTimeOffset From = new(2025, 3, 1, 0, 0, 0, TimeSpan.Zero), To = new(2025, 3, 8, 0, 0, 0, TimeSpan.Zero);

    public static string Expand(string sql) => Macro().Replace(sql, match =>
    {
        var args = match.Groups[2].Value.Split(',').Select(a => a.Trim(' ')).ToArray();
        return Evaluate(match.Groups[1].Value, args) ?? throw new InvalidOperationException($"unknown macro {match.Value}");
    });

    private static string? Evaluate(string name, string[] args) => name switch
    {
        "__time" => $"{args[0]} AS time",
        "__timeEpoch" => $"DATEDIFF(second, '1970-01-01', {args[0]}) AS time",
        "__timeFilter" => $"{args[0]} BETWEEN '{Rfc3339(From)}' AND '{Rfc3339(To)}'",
        "__timeFrom" => $"'{Rfc3339(From)}'",
        "__timeTo" => $"'{Rfc3339(To)}'",
        "__timeGroup" => $"FLOOR(DATEDIFF(second, '1970-01-01', {args[0]})/{Seconds(args)})*{Seconds(args)}",
        "__timeGroupAlias" => Evaluate("__timeGroup", args) + " AS [time]",
        "__unixEpochFilter" => $"{args[0]} >= {From.ToUnixTimeSeconds()} AND {args[0]} <= {To.ToUnixTimeSeconds()}",
        "__unixEpochGroup" => $"FLOOR({args[0]}/{Seconds(args)})*{Seconds(args)}",
        "__unixEpochGroupAlias" => Evaluate("__unixEpochGroup", args) + " AS [time]",
        _ => null,
    };

    /// <summary>The interval argument, quoted or not ('5m', 5m, 1h), in seconds, as gtime.ParseInterval reads it.</summary>
    private static string Seconds(string[] args)
    {
        if (args.Length < 2) throw new InvalidOperationException("a time group macro needs a column and an interval");
        var interval = args[1].Trim('\'', '"');
        var match = Interval().Match(interval);
        if (!match.Success) throw new InvalidOperationException($"error parsing interval {args[1]}");
        var amount = long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        var seconds = match.Groups[2].Value switch { "s" => 1, "m" => 60, "h" => 3600, "d" => 86400, _ => 604800 };
        return (amount * seconds).ToString(CultureInfo.InvariantCulture);
    }

    private static string Rfc3339(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Grafana's own macro pattern: $name(arguments up to the first closing parenthesis).</summary>
    [GeneratedRegex(@"\$([_a-zA-Z0-9]+)\(([^\)]*)\)")]
    private static partial Regex Macro();

    [GeneratedRegex(@"^(\d+)(s|m|h|d|w)$")]
    private static partial Regex Interval();
}
