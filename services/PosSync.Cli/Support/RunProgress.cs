using System.Diagnostics;
using PosSync.Storage.Stores;

namespace PosSync.Cli.Support;

/// <summary>
/// Waits for the day runs a command started and says how far they are. A line is written when
/// the count moves and a second has passed (and at the end), so a schedule over thousands of days
/// stays readable in a CronJob's log; a run that is over is not read again.
/// </summary>
public static class RunProgress
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan ReportEvery = TimeSpan.FromSeconds(1);

    /// <summary>Each run's latest record (null when no stage has recorded it yet), once all are over or the limit has passed.</summary>
    public static async Task<IReadOnlyDictionary<Guid, ExecutionRecord?>> WaitAsync(ExecutionLog executions, IReadOnlyCollection<Guid> ids,
        TextWriter progress, TimeSpan limit, CancellationToken cancellationToken)
    {
        var latest = ids.ToDictionary(id => id, _ => (ExecutionRecord?)null);
        var pending = new HashSet<Guid>(ids);
        var clock = Stopwatch.StartNew();
        var reported = -1;
        TimeSpan? reportedAt = null;
        while (true)
        {
            foreach (var id in pending.ToList())
            {
                var record = await executions.GetAsync(id, cancellationToken);
                latest[id] = record;
                if (record is { IsFinished: true }) pending.Remove(id);
            }
            var done = ids.Count - pending.Count;
            var over = pending.Count == 0 || clock.Elapsed > limit;
            if (done != reported && (over || reportedAt is null || clock.Elapsed - reportedAt >= ReportEvery))
            {
                progress.WriteLine($"  {done}/{ids.Count} days done");
                (reported, reportedAt) = (done, clock.Elapsed);
            }
            if (over)
            {
                if (pending.Count > 0)
                    progress.WriteLine($"  {pending.Count} day(s) still running after {limit.TotalMinutes:0.#} min; possync executions list shows how they end.");
                return latest;
            }
            await Task.Delay(Poll, cancellationToken);
        }
    }
}
