using System.Data.Common;
using MassTransit;
using PosSync.Storage;

namespace PosSync.Pipeline;

/// <summary>Another delivery of the same day holds its booking claim; it will be done in a moment.</summary>
public sealed class DayBookingInProgressException(string day)
    : Exception($"Another delivery is booking {day} right now; this one waits for it to finish.");

/// <summary>
/// The one retry policy of every stage and of its fault handler: in memory, transient failures only
/// (database busy, locked, deadlocked or failing over — see <see cref="TransientDatabaseErrors"/> —,
/// timeouts, a day being booked by a concurrent delivery). Anything else faults at once to the
/// stage's _error queue and its execution is marked failed; long waits are the scheduler's
/// business, not the broker's.
/// </summary>
public static class TransientRetry
{
    /// <summary>
    /// Pauses between tries: about a minute in all, so a database locked for half a minute or a
    /// SQL Server failover (typically under 30 s) is ridden out. On SQLite each try itself also waits
    /// up to the lock timeout (30 s) inside the database, so the real patience is longer still.
    /// </summary>
    public static readonly IReadOnlyList<TimeSpan> Pauses =
        [.. new[] { 200, 1000, 2000, 5000, 10000, 15000, 30000 }.Select(ms => TimeSpan.FromMilliseconds(ms))];

    public static TimeSpan TotalPause => Pauses.Aggregate(TimeSpan.Zero, (sum, pause) => sum + pause);

    public static void Configure(IRetryConfigurator retry)
    {
        retry.Intervals([.. Pauses]);
        retry.Handle<DayBookingInProgressException>();
        retry.Handle<TimeoutException>();
        retry.Handle<DbException>(TransientDatabaseErrors.IsTransient);
    }
}
