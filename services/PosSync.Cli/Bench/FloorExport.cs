using MassTransit;
using PosSync.Contracts;

namespace PosSync.Cli.Bench;

/// <summary>The floor's third hop: takes the entry and says it is booked, doing nothing else.</summary>
public sealed class FloorExport : IConsumer<ServiceDayReconciled>
{
    public Task Consume(ConsumeContext<ServiceDayReconciled> context) => context.Publish(new ServiceDayBooked
    {
        Run = context.Message.Run, EntryNumber = context.Message.Entry!.Number, AccountingId = "floor:" + context.Message.Entry.Number,
    }, context.CancellationToken);
}
