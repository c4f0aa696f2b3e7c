using System.ComponentModel.DataAnnotations;

namespace PosSync.ServiceDefaults;

/// <summary>
/// Section "Storage:Retention": how long `possync prune` keeps the execution log (executions, their
/// events and requests). The day ledger, consumers, credentials, issues, the POS catalog and day
/// snapshots are never pruned: they are one row per day or per consumer, not one per run, and the
/// ledger and snapshots are the record of what was booked.
/// </summary>
public sealed class RetentionOptions
{
    /// <summary>
    /// Days of execution log kept. At least 90: the scheduler looks back 60 days by default and
    /// support reads last quarter's runs; 400 keeps a whole year and the closing that follows it.
    /// </summary>
    [Range(90, 36_500)]
    public int Days { get; set; } = 400;

    /// <summary>Rows per delete statement: small enough for a short lock, and under SQL Server's lock escalation threshold (~5,000).</summary>
    [Range(100, 4_000)]
    public int BatchSize { get; set; } = 1_000;

    /// <summary>Pause between two batches, so the workers' writes go in between.</summary>
    [Range(0, 10_000)]
    public int PauseMilliseconds { get; set; } = 20;

    /// <summary>What is older than this may go.</summary>
    public DateTime Cutoff(DateTimeOffset now) => now.UtcDateTime.AddDays(-Days);
}
