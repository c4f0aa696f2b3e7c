namespace PosSync.Pipeline.Operations;

/// <summary>
/// A look at the broker's stage queues before the scheduler or a retry judges queued and handed-over
/// runs: with nothing waiting on any stage queue, such a run is not behind a back-fill, its message
/// was lost, and it is stuck after the in-stage lease rather than the queued one.
/// </summary>
public interface IStageQueues
{
    /// <summary>True only when every stage queue is known to be empty; false when unknown.</summary>
    Task<bool> AreDrainedAsync(CancellationToken cancellationToken);
}
