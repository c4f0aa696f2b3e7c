using System.CommandLine;
using System.Globalization;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PosSync.Connectors.Files;
using PosSync.Connectors.Http;
using PosSync.Pipeline;
using PosSync.Pipeline.Operations;
using PosSync.ServiceDefaults;
using PosSync.Storage.Migrations;
using PosSync.Storage.Stores;

namespace PosSync.Cli.Support;

/// <summary>
/// What the support and operations commands run on: the same database as the workers (--data for
/// the embedded SQLite store; Storage__Engine / Storage__ConnectionString for SQL Server), the same
/// stores and connectors, configured from the environment like every PosSync process.
/// </summary>
public static class CliServices
{
    public static readonly Option<string?> Data = new("--data") { Description = "The embedded data folder (default ./.possync); SQL " +
        "Server is configured by Storage__Engine and Storage__ConnectionString", Recursive = true };
    public static readonly Option<bool> Json = new("--json") { Description = "Print JSON instead of a table", Recursive = true };

    /// <summary>
    /// How long a command waits for a locked database before it says so (SQLite's busy handler
    /// retries the lock all that time): a person at a prompt, or a CronJob that runs again in a few
    /// minutes, is better told within seconds than kept waiting like a worker. Storage__LockTimeoutSeconds overrides it.
    /// </summary>
    public const int LockTimeoutSeconds = 10;

    public static IConfigurationRoot Configuration(string? dataDirectory) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Storage:LockTimeoutSeconds"] = LockTimeoutSeconds.ToString(CultureInfo.InvariantCulture),
            })
            .AddRecordedVendors(dataDirectory)
            .AddEnvironmentVariables()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:DataDirectory"] = dataDirectory }.Where(p => p.Value is not null))
            .Build();

    /// <summary>The stores and operations, without a bus: for commands that only read or write the database.</summary>
    /// <param name="callsVendors">The command calls the vendors (a consent): a demo folder's sandboxes must be running.</param>
    public static async Task<ServiceProvider> OpenAsync(string? dataDirectory, CancellationToken cancellationToken, bool callsVendors = false)
    {
        var configuration = Configuration(dataDirectory);
        var storage = OptionsCheck.Bind<StorageOptions>(configuration, StorageOptions.Section);
        var connectors = OptionsCheck.Bind<ConnectorsOptions>(configuration, ConnectorsOptions.Section);
        var vendors = OptionsCheck.Bind<VendorOptions>(configuration, VendorOptions.Section);
        DemoFolder.Guard(dataDirectory, vendors, callsVendors);
        var database = storage.CreateDatabase();
        if (storage.ShouldMigrateOnStart) await MigrationRunner.ApplyAsync(database, cancellationToken);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddPipelineServices(database, Files(storage, connectors), vendors, SecretKeys.Resolve(configuration, storage));
        return services.BuildServiceProvider();
    }

    public static FileConnectorOptions Files(StorageOptions storage, ConnectorsOptions connectors) => new()
    {
        PosFolder = connectors.PosFolder ?? Path.Combine(storage.DataDirectory, "pos"),
        EntriesFolder = connectors.EntriesFolder ?? Path.Combine(storage.DataDirectory, "accounting"),
        FecFolder = connectors.FecFolder ?? Path.Combine(storage.DataDirectory, "fec"),
    };

    /// <summary>
    /// Runs an operation that starts day runs. On RabbitMQ it only publishes: the workers do the
    /// rest. On the in-memory transport (the embedded default) nothing else would hear the messages,
    /// so the three stages run in this process and the command waits for the runs it started.
    /// Stopped (Ctrl+C, SIGTERM), it starts nothing more and, on the embedded transport, winds its
    /// runs down (<see cref="WindDown"/>) before the cancellation goes on up.
    /// </summary>
    public static async Task<BusRun<T>> WithBusAsync<T>(string? dataDirectory, TextWriter progress,
        Func<IServiceProvider, IPublishEndpoint, Task<T>> operation, Func<T, IEnumerable<Guid>> started, CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddConfiguration(Configuration(dataDirectory));
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning).AddFilter("PosSync", LogLevel.Error);
        var embedded = OptionsCheck.Bind<MessagingOptions>(builder.Configuration, MessagingOptions.Section).Transport == MessagingTransport.InMemory;
        DemoFolder.Guard(dataDirectory, OptionsCheck.Bind<VendorOptions>(builder.Configuration, VendorOptions.Section), callsVendors: false);
        var gate = new IntakeGate();
        builder.AddPosSyncDefaults("possync-cli", bus =>
        {
            if (!embedded) return;
            bus.AddAllStages();
            bus.AddConfigureEndpointsCallback((_, _, endpoint) => endpoint.UseFilter(new IntakeGateFilter(gate)));
        });
        builder.Services.AddSingleton<IHostLifetime, CommandLifetime>();
        using var host = builder.Build();
        await host.StartAsync(cancellationToken);
        var runs = new StartedRuns();
        using var observing = host.Services.GetRequiredService<IBus>().ConnectPublishObserver(runs);
        var log = host.Services.GetRequiredService<ExecutionLog>();
        var stopped = false;
        try
        {
            var result = await operation(host.Services, host.Services.GetRequiredService<IBus>());
            var ids = started(result).ToList();
            IReadOnlyDictionary<Guid, ExecutionRecord?> finals = new Dictionary<Guid, ExecutionRecord?>();
            if (embedded && ids.Count > 0) finals = await RunProgress.WaitAsync(log, ids, progress, TimeSpan.FromMinutes(30), cancellationToken);
            return new BusRun<T>(result, finals, embedded);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested && embedded)
        {
            await WindDown.RunAsync(host, gate, log, runs.Ids, progress);
            stopped = true;
            throw;
        }
        finally
        {
            if (!stopped)
            {
                // Bounded when stopped by a signal: on RabbitMQ there is nothing in hand to wait for.
                using var limit = cancellationToken.IsCancellationRequested ? new CancellationTokenSource(TimeSpan.FromSeconds(2))
                    : new CancellationTokenSource();
                await host.StopAsync(limit.Token);
            }
        }
    }

    /// <summary>
    /// Before a command that may start many runs at once (the schedule's back-fill): a demo folder's
    /// sandboxes must be running, or the command says how to start them instead of failing every day.
    /// </summary>
    public static void RequireSandboxOfDemoFolder(string? dataDirectory) =>
        DemoFolder.Guard(dataDirectory, OptionsCheck.Bind<VendorOptions>(Configuration(dataDirectory), VendorOptions.Section), callsVendors: true);

    /// <summary>The configured database, without credentials, for a message naming it.</summary>
    public static string DescribeDatabase(string? dataDirectory)
    {
        try
        {
            return OptionsCheck.Bind<StorageOptions>(Configuration(dataDirectory), StorageOptions.Section).CreateDatabase().Describe();
        }
        catch (Exception e) when (e is PosSyncConfigurationException or ArgumentException)
        {
            return "(its settings are not readable)";
        }
    }

    public static DateOnly? ParseDate(string? text, string option)
    {
        if (text is null) return null;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return date;
        throw new OperationRefusedException($"{option} must be a date as yyyy-MM-dd, not \"{text}\".");
    }
}
