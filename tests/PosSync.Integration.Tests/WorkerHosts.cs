using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using PosSync.Pipeline;
using PosSync.Pipeline.Stages;
using PosSync.ServiceDefaults;
using PosSync.Testing;

namespace PosSync.Integration.Tests;

/// <summary>
/// The three workers, each its own host built exactly as its Program.cs builds it, on the private
/// RabbitMQ with queue names unique to this run, sharing one SQLite world.
/// </summary>
public sealed class WorkerHosts : IAsyncDisposable
{
    private readonly List<WebApplication> _hosts = [];

    private WorkerHosts(TestWorld world, string prefix, bool temporaryQueues, IReadOnlyList<string> settings)
    {
        World = world;
        Prefix = prefix;
        _temporaryQueues = temporaryQueues;
        _settings = settings;
    }

    private readonly bool _temporaryQueues;
    private readonly IReadOnlyList<string> _settings;

    public TestWorld World { get; }
    public string Prefix { get; }
    public IReadOnlyList<WebApplication> Hosts => _hosts;

    /// <param name="temporaryQueues">
    /// Auto-deleted queues vanish with the hosts; a test that needs another connection (the CLI) to
    /// reach an error queue asks for durable ones, which are deleted at the end instead.
    /// </param>
    /// <param name="settings">More settings for every worker, as command-line arguments (--Section:Key=value).</param>
    public static async Task<WorkerHosts> StartAsync(Action<IBusRegistrationConfigurator>? extra = null,
        CancellationToken cancellationToken = default,
        bool temporaryQueues = true, IReadOnlyList<string>? settings = null)
    {
        TestBroker.Require();
        var world = await TestWorld.CreateAsync();
        var hosts = new WorkerHosts(world, "it" + Guid.NewGuid().ToString("N")[..10], temporaryQueues, settings ?? []);
        var stages = new (string Name, Action<IBusRegistrationConfigurator> Stage)[]
        {
            ("possync-pos-ingest", b => b.AddPosIngestStage()),
            ("possync-reconciliation", b => b.AddReconciliationStage()),
            ("possync-accounting-export", b => b.AddAccountingExportStage()),
        };
        foreach (var (name, stage) in stages)
        {
            var app = WorkerHost.Build(hosts.Arguments(), name, stage);
            hosts._hosts.Add(app);
            await app.StartAsync(cancellationToken);
        }
        if (extra is not null)
        {
            var app = WorkerHost.Build(hosts.Arguments(), "possync-test-observer", extra);
            hosts._hosts.Add(app);
            await app.StartAsync(cancellationToken);
        }
        return hosts;
    }

    private string[] Arguments() =>
    [
        "--urls=http://127.0.0.1:0",
        "--Messaging:Transport=RabbitMq",
        $"--Messaging:RabbitMq:Host={TestBroker.Host}",
        $"--Messaging:RabbitMq:Port={TestBroker.Port}",
        $"--Messaging:EndpointPrefix={Prefix}",
        $"--Messaging:TemporaryQueues={_temporaryQueues}",
        "--Messaging:StartTimeoutSeconds=20",
        $"--Storage:DataDirectory={World.Folder}",
        "--Logging:LogLevel:Default=Warning",
        "--Logging:LogLevel:PosSync=Error",
        .. _settings,
    ];

    public IBus Bus => _hosts[0].Services.GetRequiredService<IBus>();

    public Uri Address(WebApplication host) =>
        new(host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    /// <summary>The stage queues, named as the workers and the scheduler name them.</summary>
    private IReadOnlyList<string> StageQueues() => RabbitMqStageQueues.StageQueueNames(Prefix);

    /// <summary>The queues of the stages' fault handlers, named by the same formatter the workers use.</summary>
    private IReadOnlyList<string> FaultHandlerQueues()
    {
        var formatter = new StageEndpointNames(Prefix);
        return [
            formatter.Consumer<PosIngestFaultConsumer>(),
            formatter.Consumer<ReconciliationFaultConsumer>(),
            formatter.Consumer<AccountingExportFaultConsumer>()];
    }

    /// <summary>The stage queues' error queues.</summary>
    public IReadOnlyList<string> ErrorQueues() => [.. StageQueues().Select(q => q + "_error")];

    /// <summary>The error queues of the stages' fault handlers: where a fault that could not be recorded ends.</summary>
    public IReadOnlyList<string> FaultHandlerErrorQueues() => [.. FaultHandlerQueues().Select(q => q + "_error")];

    public async ValueTask DisposeAsync()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        foreach (var host in _hosts)
        {
            await host.StopAsync(stop.Token);
            await host.DisposeAsync();
        }
        await Broker.DeleteQueuesAsync([.. StageQueues(), .. FaultHandlerQueues(), .. ErrorQueues(), .. FaultHandlerErrorQueues()]);
        World.Dispose();
    }
}
