namespace PosSync.Deploy.Tests.Grafana;

/// <summary>A panel: its title, the data source uids it names and its SQL queries.</summary>
public sealed record GrafanaPanel(string Title, IReadOnlyList<string?> DatasourceUids, IReadOnlyList<string> Queries);
