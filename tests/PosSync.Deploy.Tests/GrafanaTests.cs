using System.Text.RegularExpressions;
using PosSync.Deploy.Tests.Grafana;
using PosSync.Testing.Sql;
using YamlDotNet.RepresentationModel;

namespace PosSync.Deploy.Tests;

/// <summary>
/// The dashboards support and operators read: each file parses and is provisioned, every query
/// (panels and variables) parses as T-SQL once Grafana has expanded its variables and macros the
/// way it does, and names only views and columns the migrations create (no SQL Server runs here),
/// and every link opens a dashboard and variables that exist.
/// </summary>
public partial class GrafanaTests
{
    private static readonly IReadOnlyList<GrafanaDashboard> Dashboards = GrafanaDashboard.All();
    private static readonly SqlServerMigrations Migrations = SqlServerMigrations.Read();

    private static IEnumerable<TestCaseData> QueriesUnderEverySelection() =>
        from dashboard in GrafanaDashboard.All()
        from query in dashboard.Queries
        from selection in Enum.GetValues<VariableSelection>()
        select new TestCaseData(dashboard.Uid, query.Where, selection).SetName($"{{m}}: {query} with {selection}");

    private static (GrafanaDashboard Dashboard, DashboardQuery Query) Find(string uid, string where)
    {
        var dashboard = Dashboards.Single(d => d.Uid == uid);
        return (dashboard, dashboard.Queries.Single(q => q.Where == where));
    }

    [Test]
    public void Every_dashboard_parses_and_is_provisioned_under_its_own_uid_and_title()
    {
        var kustomization = new YamlStream();
        kustomization.Load(new StringReader(File.ReadAllText(Repository.Path("deploy", "grafana", "kustomization.yaml"))));
        var generator = (YamlMappingNode)((YamlSequenceNode)((YamlMappingNode)kustomization.Documents[0].RootNode)["configMapGenerator"])[0];
        var provisioned = ((YamlSequenceNode)generator["files"]).Select(f => Path.GetFileName(((YamlScalarNode)f).Value!));

        Assert.That(Dashboards.Select(d => d.Uid), Is.Unique);
        Assert.That(Dashboards.Select(d => d.Title), Is.Unique.And.All.StartsWith("PosSync — "));
        Assert.That(
            Dashboards.Select(d => d.Uid),
            Is.SupersetOf(new[] { "possync-consumer", "possync-business-day", "possync-execution", "possync-executions" }));
        Assert.That(provisioned, Is.EquivalentTo(Dashboards.Select(d => d.File)), "kubectl apply -k deploy/grafana provisions every dashboard file");
    }

    [Test]
    public void Every_panel_and_variable_reads_the_provisioned_datasource()
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(Repository.Path("deploy", "grafana", "provisioning", "datasources", "possync.yaml"))));
        var uid = (
            (YamlScalarNode)((YamlMappingNode)((YamlSequenceNode)((YamlMappingNode)stream.Documents[0].RootNode)["datasources"])[0])["uid"]).Value;

        foreach (var dashboard in Dashboards)
        {
            Assert.That(dashboard.Panels.SelectMany(p => p.DatasourceUids), Is.All.EqualTo(uid), dashboard.Title);
            Assert.That(dashboard.VariableDatasourceUids, Is.All.EqualTo(uid), dashboard.Title);
        }
    }

    [TestCaseSource(nameof(QueriesUnderEverySelection))]
    public void Every_query_parses_as_T_SQL_once_Grafana_expands_its_variables_and_macros(string uid, string where, VariableSelection selection)
    {
        var (dashboard, query) = Find(uid, where);
        var sql = GrafanaSql.Expand(query.Sql, dashboard, selection);

        GrafanaSql.Parse(sql, out var errors);

        Assert.That(errors, Is.Empty, $"{string.Join("; ", errors.Select(e => $"line {e.Line}: {e.Message}"))}\n{sql}");
    }

    [TestCaseSource(nameof(QueriesUnderEverySelection))]
    public void Every_query_names_only_views_and_columns_the_migrations_create(string uid, string where, VariableSelection selection)
    {
        var (dashboard, query) = Find(uid, where);
        var script = GrafanaSql.Parse(GrafanaSql.Expand(query.Sql, dashboard, selection), out _);

        Assert.That(QueryNameCheck.Check(script, Migrations.Views), Is.Empty);
    }

    [TestCase(
        "SELECT consumer_id FROM ops.consumers",
        "reads ops.consumers, which no migration creates as a view",
        TestName = "The name check refuses a table, even one that exists")]
    [TestCase(
        "SELECT tolerance_typo FROM ops.v_configuration",
        "tolerance_typo is not a column of ops.v_configuration",
        TestName = "The name check refuses a column the view does not have")]
    [TestCase(
        "SELECT d.status FROM ops.v_days AS d",
        "d.status is not a column of ops.v_days AS d",
        TestName = "The name check resolves an alias to its view")]
    [TestCase(
        "SELECT x.at FROM ops.v_requests AS r JOIN ops.v_executions AS e ON e.execution_id = r.execution_id",
        "x.at is not a column",
        TestName = "The name check refuses an alias no table has")]
    [TestCase(
        "SELECT * FROM ops.v_days WHERE latest_execution_id IN (SELECT execution_id FROM ops.v_requests WHERE ledger_state2 = 1)",
        "ledger_state2 is not a column",
        TestName = "The name check looks into sub-queries")]
    [TestCase("DELETE FROM ops.v_days", "a dashboard query is one SELECT", TestName = "The name check accepts nothing but a SELECT")]
    public void The_name_check_catches(string sql, string problem)
    {
        var script = GrafanaSql.Parse(sql, out var errors);

        Assert.That(errors, Is.Empty);
        Assert.That(QueryNameCheck.Check(script, Migrations.Views), Has.Some.Contains(problem));
    }

    [Test]
    public void The_name_check_accepts_correlated_columns_select_names_and_date_parts()
    {
        var script = GrafanaSql.Parse("""
            SELECT d.business_date AS day, DATEADD(minute, -30, d.latest_started_at) AS earlier
            FROM ops.v_days AS d
            WHERE EXISTS (SELECT 1 FROM ops.v_requests AS r WHERE r.execution_id = d.latest_execution_id AND status_code = 401)
            ORDER BY day
            """, out _);

        Assert.That(QueryNameCheck.Check(script, Migrations.Views), Is.Empty);
    }

    [Test]
    public void Every_link_opens_a_dashboard_and_sets_variables_it_has_from_fields_and_variables_that_exist()
    {
        var links = Dashboards.SelectMany(d => d.Links.Select(l => (Dashboard: d, Link: l))).ToList();
        Assert.That(links.Count(l => l.Link.Panel is not null), Is.GreaterThan(10), "every id in a table opens its run, consumer or day");

        foreach (var (dashboard, link) in links)
        {
            var target = Dashboards.SingleOrDefault(d => d.Uid == link.TargetUid);
            Assert.That(target, Is.Not.Null, $"{link}: opens a dashboard that exists");
            Assert.That(link.SetsVariables, Is.SubsetOf(target!.Variables.Select(v => v.Name)), $"{link}: sets variables {target.Title} has");
            var columns = link.Panel is null ? [] : link.Panel.Queries.SelectMany(q => GrafanaSql.ResultColumns(q, dashboard)).ToList();
            if (link.Field is not null) Assert.That(columns, Does.Contain(link.Field), $"{link}: decorates a column the panel returns");
            foreach (Match used in LinkVariable().Matches(link.Url))
            {
                var name = used.Groups[1].Value;
                if (name == "__data.fields") Assert.That(columns, Does.Contain(used.Groups[2].Value), $"{link}: reads a column the panel returns");
                else if (!name.StartsWith("__", StringComparison.Ordinal))
                    Assert.That(dashboard.Variables.Select(v => v.Name), Does.Contain(name), $"{link}: passes on a variable of its dashboard");
            }
        }
    }

    /// <summary>${name}, ${name:format}, ${__data.fields.column}, ${__url_time_range} in a link's URL.</summary>
    [GeneratedRegex(@"\$\{(__data\.fields|[\w.]+)(?:\.(\w+))?(?::\w+)?\}")]
    private static partial Regex LinkVariable();
}
