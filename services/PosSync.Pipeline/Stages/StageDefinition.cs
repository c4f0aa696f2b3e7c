using Microsoft.Extensions.DependencyInjection;
using MassTransit;

namespace PosSync.Pipeline.Stages;

/// <summary>
/// How every stage's endpoint is set up: four days at a time, brief retries of transient failures,
/// and messages published only once the stage succeeded (in-memory outbox).
/// </summary>
public sealed class StageDefinition<TStage> : ConsumerDefinition<TStage> where TStage : class, IConsumer
{
    public StageDefinition() => ConcurrentMessageLimit = 4;

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<TStage> consumerConfigurator, IRegistrationContext context)
    {
        endpointConfigurator.UseMessageRetry(context.GetRequiredService<TransientRetry>().Configure);
        endpointConfigurator.UseInMemoryOutbox(context);
    }
}
