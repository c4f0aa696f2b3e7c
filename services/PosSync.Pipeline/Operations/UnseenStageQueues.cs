namespace PosSync.Pipeline.Operations;

/// <summary>Where the queues cannot be seen (the in-memory transport): never assumed drained.</summary>
public sealed class UnseenStageQueues : IStageQueues
{
    public Task<bool> AreDrainedAsync(CancellationToken cancellationToken) => Task.FromResult(false);
}
