namespace PosSync.Deploy.Tests.Grafana;

/// <summary>A query a dashboard sends: a panel's target or a query variable's, named for messages.</summary>
public sealed record DashboardQuery(string Dashboard, string Where, string Sql)
{
    public override string ToString() => $"{Dashboard} › {Where}";
}
