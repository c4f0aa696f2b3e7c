namespace PosSync.Deploy.Tests.Grafana;

/// <summary>
/// A link on a dashboard: where it is (the panel, and the field whose values it decorates, if any)
/// and its URL, such as /d/possync-execution/...?var-execution=${__data.fields.execution_id}.
/// </summary>
public sealed record DataLink(string Dashboard, GrafanaPanel? Panel, string? Field, string Url)
{
    /// <summary>The uid of the dashboard it opens, or null for a link that leaves Grafana's dashboards.</summary>
    public string? TargetUid => Url.StartsWith("/d/", StringComparison.Ordinal) ? Url[3..].Split('/', '?')[0] : null;

    /// <summary>The dashboard variables it sets (var-NAME=...).</summary>
    public IReadOnlyList<string> SetsVariables => Url.Contains('?', StringComparison.Ordinal)
        ? Url[(Url.IndexOf('?', StringComparison.Ordinal) + 1)..].Split('&')
            .Where(p => p.StartsWith("var-", StringComparison.Ordinal)).Select(p => p[4..].Split('=')[0]).ToList()
        : [];

    public override string ToString() => $"{Dashboard} › {Panel?.Title ?? "(dashboard)"}{(Field is null ? "" : " › " + Field)}: {Url}";
}
