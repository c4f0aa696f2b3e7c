using MassTransit;
using Microsoft.AspNetCore.Builder;

namespace PosSync.ServiceDefaults;

/// <summary>Builds one worker process: the shared defaults, one stage, and the health endpoints.</summary>
public static class WorkerHost
{
    public static WebApplication Build(string[] args, string serviceName, Action<IBusRegistrationConfigurator> stage)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddPosSyncDefaults(serviceName, stage);
        var app = builder.Build();
        app.MapPosSyncHealth();
        return app;
    }
}
