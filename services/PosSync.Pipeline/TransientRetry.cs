using System.Data.Common;
using MassTransit;

namespace PosSync.Pipeline;

/// <summary>Another delivery of the same day holds its booking claim; it will be done in a moment.</summary>
public sealed class DayBookingInProgressException(string day)
    : Exception($"Another delivery is booking {day} right now; this one waits for it to finish.");

/// <summary>
/// The one retry policy of every stage: brief, in memory, transient failures only (database busy
/// or deadlocked, timeouts, a day being booked by a concurrent delivery). Anything else faults at
/// once to the stage's _error queue and its execution is marked failed; long waits are the
/// scheduler's business, not the broker's.
/// </summary>
public static class TransientRetry
{
    public static void Configure(IRetryConfigurator retry)
    {
        retry.Intervals(200, 1000, 2000, 5000, 10000);
        retry.Handle<DayBookingInProgressException>();
        retry.Handle<TimeoutException>();
        retry.Handle<DbException>(e => e.IsTransient);
    }
}
