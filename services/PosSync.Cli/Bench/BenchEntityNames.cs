using System.Collections.Concurrent;
using MassTransit;

namespace PosSync.Cli.Bench;

/// <summary>
/// The exchanges a benchmark side publishes to, under a prefix of its own: on a shared broker its
/// days never reach the workers' queues (nor the other side's), and the names are kept so the
/// benchmark can delete what it made.
/// </summary>
public sealed class BenchEntityNames(string prefix)
{
    private readonly ConcurrentDictionary<string, byte> _exchanges = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _queues = new(StringComparer.Ordinal);

    public IReadOnlyCollection<string> Exchanges => _exchanges.Keys.ToList();
    public IReadOnlyCollection<string> Queues => _queues.Keys.ToList();

    public void Apply(IBusFactoryConfigurator bus) =>
        bus.MessageTopology.SetEntityNameFormatter(new Prefixed(bus.MessageTopology.EntityNameFormatter, prefix, this));

    /// <summary>An endpoint's queue, and the error and skipped queues MassTransit may add to it.</summary>
    public void AddQueue(string queue)
    {
        foreach (var name in new[] { queue, queue + "_error", queue + "_skipped" }) _queues.TryAdd(name, 0);
    }

    private sealed class Prefixed(IEntityNameFormatter inner, string prefix, BenchEntityNames names) : IEntityNameFormatter
    {
        public string FormatEntityName<T>()
        {
            var name = prefix + inner.FormatEntityName<T>();
            names._exchanges.TryAdd(name, 0);
            return name;
        }
    }
}
