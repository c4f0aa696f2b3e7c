using PosSync.Deploy.Tests.Grafana;

namespace PosSync.Deploy.Tests;

/// <summary>
/// The README's table maps each question of the support guide to the Grafana panels that answer
/// it ("Consumer › Connections · Consumer › Sync enabled") and to a possync command: every panel
/// it names exists, under that title, in the dashboard of that name.
/// </summary>
public class SupportGuideTableTests
{
    private const string Header = "| the support guide asks | Grafana (dashboard › panel) | possync |";

    private static IReadOnlyList<(string Question, string Grafana, string Command)> Rows()
    {
        var lines = File.ReadAllLines(Repository.Path("README.md"));
        var start = Array.IndexOf(lines, Header);
        if (start < 0) throw new InvalidOperationException($"the README has no table headed {Header}");
        return lines.Skip(start + 2).TakeWhile(l => l.StartsWith('|'))
            .Select(l => l.Trim('|').Split('|').Select(c => c.Trim()).ToArray())
            .Select(c => (c[0], c[1], c[2]))
            .ToList();
    }

    [Test]
    public void Every_panel_the_README_names_for_a_support_question_exists()
    {
        var dashboards = GrafanaDashboard.All();
        var rows = Rows();

        Assert.That(rows, Has.Count.GreaterThanOrEqualTo(10));
        foreach (var (question, grafana, command) in rows)
        {
            Assert.That(command, Does.StartWith("`possync "), $"{question}: a command answers it too");
            foreach (var named in grafana.Split(" · "))
            {
                var parts = named.Split(" › ");
                Assert.That(parts, Has.Length.EqualTo(2), $"{question}: \"{named}\" is dashboard › panel");
                var dashboard = dashboards.SingleOrDefault(d => d.Title == $"PosSync — {parts[0]}");
                Assert.That(dashboard, Is.Not.Null, $"{question}: a dashboard titled PosSync — {parts[0]}");
                var panel = WithoutRemark(parts[1], dashboard!);
                Assert.That(dashboard!.Panels.Select(p => p.Title), Does.Contain(panel), $"{question}: {dashboard.Title} has a panel {panel}");
            }
        }
    }

    /// <summary>A remark in parentheses after a panel's title ("Orders ... (the orders that explain it)"), unless the title itself has one.</summary>
    private static string WithoutRemark(string named, GrafanaDashboard dashboard) =>
        dashboard.Panels.Any(p => p.Title == named) || !named.EndsWith(')') ? named : named[..named.LastIndexOf(" (", StringComparison.Ordinal)];
}
