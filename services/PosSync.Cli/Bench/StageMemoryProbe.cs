using System.Collections.Concurrent;
using MassTransit;

namespace PosSync.Cli.Bench;

/// <summary>
/// Measures each stage alone while one day goes through the three stages in one process: a stage's
/// receive (from the message body in hand, through deserialising, the stage's work and its publish)
/// waits for the previous stage's to end and starts after a full collection. Its figure is what a
/// worker of its own would hold above its idle heap: the highest heap sampled during the receive above
/// the heap it started on, plus the message body it was handed. The heap it started on also holds what
/// the other stages left in the shared array pool, which a worker of its own would not hold; a worker's
/// own pooled buffers, kept from one day to the next, are part of its idle size.
/// </summary>
public sealed class StageMemoryProbe(MemorySampler memory) : IReceiveObserver
{
    /// <summary>Queue names end with the stage's endpoint name (a prefix may stand in front).</summary>
    private static readonly (string Queue, string Stage)[] Stages =
        [("pos-ingest", "ingest"), ("reconciliation", "reconcile"), ("accounting-export", "export")];

    public static IEnumerable<string> StageNames => Stages.Select(s => s.Stage);

    private readonly SemaphoreSlim _oneStageAtATime = new(1, 1);
    private readonly ConcurrentDictionary<string, long> _peaks = new(StringComparer.Ordinal);
    private (long Heap, long Body) _started;

    /// <summary>Each stage's highest heap above idle, in bytes.</summary>
    public IReadOnlyDictionary<string, long> AboveIdle => _peaks;

    public async Task PreReceive(ReceiveContext context)
    {
        if (StageOf(context) is null) return;
        await _oneStageAtATime.WaitAsync();
        // What the previous stage left as garbage is not this stage's: a worker of its own would not hold it.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        _started = (GC.GetTotalMemory(forceFullCollection: false), context.Body.Length ?? 0);
        memory.Restart();
    }

    public Task PostReceive(ReceiveContext context) => End(context);

    public Task PostConsume<T>(ConsumeContext<T> context, TimeSpan duration, string consumerType) where T : class => Task.CompletedTask;

    public Task ConsumeFault<T>(ConsumeContext<T> context, TimeSpan duration, string consumerType, Exception exception) where T : class =>
        Task.CompletedTask;

    public Task ReceiveFault(ReceiveContext context, Exception exception) => End(context);

    private Task End(ReceiveContext context)
    {
        if (StageOf(context) is not { } stage) return Task.CompletedTask;
        var above = Math.Max(0, memory.PeakHeap - _started.Heap) + _started.Body;
        _peaks.AddOrUpdate(stage, above, (_, seen) => Math.Max(seen, above));
        _oneStageAtATime.Release();
        return Task.CompletedTask;
    }

    private static string? StageOf(ReceiveContext context)
    {
        var queue = context.InputAddress.AbsolutePath.TrimEnd('/');
        foreach (var (name, stage) in Stages)
            if (queue.EndsWith("/" + name, StringComparison.Ordinal) || queue.EndsWith("-" + name, StringComparison.Ordinal)) return stage;
        return null;
    }
}
