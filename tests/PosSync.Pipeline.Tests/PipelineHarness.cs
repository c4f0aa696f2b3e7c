using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;
using PosSync.Pipeline;
using PosSync.Testing;

namespace PosSync.Pipeline.Tests;

/// <summary>One MassTransit test harness per test, running the real stages over a real SQLite world.</summary>
public sealed class PipelineHarness : IAsyncDisposable
{
    private readonly ServiceProvider _provider;

    private PipelineHarness(ServiceProvider provider, TestWorld world)
    {
        _provider = provider;
        World = world;
        Harness = provider.GetRequiredService<ITestHarness>();
    }

    public TestWorld World { get; }
    public ITestHarness Harness { get; }

    public static async Task<PipelineHarness> StartAsync(Action<IBusRegistrationConfigurator>? stages = null)
    {
        var world = await TestWorld.CreateAsync();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddPipelineServices(world.Database, world.Files);
        services.AddMassTransitTestHarness(bus => (stages ?? (b => b.AddAllStages()))(bus));
        var provider = services.BuildServiceProvider(validateScopes: true);
        var harness = new PipelineHarness(provider, world);
        harness.Harness.TestTimeout = TimeSpan.FromSeconds(20);
        await harness.Harness.Start();
        return harness;
    }

    public async ValueTask DisposeAsync()
    {
        await Harness.Stop();
        await _provider.DisposeAsync();
        World.Dispose();
    }
}
