using System.Collections.Concurrent;
using MassTransit;

namespace PosSync.Cli.Bench;

/// <summary>
/// Measures each stage alone while one day goes through the three stages in one process: a stage's
/// receive (from the message body in hand, through deserialising, the stage's work and its publish)
/// waits for the previous stage's to end, starts after a full collection, and its figure is the
/// highest managed heap sampled during it above the idle heap, as if the stage were a worker of its own.
/// </summary>
public sealed class StageMemoryProbe(long idleHeap, MemorySampler memory) : IReceiveObserver
{
    /// <summary>Queue names end with the stage's endpoint name (a prefix may stand in front).</summary>
    private static readonly (string Queue, string Stage)[] Stages =
        [("pos-ingest", "ingest"), ("reconciliation", "reconcile"), ("accounting-export", "export")];

    private readonly SemaphoreSlim _oneStageAtATime = new(1, 1);
    private readonly ConcurrentDictionary<string, long> _peaks = new(StringComparer.Ordinal);

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
        var above = Math.Max(0, memory.PeakHeap - idleHeap);
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
