using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using PosSync.Pipeline;

namespace PosSync.Cli.Bench;

/// <summary>A floor hop's endpoint set up as a stage's is (messages at once, retry, in-memory outbox), so only the stage's work differs.</summary>
public sealed class FloorHopDefinition<T> : ConsumerDefinition<T> where T : class, IConsumer
{
    public FloorHopDefinition() => ConcurrentMessageLimit = 4;

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<T> consumerConfigurator,
        IRegistrationContext context)
    {
        endpointConfigurator.UseMessageRetry(context.GetRequiredService<TransientRetry>().Configure);
        endpointConfigurator.UseInMemoryOutbox(context);
    }
}
