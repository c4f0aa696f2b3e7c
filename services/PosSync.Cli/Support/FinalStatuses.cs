using PosSync.Storage.Stores;

namespace PosSync.Cli.Support;

/// <summary>
/// How the days a command ran ended, counted by final status, and the exit code that follows:
/// 2 when a day ended in error (a CronJob or a script sees that something needs a look), else 0.
/// </summary>
public static class FinalStatuses
{
    public const int SomeDayFailed = 2;

    private static readonly ExecutionStatus[] Order = [ExecutionStatus.Success, ExecutionStatus.Warning, ExecutionStatus.Waiting,
        ExecutionStatus.Skipped, ExecutionStatus.Error];

    /// <summary>"3 success, 0 warning, 1 waiting, 2 skipped, 1 error" (plus "n still running" when some have not ended).</summary>
    public static string Describe(IEnumerable<ExecutionStatus?> statuses)
    {
        var counts = statuses.GroupBy(s => s ?? ExecutionStatus.Running).ToDictionary(g => g.Key, g => g.Count());
        var text = string.Join(", ", Order.Select(s => $"{counts.GetValueOrDefault(s)} {s}"));
        return counts.GetValueOrDefault(ExecutionStatus.Running) is > 0 and var running ? $"{text}, {running} still running" : text;
    }

    public static int ExitCode(IEnumerable<ExecutionStatus?> statuses) => statuses.Any(s => s == ExecutionStatus.Error) ? SomeDayFailed : 0;
}
