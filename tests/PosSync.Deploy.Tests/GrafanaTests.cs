using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.SqlServer.TransactSql.ScriptDom;
using PosSync.Storage;
using PosSync.Storage.Migrations;
using YamlDotNet.RepresentationModel;

namespace PosSync.Deploy.Tests;

public partial class GrafanaTests
{
    private static JsonDocument Dashboard() => JsonDocument.Parse(File.ReadAllText(Repository.Path("deploy", "grafana", "dashboards", "possync-executions.json")));

    private static IEnumerable<(string Title, string Sql)> Queries()
    {
        using var dashboard = Dashboard();
        var queries = new List<(string, string)>();
        foreach (var panel in dashboard.RootElement.GetProperty("panels").EnumerateArray())
            foreach (var target in panel.GetProperty("targets").EnumerateArray())
                queries.Add((panel.GetProperty("title").GetString()!, target.GetProperty("rawSql").GetString()!));
        foreach (var variable in dashboard.RootElement.GetProperty("templating").GetProperty("list").EnumerateArray())
            if (variable.GetProperty("type").GetString() == "query") queries.Add(($"variable {variable.GetProperty("name")}", variable.GetProperty("query").GetString()!));
        return queries;
    }

    [Test]
    public void Every_panel_and_variable_reads_the_provisioned_datasource()
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(Repository.Path("deploy", "grafana", "provisioning", "datasources", "possync.yaml"))));
        var uid = ((YamlScalarNode)((YamlMappingNode)((YamlSequenceNode)((YamlMappingNode)stream.Documents[0].RootNode)["datasources"])[0])["uid"]).Value;
        using var dashboard = Dashboard();

        var uids = dashboard.RootElement.GetProperty("panels").EnumerateArray()
            .SelectMany(p => p.GetProperty("targets").EnumerateArray().Select(t => t.GetProperty("datasource")).Append(p.GetProperty("datasource")))
            .Select(d => d.GetProperty("uid").GetString());

        Assert.That(uids, Is.All.EqualTo(uid));
    }

    [Test]
    public void Every_query_is_valid_T_SQL_once_Grafana_expands_its_macros()
    {
        foreach (var (title, sql) in Queries())
        {
            new TSql160Parser(true).Parse(new StringReader(ExpandMacros(sql)), out var errors);
            Assert.That(errors, Is.Empty, $"{title}: {string.Join("; ", errors.Select(e => e.Message))}");
        }
    }

    [Test]
    public void Queries_read_only_the_reporting_views_the_migrations_create()
    {
        var created = MigrationRunner.Scripts(StorageEngine.SqlServer)
            .SelectMany(m => ViewName().Matches(m.Script).Select(v => v.Groups[1].Value))
            .ToHashSet();

        foreach (var (title, sql) in Queries())
        {
            var read = FromName().Matches(sql).Select(m => m.Groups[1].Value).ToList();
            Assert.That(read, Is.Not.Empty.And.All.StartsWith("ops.v_"), title);
            Assert.That(read, Is.SubsetOf(created), title);
        }
    }

    /// <summary>What Grafana's MSSQL data source substitutes before the query reaches the server.</summary>
    private static string ExpandMacros(string sql) => sql
        .Replace("$__interval", "'5m'")
        .Replace("$consumer", "'c-brasserie'")
        .Replace("$execution", "00000000-0000-0000-0000-000000000000")
        .Then(s => Regex.Replace(s, @"\$__timeFilter\(([^)]+)\)", "$1 BETWEEN '2025-03-01T00:00:00Z' AND '2025-03-08T00:00:00Z'"))
        .Then(s => Regex.Replace(s, @"\$__timeGroupAlias\(([^,]+),[^)]*\)", "DATEADD(second, DATEDIFF(second, '1970-01-01', $1) / 300 * 300, '1970-01-01') AS time"))
        .Then(s => Regex.Replace(s, @"\$__timeGroup\(([^,]+),[^)]*\)", "DATEADD(second, DATEDIFF(second, '1970-01-01', $1) / 300 * 300, '1970-01-01')"));

    [GeneratedRegex(@"CREATE VIEW (ops\.v_[a-z_]+)")]
    private static partial Regex ViewName();

    [GeneratedRegex(@"(?:FROM|JOIN)\s+([a-z_.]+)", RegexOptions.IgnoreCase)]
    private static partial Regex FromName();
}

internal static class StringPipes
{
    public static string Then(this string text, Func<string, string> next) => next(text);
}
