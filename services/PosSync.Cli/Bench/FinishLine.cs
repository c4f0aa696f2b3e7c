using System.Collections.Concurrent;

namespace PosSync.Cli.Bench;

/// <summary>Where the benchmark waits for its days: each run it expects ends when its ServiceDayBooked arrives.</summary>
public sealed class FinishLine
{
    private readonly ConcurrentDictionary<Guid, TaskCompletionSource> _expected = new();

    /// <summary>Said before the day is published, so an answer faster than the publish is not missed.</summary>
    public Task Expect(Guid executionId) =>
        _expected.GetOrAdd(executionId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    public void Reached(Guid executionId)
    {
        if (_expected.TryRemove(executionId, out var waiting)) waiting.TrySetResult();
    }
}
