using MassTransit;
using PosSync.Pipeline.Stages;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using PosSync.Connectors.Files;
using PosSync.Connectors.Http;
using PosSync.Pipeline;

namespace PosSync.ServiceDefaults;

/// <summary>
/// What every PosSync process shares: options bound and validated at start, the database (migrated
/// at start in the embedded mode), the bus on the configured transport, OpenTelemetry, health
/// checks and graceful shutdown. A worker's Program.cs only says which stage it runs.
/// </summary>
public static class HostingDefaults
{
    /// <summary>How long the host waits for work to finish on SIGTERM; pods must grant more.</summary>
    public static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(90);

    /// <param name="topology">Said to the transport before its endpoints (the benchmark's own exchange names on a shared broker).</param>
    public static IHostApplicationBuilder AddPosSyncDefaults(this IHostApplicationBuilder builder, string serviceName,
        Action<IBusRegistrationConfigurator> stages, Action<IBusFactoryConfigurator>? topology = null)
    {
        var configuration = builder.Configuration;
        var messaging = OptionsCheck.Bind<MessagingOptions>(configuration, MessagingOptions.Section);
        var storage = OptionsCheck.Bind<StorageOptions>(configuration, StorageOptions.Section);
        var connectors = OptionsCheck.Bind<ConnectorsOptions>(configuration, ConnectorsOptions.Section);
        var vendors = OptionsCheck.Bind<VendorOptions>(configuration, VendorOptions.Section);
        var database = storage.CreateDatabase();
        var files = new FileConnectorOptions
        {
            PosFolder = connectors.PosFolder ?? Path.Combine(storage.DataDirectory, "pos"),
            EntriesFolder = connectors.EntriesFolder ?? Path.Combine(storage.DataDirectory, "accounting"),
            FecFolder = connectors.FecFolder ?? Path.Combine(storage.DataDirectory, "fec"),
        };

        var services = builder.Services;
        services.AddSingleton(messaging);
        services.AddSingleton(storage);
        services.AddSingleton(new TransientRetry(TimeSpan.FromSeconds(messaging.RetryPatienceSeconds)));
        if (messaging.Transport == MessagingTransport.RabbitMq)
            services.AddSingleton<Pipeline.Operations.IStageQueues>(new RabbitMqStageQueues(messaging));
        services.AddPipelineServices(database, files, vendors, SecretKeys.Resolve(configuration, storage));
        // Registered before the bus so the schema exists before the first message is consumed.
        if (storage.ShouldMigrateOnStart) services.AddHostedService<MigrateOnStart>();

        services.AddPosSyncBus(messaging, stages, topology);
        services.Configure<HostOptions>(o => o.ShutdownTimeout = ShutdownTimeout);
        services.AddHealthChecks().AddCheck("self", () => HealthCheckResult.Healthy(), tags: ["live"]);
        builder.AddPosSyncTelemetry(serviceName);
        return builder;
    }

    public static IServiceCollection AddPosSyncBus(this IServiceCollection services, MessagingOptions messaging,
        Action<IBusRegistrationConfigurator> stages, Action<IBusFactoryConfigurator>? topology = null)
    {
        services.AddMassTransit(bus =>
        {
            bus.DisableUsageTelemetry();
            bus.SetEndpointNameFormatter(new StageEndpointNames(messaging.EndpointPrefix));
            stages(bus);
            bus.AddConfigureEndpointsCallback((_, _, endpoint) =>
            {
                endpoint.PrefetchCount = messaging.PrefetchCount;
                if (messaging.TemporaryQueues && endpoint is IRabbitMqReceiveEndpointConfigurator rabbit)
                {
                    rabbit.AutoDelete = true;
                    rabbit.Durable = false;
                }
            });
            if (messaging.Transport == MessagingTransport.RabbitMq)
            {
                var rabbit = messaging.RabbitMq;
                bus.UsingRabbitMq((context, cfg) =>
                {
                    cfg.Host(rabbit.Host, (ushort)rabbit.Port, rabbit.VirtualHost, h =>
                    {
                        h.Username(rabbit.Username);
                        h.Password(rabbit.Password);
                    });
                    cfg.ConfigureJsonSerializerOptions(MessageJson.Configure);
                    PrefixedExchangeNames.Apply(cfg, messaging.EndpointPrefix);
                    topology?.Invoke(cfg);
                    cfg.ConfigureEndpoints(context);
                });
            }
            else
            {
                bus.UsingInMemory((context, cfg) =>
                {
                    cfg.ConfigureJsonSerializerOptions(MessageJson.Configure);
                    topology?.Invoke(cfg);
                    cfg.ConfigureEndpoints(context);
                });
            }
        });
        services.AddOptions<MassTransitHostOptions>().Configure(o =>
        {
            // Block start until the endpoints are bound: a message published earlier would be routed nowhere.
            o.WaitUntilStarted = true;
            o.StartTimeout = TimeSpan.FromSeconds(messaging.StartTimeoutSeconds);
            o.StopTimeout = TimeSpan.FromSeconds(75);
            o.ConsumerStopTimeout = TimeSpan.FromSeconds(60);
        });
        return services;
    }

    public static IHostApplicationBuilder AddPosSyncTelemetry(this IHostApplicationBuilder builder, string serviceName)
    {
        builder.Logging.AddOpenTelemetry(o =>
        {
            o.IncludeScopes = true;
            o.IncludeFormattedMessage = true;
        });
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(serviceName, serviceVersion: typeof(HostingDefaults).Assembly.GetName().Version?.ToString()))
            .WithTracing(t => t
                .AddSource("MassTransit", PipelineTelemetry.Name)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddSqlClientInstrumentation(o => o.RecordException = true))
            .WithMetrics(m => m
                .AddMeter("MassTransit", PipelineTelemetry.Name)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddSqlClientInstrumentation()
                .AddRuntimeInstrumentation());
        // Exporting only when a collector is configured keeps tests and CI quiet.
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"])) telemetry.UseOtlpExporter();
        return builder;
    }

    /// <summary>
    /// /health/live: the process itself (a broker outage must not restart pods); /health/ready: the bus
    /// too. MassTransit's bus check (tags "ready", "masstransit") reports a lost broker connection as
    /// Degraded, which ASP.NET Core answers with 200 by default; ready answers 503 for it, so a pod
    /// that cannot take work leaves the Service until the bus has reconnected.
    /// </summary>
    public static WebApplication MapPosSyncHealth(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = c => c.Tags.Contains("live") });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = c => c.Tags.Contains("ready") || c.Tags.Contains("live"),
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status503ServiceUnavailable,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
        });
        return app;
    }
}
