using MassTransit;
using Microsoft.AspNetCore.Builder;

namespace PosSync.ServiceDefaults;

/// <summary>Builds one worker process: the shared defaults, one stage, and the health endpoints.</summary>
public static class WorkerHost
{
    /// <summary>
    /// A worker's whole life: a configuration it cannot start with ends it with exit code 1 and one
    /// line naming each bad setting (what an operator reads in the pod's log), not a stack trace.
    /// </summary>
    public static async Task<int> RunAsync(string[] args, string serviceName, Action<IBusRegistrationConfigurator> stage, TextWriter? errors = null)
    {
        WebApplication app;
        try
        {
            app = Build(args, serviceName, stage);
        }
        catch (PosSyncConfigurationException e)
        {
            (errors ?? Console.Error).WriteLine($"{serviceName} cannot start: {e.Message}");
            return 1;
        }
        await using (app) await app.RunAsync();
        return 0;
    }

    public static WebApplication Build(string[] args, string serviceName, Action<IBusRegistrationConfigurator> stage)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddPosSyncDefaults(serviceName, stage);
        var app = builder.Build();
        app.MapPosSyncHealth();
        return app;
    }
}
