using System.Data.Common;
using MassTransit;
using PosSync.Storage;

namespace PosSync.Pipeline;

/// <summary>
/// The one retry policy of every stage and of its fault handler: in memory, transient failures only
/// (database busy, locked, deadlocked or failing over — see <see cref="TransientDatabaseErrors"/> —,
/// timeouts, a day being booked by a concurrent delivery). Anything else faults at once to the
/// stage's _error queue and its execution is marked failed; long waits are the scheduler's
/// business, not the broker's.
/// </summary>
public sealed class TransientRetry
{
    /// <summary>
    /// About a minute: a database locked for half a minute or a SQL Server failover (typically under
    /// 30 s) is ridden out. On SQLite each try also waits up to the lock timeout inside the database,
    /// so the real patience is longer still.
    /// </summary>
    public static readonly TimeSpan DefaultPatience = TimeSpan.FromSeconds(60);

    /// <summary>Short pauses first (most faults are over in a blink), then ever longer ones, at most 30 s.</summary>
    private static readonly double[] Steps = [0.2, 1, 2, 5, 10, 15, 30];

    public TransientRetry(TimeSpan patience)
    {
        if (patience <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(patience), "The retry patience must be positive.");
        Pauses = PausesWithin(patience);
    }

    public static TransientRetry Default { get; } = new(DefaultPatience);

    /// <summary>Pauses between tries, adding up to the patience; the last one is cut to fit.</summary>
    public IReadOnlyList<TimeSpan> Pauses { get; }

    public TimeSpan TotalPause => Pauses.Aggregate(TimeSpan.Zero, (sum, pause) => sum + pause);

    public void Configure(IRetryConfigurator retry)
    {
        retry.Intervals([.. Pauses]);
        retry.Handle<DayBookingInProgressException>();
        retry.Handle<TimeoutException>();
        retry.Handle<DbException>(TransientDatabaseErrors.IsTransient);
    }

    private static List<TimeSpan> PausesWithin(TimeSpan patience)
    {
        var pauses = new List<TimeSpan>();
        var left = patience;
        for (var i = 0; left > TimeSpan.Zero; i++)
        {
            var pause = TimeSpan.FromSeconds(Steps[Math.Min(i, Steps.Length - 1)]);
            pauses.Add(pause < left ? pause : left);
            left -= pause;
        }
        return pauses;
    }
}
