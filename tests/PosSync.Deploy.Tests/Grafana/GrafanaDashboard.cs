using System.Text.Json;

namespace PosSync.Deploy.Tests.Grafana;

/// <summary>A provisioned dashboard file as the tests read it: uid, title, variables, panels and every link.</summary>
public sealed class GrafanaDashboard
{
    private GrafanaDashboard(string file, JsonElement root)
    {
        File = file;
        Uid = root.GetProperty("uid").GetString()!;
        Title = root.GetProperty("title").GetString()!;
        Variables = root.GetProperty("templating").GetProperty("list").EnumerateArray().Select(DashboardVariable.Read).ToList();
        VariableDatasourceUids = root.GetProperty("templating").GetProperty("list").EnumerateArray()
            .Where(v => v.TryGetProperty("datasource", out _)).Select(v => v.GetProperty("datasource").GetProperty("uid").GetString()).ToList();
        var panels = new List<GrafanaPanel>();
        var links = new List<DataLink>();
        foreach (var panel in root.GetProperty("panels").EnumerateArray())
        {
            var targets = panel.GetProperty("targets").EnumerateArray().ToList();
            var read = new GrafanaPanel(panel.GetProperty("title").GetString()!,
                targets.Select(t => t.GetProperty("datasource").GetProperty("uid").GetString())
                    .Append(panel.GetProperty("datasource").GetProperty("uid").GetString())
                    .ToList(),
                targets.Select(t => t.GetProperty("rawSql").GetString()!).ToList());
            panels.Add(read);
            if (panel.TryGetProperty("links", out var panelLinks)) links.AddRange(LinksIn(panelLinks, read, null));
            if (!panel.TryGetProperty("fieldConfig", out var fieldConfig)) continue;
            if (fieldConfig.TryGetProperty("defaults", out var defaults) && defaults.TryGetProperty("links", out var defaultLinks))
                links.AddRange(LinksIn(defaultLinks, read, null));
            foreach (var over in fieldConfig.GetProperty("overrides").EnumerateArray())
            {
                var field = over.GetProperty("matcher").GetProperty("options").GetString();
                foreach (var property in over.GetProperty("properties").EnumerateArray().Where(p => p.GetProperty("id").GetString() == "links"))
                    links.AddRange(LinksIn(property.GetProperty("value"), read, field));
            }
        }
        if (root.TryGetProperty("links", out var dashboardLinks))
            links.AddRange(dashboardLinks.EnumerateArray().Where(l => l.GetProperty("type").GetString() == "link")
                .Select(l => new DataLink(Title, null, null, l.GetProperty("url").GetString()!)));
        Panels = panels;
        Links = links;
    }

    public string File { get; }
    public string Uid { get; }
    public string Title { get; }
    public IReadOnlyList<DashboardVariable> Variables { get; }
    public IReadOnlyList<string?> VariableDatasourceUids { get; }
    public IReadOnlyList<GrafanaPanel> Panels { get; }
    public IReadOnlyList<DataLink> Links { get; }

    /// <summary>Every SQL query the dashboard sends: each panel target's and each query variable's.</summary>
    public IEnumerable<DashboardQuery> Queries =>
        Panels.SelectMany(p => p.Queries.Select(q => new DashboardQuery(Title, p.Title, q)))
            .Concat(Variables.Where(v => v.Query is not null).Select(v => new DashboardQuery(Title, $"variable {v.Name}", v.Query!)));

    public static string Folder => Repository.Path("deploy", "grafana", "dashboards");

    /// <summary>Every dashboard file, read strictly (no comments, no trailing commas).</summary>
    public static IReadOnlyList<GrafanaDashboard> All() => Directory.GetFiles(Folder, "*.json").Order()
        .Select(f => new GrafanaDashboard(Path.GetFileName(f), JsonDocument.Parse(System.IO.File.ReadAllText(f)).RootElement.Clone()))
        .ToList();

    private IEnumerable<DataLink> LinksIn(JsonElement links, GrafanaPanel panel, string? field) =>
        links.EnumerateArray().Select(l => new DataLink(Title, panel, field, l.GetProperty("url").GetString()!));
}
