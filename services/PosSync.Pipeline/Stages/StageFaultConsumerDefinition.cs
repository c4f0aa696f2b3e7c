using Microsoft.Extensions.DependencyInjection;
using MassTransit;

namespace PosSync.Pipeline.Stages;

/// <summary>
/// A stage's fault handler retries like the stage: a database briefly down is the likeliest reason
/// the stage faulted at all, and without a retry the handler faulted too (to the `-fault_error`
/// queue) and left the run `running` with no fault recorded.
/// </summary>
public sealed class StageFaultConsumerDefinition<TConsumer> : ConsumerDefinition<TConsumer> where TConsumer : class, IConsumer
{
    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<TConsumer> consumerConfigurator, IRegistrationContext context) =>
        endpointConfigurator.UseMessageRetry(context.GetRequiredService<TransientRetry>().Configure);
}
