using MassTransit;
using PosSync.Contracts;

namespace PosSync.Cli.Bench;

/// <summary>The floor's second hop: takes the ingested day and passes on its entry, doing nothing else.</summary>
public sealed class FloorReconcile(FloorTemplate template) : IConsumer<ServiceDayIngested>
{
    public Task Consume(ConsumeContext<ServiceDayIngested> context) =>
        context.Publish(new ServiceDayReconciled { Run = context.Message.Run, Entry = template.Entry }, context.CancellationToken);
}
