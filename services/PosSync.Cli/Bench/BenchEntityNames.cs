using System.Collections.Concurrent;
using MassTransit;

namespace PosSync.Cli.Bench;

/// <summary>
/// The exchanges and queues a benchmark side makes, kept so the benchmark can delete them. Each side
/// runs under a Messaging:EndpointPrefix of its own, which names its exchanges too
/// (PrefixedExchangeNames): on a shared broker its days never reach the workers' queues, nor the other side's.
/// </summary>
public sealed class BenchEntityNames
{
    private readonly ConcurrentDictionary<string, byte> _exchanges = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _queues = new(StringComparer.Ordinal);

    public IReadOnlyCollection<string> Exchanges => _exchanges.Keys.ToList();
    public IReadOnlyCollection<string> Queues => _queues.Keys.ToList();

    public void Apply(IBusFactoryConfigurator bus) =>
        bus.MessageTopology.SetEntityNameFormatter(new Recorded(bus.MessageTopology.EntityNameFormatter, this));

    /// <summary>An endpoint's queue, and the error and skipped queues MassTransit may add to it.</summary>
    public void AddQueue(string queue)
    {
        foreach (var name in new[] { queue, queue + "_error", queue + "_skipped" }) _queues.TryAdd(name, 0);
    }

    private sealed class Recorded(IEntityNameFormatter inner, BenchEntityNames names) : IEntityNameFormatter
    {
        public string FormatEntityName<T>()
        {
            var name = inner.FormatEntityName<T>();
            names._exchanges.TryAdd(name, 0);
            return name;
        }
    }
}
