using Microsoft.Extensions.DependencyInjection;
using PosSync.Connectors;
using PosSync.Pipeline;
using PosSync.Storage.Stores;
using PosSync.Testing;

namespace PosSync.Connectors.Tests;

/// <summary>The connectors as the pipeline builds them, over a real SQLite world and the sandboxes on loopback.</summary>
public sealed class ConnectorRig : IAsyncDisposable
{
    private readonly ServiceProvider _provider;

    private ConnectorRig(ServiceProvider provider, TestWorld world, VendorWorld vendors)
    {
        _provider = provider;
        World = world;
        Vendors = vendors;
    }

    public TestWorld World { get; }
    public VendorWorld Vendors { get; }
    public T Get<T>() where T : notnull => _provider.GetRequiredService<T>();
    public ConnectionStore Connections => Get<ConnectionStore>();
    public ConnectorContext Context { get; } = new("c-brasserie", Guid.NewGuid());

    /// <param name="configure">Changes to the services after the pipeline's (a contract-checking handler under a vendor's client, say).</param>
    public static async Task<ConnectorRig> StartAsync(
        double timeoutSeconds = 2,
        int transientRetries = 2,
        Action<IServiceCollection>? configure = null)
    {
        var world = await TestWorld.CreateAsync();
        var vendors = await VendorWorld.StartAsync();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddPipelineServices(world.Database, world.Files, vendors.Options(timeoutSeconds, transientRetries), world.Protector);
        configure?.Invoke(services);
        var rig = new ConnectorRig(services.BuildServiceProvider(), world, vendors);
        await vendors.ConnectAsync(rig.Connections, "c-brasserie");
        return rig;
    }

    public T Pos<T>() where T : IPosConnector => _provider.GetServices<IPosConnector>().OfType<T>().Single();
    public T Target<T>() where T : IAccountingTarget => _provider.GetServices<IAccountingTarget>().OfType<T>().Single();

    public Task<IReadOnlyList<RequestRecord>> RequestsAsync() => World.Requests.ListAsync("c-brasserie", null, null, 1000, CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        await _provider.DisposeAsync();
        await Vendors.DisposeAsync();
        World.Dispose();
    }
}
