using System.Globalization;
using PosSync.Domain.Configuration;
using PosSync.Storage.Stores;

namespace PosSync.Pipeline.Operations;

/// <summary>
/// The configuration history in the words support reads and repeats to a client: "settings.tolerance
/// 50.00 → 5.00 on 2025-03-20 10:14 UTC by alice from /srv/consumers/brasserie.json".
/// </summary>
public static class ConfigurationHistoryText
{
    public static string Line(ConfigurationHistoryEntry change) =>
        $"{What(change.Field, change.OldValue, change.NewValue)} on {Time(change.ChangedAt)} {Who(change)}";

    /// <summary>What an apply says it recorded; nothing is recorded when nothing changed.</summary>
    public static string Applied(bool created, IReadOnlyList<ConfigurationChange> changes) => created
        ? "Recorded in its history: created."
        : changes.Count == 0
            ? "Nothing changed: nothing recorded in its history."
            : $"Recorded in its history: {string.Join("; ", changes.Select(c => What(c.Field, c.OldValue, c.NewValue)))}.";

    public static string Who(ConfigurationHistoryEntry change) => $"by {change.ChangedBy} from {change.Source}";

    private static string What(string field, string? oldValue, string? newValue)
    {
        if (field == ConfigurationDiff.ConsumerField && newValue == ConfigurationDiff.Created) return "consumer created";
        if (newValue == ConfigurationDiff.SecretChanged && oldValue is null) return $"{field} changed (a secret: its value is never recorded)";
        return $"{field} {oldValue ?? "(none)"} → {newValue ?? "(none)"}";
    }

    public static string Time(DateTime utc) =>
        DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}
