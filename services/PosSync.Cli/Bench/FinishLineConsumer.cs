using MassTransit;
using PosSync.Contracts;

namespace PosSync.Cli.Bench;

/// <summary>The last hop of both sides of the benchmark: a booked day has crossed the finish line.</summary>
public sealed class FinishLineConsumer(FinishLine line) : IConsumer<ServiceDayBooked>
{
    public Task Consume(ConsumeContext<ServiceDayBooked> context)
    {
        line.Reached(context.Message.Run.ExecutionId);
        return Task.CompletedTask;
    }
}
