using MassTransit;

namespace PosSync.ServiceDefaults;

/// <summary>
/// The exchanges messages are published to, under <c>Messaging:EndpointPrefix</c> like the queues.
/// MassTransit names an exchange after the message type alone, so two deployments sharing a broker
/// (staging beside production, a test beside the demo) would each deliver their days to the other's
/// queues; with the prefix on both, each only ever reaches its own.
/// </summary>
public sealed class PrefixedExchangeNames(IEntityNameFormatter inner, string prefix) : IEntityNameFormatter
{
    public string FormatEntityName<T>() => $"{prefix}.{inner.FormatEntityName<T>()}";

    /// <summary>Applied when a prefix is set; without one the exchanges keep MassTransit's names, as before.</summary>
    public static void Apply(IBusFactoryConfigurator bus, string prefix)
    {
        if (prefix.Length > 0) bus.MessageTopology.SetEntityNameFormatter(new PrefixedExchangeNames(bus.MessageTopology.EntityNameFormatter, prefix));
    }
}
