using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

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
        await using (app)
        {
            try
            {
                await app.StartAsync();
            }
            catch (Exception e) when (BrokerUnreachable.Matches(e, Messaging(app), app.Lifetime.ApplicationStopping.IsCancellationRequested))
            {
                // MassTransit already logged every attempt; what ends the process is one line, as for a bad setting.
                (errors ?? Console.Error).WriteLine($"{serviceName} cannot start: {BrokerUnreachable.Describe(e, Messaging(app))}");
                await StopQuietlyAsync(app);
                return 1;
            }
            catch (OperationCanceledException) when (app.Lifetime.ApplicationStopping.IsCancellationRequested)
            {
                // SIGTERM while starting: the worker was asked to stop, which is not a failure.
                await StopQuietlyAsync(app);
                return 0;
            }
            await app.WaitForShutdownAsync();
        }
        return 0;
    }

    private static MessagingOptions Messaging(WebApplication app) => app.Services.GetRequiredService<MessagingOptions>();

    /// <summary>Stops what did start (the web server, the bus's reconnection loop) without letting a second failure hide the first.</summary>
    private static async Task StopQuietlyAsync(WebApplication app)
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await app.StopAsync(limit.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or RabbitMqConnectionException or AggregateException)
        {
            // Already reported: the broker is the problem.
        }
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
