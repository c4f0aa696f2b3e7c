using System.Collections.Concurrent;
using MassTransit;
using PosSync.Contracts;

namespace PosSync.Cli.Support;

/// <summary>
/// Every day run this process hands to the bus, noted as it is published. When a command is
/// stopped half-way its operation throws, and its report (the list of started days) is lost: this
/// is what the wind-down still knows. Noted before the publish, so a message that reached the
/// queue while its publish was being cancelled is not forgotten.
/// </summary>
public sealed class StartedRuns : IPublishObserver
{
    private readonly ConcurrentDictionary<Guid, bool> _ids = new();

    public IReadOnlyCollection<Guid> Ids => _ids.Keys.ToList();

    public Task PrePublish<T>(PublishContext<T> context) where T : class
    {
        if (context.Message is SyncServiceDay day) _ids.TryAdd(day.Run.ExecutionId, true);
        return Task.CompletedTask;
    }

    public Task PostPublish<T>(PublishContext<T> context) where T : class => Task.CompletedTask;

    public Task PublishFault<T>(PublishContext<T> context, Exception exception) where T : class => Task.CompletedTask;
}
