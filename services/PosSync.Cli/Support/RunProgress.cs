using System.Diagnostics;
using PosSync.Storage.Stores;

namespace PosSync.Cli.Support;

/// <summary>
/// Waits for the day runs a command started and says how far they are (<see cref="ProgressLine"/>).
/// A run that is over is not read again.
/// </summary>
public static class RunProgress
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(250);

    /// <summary>Each run's latest record (null when no stage has recorded it yet), once all are over or the limit has passed.</summary>
    public static async Task<IReadOnlyDictionary<Guid, ExecutionRecord?>> WaitAsync(ExecutionLog executions, IReadOnlyCollection<Guid> ids,
        TextWriter progress, TimeSpan limit, CancellationToken cancellationToken)
    {
        var line = ProgressLine.For(progress, ids.Count);
        var latest = ids.ToDictionary(id => id, _ => (ExecutionRecord?)null);
        var pending = new HashSet<Guid>(ids);
        var failed = 0;
        var clock = Stopwatch.StartNew();
        while (true)
        {
            foreach (var id in pending.ToList())
            {
                var record = await executions.GetAsync(id, cancellationToken);
                latest[id] = record;
                if (record is not { IsFinished: true }) continue;
                pending.Remove(id);
                if (record.Status == ExecutionStatus.Error) failed++;
            }
            var over = pending.Count == 0 || clock.Elapsed > limit;
            line.Report(ids.Count - pending.Count, failed, clock.Elapsed, over);
            if (over)
            {
                if (pending.Count > 0)
                    progress.WriteLine($"  {pending.Count} day(s) still running after {limit.TotalMinutes:0.#} min; possync executions " +
                        "list shows how they end.");
                return latest;
            }
            await Task.Delay(Poll, cancellationToken);
        }
    }
}
