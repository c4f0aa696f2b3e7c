using MassTransit;

namespace PosSync.Pipeline.Measuring;

public static class StatementCountingRegistration
{
    /// <summary>Every endpoint of the bus counts its statements under the stage of the message it consumes.</summary>
    public static IBusRegistrationConfigurator CountStatementsByStage(this IBusRegistrationConfigurator bus)
    {
        bus.AddConfigureEndpointsCallback((_, _, endpoint) => endpoint.UseFilter(new StageStatementScope()));
        return bus;
    }
}
