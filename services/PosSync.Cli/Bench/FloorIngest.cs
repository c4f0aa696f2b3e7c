using MassTransit;
using PosSync.Contracts;

namespace PosSync.Cli.Bench;

/// <summary>The floor's first hop: takes the day's command and passes on the ingested day, doing nothing else.</summary>
public sealed class FloorIngest(FloorTemplate template) : IConsumer<SyncServiceDay>
{
    public Task Consume(ConsumeContext<SyncServiceDay> context) =>
        context.Publish(new ServiceDayIngested { Run = context.Message.Run, Day = template.Day }, context.CancellationToken);
}
