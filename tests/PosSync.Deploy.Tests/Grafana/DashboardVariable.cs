using System.Text.Json;

namespace PosSync.Deploy.Tests.Grafana;

/// <summary>
/// A dashboard variable as far as Grafana's interpolation cares: its kind, whether it takes several values or "All",
/// and the values it offers.
/// </summary>
public sealed record DashboardVariable(
    string Name, string Type, bool Multi, bool IncludeAll, string? AllValue, IReadOnlyList<string> Options,
    string? Query)
{
    public static DashboardVariable Read(JsonElement variable)
    {
        var type = variable.GetProperty("type").GetString()!;
        var options = variable.TryGetProperty("options", out var listed)
            ? listed.EnumerateArray().Select(o => o.GetProperty("value").GetString()!).Where(v => v != "$__all").ToList()
            : [];
        // A custom variable's options are its comma-separated query; a query variable's come from the database.
        if (options.Count == 0 && type == "custom") options = variable.GetProperty("query").GetString()!.Split(',').Select(o => o.Trim()).ToList();
        return new DashboardVariable(
            variable.GetProperty("name").GetString()!,
            type,
            variable.TryGetProperty("multi", out var multi) && multi.GetBoolean(),
            variable.TryGetProperty("includeAll", out var all) && all.GetBoolean(),
            variable.TryGetProperty("allValue", out var allValue) && allValue.ValueKind == JsonValueKind.String ? allValue.GetString() : null,
            options,
            type == "query" ? variable.GetProperty("query").GetString() : null);
    }

    /// <summary>Values a user could pick: the listed options, or made-up ones where the database would list them.</summary>
    public IReadOnlyList<string> SampleValues => Options.Count > 0 ? Options : [$"sample-{Name}-1", $"sample-{Name}-2"];
}
