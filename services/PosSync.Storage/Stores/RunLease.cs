namespace PosSync.Storage.Stores;

/// <summary>
/// How long a running execution may go without a word (its <c>updated_at</c>, moved at every stage
/// it enters) before the day counts as stuck and another run may take it over. A stage does its
/// day in seconds, a minute or two at worst (vendor rate limits, the in-memory retries of about a
/// minute, each SQLite try waiting up to 30 s for a lock): ten minutes without progress means the
/// worker died, or the stage and its fault handler both faulted, and nobody will move the run again.
/// A run still queued waits on pos-ingest's queue, possibly behind a whole back-fill, so it gets
/// the old, longer silence — unless the stage queues are known to be drained (nothing waits on any
/// of them): then its message was lost (faulted, with its fault handler) and the in-stage lease
/// holds for it too. The run taking over ends the stuck one as SUPERSEDED (<see cref="PosSync.Domain.Outcomes.OutcomeCodes.Superseded"/>),
/// so a message of it that surfaces later (redriven from an error queue) is a duplicate and books nothing.
/// </summary>
public static class RunLease
{
    public static readonly TimeSpan InStage = TimeSpan.FromMinutes(10);
    public static readonly TimeSpan Queued = TimeSpan.FromHours(2);

    /// <summary>The error code of a stuck run another run took over.</summary>

    /// <param name="queuesDrained">No message waits on any stage queue, so a queued or handed-over run is not waiting behind others.</param>
    public static TimeSpan For(string stage, bool queuesDrained = false) =>
        stage is Stage.Queued or Stage.Handover && !queuesDrained ? Queued : InStage;

    /// <summary>When the run's lease ends, counted from its last update.</summary>
    public static DateTime ExpiresAt(ExecutionRecord execution, bool queuesDrained = false) =>
        DateTime.SpecifyKind(execution.UpdatedAt, DateTimeKind.Utc) + For(execution.Stage, queuesDrained);

    /// <summary>Still running, and silent past its lease: nothing will move it any more.</summary>
    public static bool IsStuck(ExecutionRecord execution, DateTimeOffset now, bool queuesDrained = false) =>
        execution.Status == ExecutionStatus.Running && now.UtcDateTime > ExpiresAt(execution, queuesDrained);
}
